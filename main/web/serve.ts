import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs, UsageError } from '../cli/args';
import { createDefaultServices } from '../services/default';
import { repoRoot } from '../services/resources';
import { resolveDataDir } from '../review/data-dir';
import { startWebHost } from './host';

/**
 * `npm run serve [-- --port N]`: the whole workstation in a browser. Prints exactly one line with the URL
 * (token included) so scripts and people can pick it up.
 */
export async function run(argv: string[]): Promise<number> {
  let opts;
  try {
    opts = parseArgs(argv, { values: ['port', 'data-dir', 'static'], flags: [] });
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`serve: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  const port = opts.options.port === undefined ? 0 : Number(opts.options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write('serve: --port must be a number from 0 to 65535\n');
    return 2;
  }
  const staticDir = String(opts.options.static ?? path.join(repoRoot(), 'out', 'renderer'));
  if (!existsSync(path.join(staticDir, 'index.html'))) {
    process.stderr.write(`serve: no built renderer in ${staticDir} — run "npm run build" first\n`);
    return 2;
  }
  const dataDir = resolveDataDir({
    flag: typeof opts.options['data-dir'] === 'string' ? opts.options['data-dir'] : null,
  });
  const version = (await import(pathToFileURL(path.join(repoRoot(), 'package.json')).href, { with: { type: 'json' } }))
    .default.version as string;
  let handlers;
  try {
    handlers = await createDefaultServices({ dataDir, transport: 'web', version });
  } catch (err) {
    // Above all a data dir another process has open (one writer per data dir): one line, and a non-zero exit.
    process.stderr.write(`serve: ${(err as Error).message ?? String(err)}\n`);
    return 1;
  }
  const host = await startWebHost({ handlers, staticDir, port });
  process.stdout.write(`Workstation: ${host.url}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await host.close();
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await run(process.argv.slice(2));
}

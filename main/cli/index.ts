import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * `budget-review <command> …`: each command is its own module (main/cli/<command>.ts) exporting
 * `run(argv): Promise<number>`, loaded only when asked for so that `--help` stays instant.
 */
const COMMANDS: Record<string, string> = {
  extract: 'Extract every table: budget-review extract FILE.pdf [--format json|csv] [--out FILE] [--no-ocr]',
  validate:
    'Extract and run the reconciliation checks: budget-review validate FILE.pdf [--format json|text] [--out FILE] [--fail-on error|warning] [--coverage]',
  export:
    'Export a dataset or a whole folder: budget-review export FILE.pdf|DIR --format xlsx|csv|json --out PATH [--data-dir DIR]',
  dataset:
    'Tidy rows of every PDF in a folder: budget-review dataset DIR --format csv|xlsx|parquet --out FILE [--shard i/n] [--jobs N] [--strict]',
  compare:
    'Read two documents of one department against each other: budget-review compare A.pdf B.pdf [--format text|json]',
  rules: 'List every reconciliation rule, what it checks and what it needs: budget-review rules [--format text|json]',
  verify:
    "Check an exported dataset's signature, hashes and audit trail: budget-review verify FILE [--trust KEYFILE]… [--data-dir DIR]",
  serve:
    'Serve the workstation in the browser on 127.0.0.1: budget-review serve [--port N] [--data-dir DIR] [--open FILE.pdf]',
};

export function usage(): string {
  const lines = Object.entries(COMMANDS).map(([c, d]) => `  ${c.padEnd(9)} ${d}`);
  return ['预决算审阅台 Budget Review Workstation — command line', '', 'Commands:', ...lines, ''].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  if (!cmd || cmd === '--help' || cmd === '-h' || cmd === 'help') {
    process.stdout.write(usage());
    return cmd ? 0 : 2;
  }
  if (!Object.prototype.hasOwnProperty.call(COMMANDS, cmd)) {
    process.stderr.write(`budget-review: unknown command "${cmd}"\n\n${usage()}`);
    return 2;
  }
  const here = path.dirname(fileURLToPath(import.meta.url));
  const file = cmd === 'serve' ? path.join(here, '..', 'web', 'serve.ts') : path.join(here, `${cmd}.ts`);
  if (!existsSync(file)) {
    process.stderr.write(`budget-review: the ${cmd} command is not available in this build\n`);
    return 2;
  }
  const mod = (await import(pathToFileURL(file).href)) as { run(argv: string[]): Promise<number> };
  try {
    return await mod.run(rest);
  } catch (err) {
    process.stderr.write(`budget-review ${cmd}: ${(err as Error).message ?? String(err)}\n`);
    return 1;
  }
}

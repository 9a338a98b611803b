import { readFile } from 'node:fs/promises';
import { verifyExport, type VerifyResult } from '../export/verify';
import { parseArgs, UsageError } from './args';

const USAGE = 'usage: budget-review verify FILE [--public-key BASE64|FILE] [--json]';

export interface VerifyIo {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
}

export function formatVerifyResult(file: string, r: VerifyResult): string {
  const lines = [`${file}: ${r.valid ? 'VALID' : 'INVALID'} (${r.format})`];
  if (r.signOff) {
    lines.push(
      `  signed off by ${r.signOff.reviewer} at ${r.signOff.at}, revision ${r.signOff.revision}, key ${r.signOff.keyFingerprint}`,
    );
    if (r.signOff.note) lines.push(`  note: ${r.signOff.note}`);
  }
  for (const c of r.checks) lines.push(`  ${c.ok ? 'ok  ' : 'FAIL'} ${c.check}: ${c.detail}`);
  if (r.differences.length) {
    lines.push(`  differences from the signed dataset (${r.differences.length}):`);
    for (const d of r.differences) lines.push(`    - ${d.description}`);
  }
  return `${lines.join('\n')}\n`;
}

/** `budget-review verify FILE`: exit 0 when the signature and every hash check out, 1 when not, 2 on misuse. */
export async function run(argv: string[], io: VerifyIo = process): Promise<number> {
  let file: string;
  let trusted: string | undefined;
  let asJson = false;
  try {
    const args = parseArgs(argv, { values: ['public-key'], flags: ['json', 'help'] });
    if (args.options.help) {
      io.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (args.positional.length !== 1) throw new UsageError('give exactly one exported file');
    file = args.positional[0]!;
    asJson = args.options.json === true;
    const key = args.options['public-key'];
    if (typeof key === 'string') {
      trusted = /^[A-Za-z0-9+/=\s]+$/.test(key) && key.length > 40 ? key : (await readFile(key, 'utf8')).trim();
    }
  } catch (err) {
    io.stderr.write(`budget-review verify: ${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (err) {
    io.stderr.write(
      `budget-review verify: cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}\n`,
    );
    return 2;
  }
  const result = await verifyExport(bytes, trusted ? { trustedPublicKey: trusted } : {});
  io.stdout.write(asJson ? `${JSON.stringify(result, null, 2)}\n` : formatVerifyResult(file, result));
  return result.valid ? 0 : 1;
}

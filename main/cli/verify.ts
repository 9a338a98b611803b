import { createPublicKey } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { verifyExport, type VerifyResult } from '../export/verify';
import { resolveDataDir } from '../review/data-dir';
import { nodeFs } from '../review/fs-adapter';
import { readPublicKey } from '../review/keys';
import { parseArgs, UsageError } from './args';

const USAGE =
  'usage: budget-review verify FILE [--trust KEYFILE]… [--data-dir DIR] [--public-key BASE64|FILE] [--json]\n' +
  '  Trusted: the workstation key in the data dir (--data-dir, BUDGET_REVIEW_DATA_DIR or the default), and every\n' +
  '  key named with --trust (a .pub file as the workstation writes it, or a PEM public key). A signature by any\n' +
  '  other key is reported as "signed by an unknown key" and fails.';

export interface VerifyIo {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
  env?: NodeJS.ProcessEnv;
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

/** A public key given as base64 SPKI (what `keys/signing-ed25519.pub` holds) or PEM; returned as base64 SPKI. */
export function parsePublicKey(text: string, what: string): string {
  const t = text.trim();
  try {
    const key = t.includes('-----BEGIN')
      ? createPublicKey(t)
      : createPublicKey({ key: Buffer.from(t.replace(/\s+/g, ''), 'base64'), format: 'der', type: 'spki' });
    if (key.asymmetricKeyType !== 'ed25519') throw new Error(`an ${key.asymmetricKeyType} key, not Ed25519`);
    return key.export({ format: 'der', type: 'spki' }).toString('base64');
  } catch (err) {
    throw new UsageError(`${what} is not a public key (${(err as Error).message})`);
  }
}

async function keyFrom(arg: string, what: string): Promise<string> {
  if (/^[A-Za-z0-9+/=\s]+$/.test(arg) && arg.length > 40) return parsePublicKey(arg, what);
  let text: string;
  try {
    text = await readFile(arg, 'utf8');
  } catch (err) {
    throw new UsageError(
      `cannot read ${what} ${arg}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    );
  }
  return parsePublicKey(text, `${what} ${arg}`);
}

/** Pulls every `--trust X` / `--trust=X` out of argv (the option may be given many times). */
function takeRepeated(argv: string[], name: string): { values: string[]; rest: string[] } {
  const values: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      rest.push(...argv.slice(i));
      break;
    }
    if (a === `--${name}`) {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`--${name} needs a value`);
      values.push(v);
    } else if (a.startsWith(`--${name}=`)) values.push(a.slice(name.length + 3));
    else rest.push(a);
  }
  return { values, rest };
}

/** `budget-review verify FILE`: exit 0 when the signature and every hash check out, 1 when not, 2 on misuse. */
export async function run(argv: string[], io: VerifyIo = process): Promise<number> {
  let file: string;
  const trusted: string[] = [];
  let asJson = false;
  try {
    const { values: trustArgs, rest } = takeRepeated(argv, 'trust');
    const args = parseArgs(rest, { values: ['public-key', 'data-dir'], flags: ['json', 'help'] });
    if (args.options.help) {
      io.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (args.positional.length !== 1) throw new UsageError('give exactly one exported file');
    file = args.positional[0]!;
    asJson = args.options.json === true;
    for (const t of trustArgs) trusted.push(await keyFrom(t, '--trust'));
    const key = args.options['public-key'];
    if (typeof key === 'string') trusted.push(await keyFrom(key, '--public-key'));
    const flag = args.options['data-dir'];
    const dataDir = resolveDataDir({ flag: typeof flag === 'string' ? flag : null, env: io.env ?? process.env });
    // The workstation's own key; never created here (verify writes nothing into the data dir).
    const own = await readPublicKey(nodeFs, dataDir).catch(() => null);
    if (own) trusted.push(own);
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
  const result = await verifyExport(bytes, { trustedKeys: trusted });
  io.stdout.write(asJson ? `${JSON.stringify(result, null, 2)}\n` : formatVerifyResult(file, result));
  return result.valid ? 0 : 1;
}

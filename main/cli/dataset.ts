import { readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ExtractedDocument, Finding } from '../../shared/model';
import { datasetRows, type DatasetRow } from '../dataset/rows';
import { FORMATS, openWriter, type DatasetFormat } from '../dataset/writers';
import { oneOf, parseArgs, UsageError } from './args';

const USAGE =
  'usage: budget-review dataset DIR --format csv|xlsx|parquet --out FILE [--shard i/n] [--jobs N] [--strict]\n' +
  '  --shard i/n  only the PDFs whose index in the sorted list ≡ i (mod n), 0 ≤ i < n (one shard per machine)\n' +
  '  --jobs N     documents read at once (default 1)\n' +
  '  --strict     exit 1 when any file failed or held no table (default: only when every file failed)';

export interface DatasetDeps {
  extract(bytes: Uint8Array, file: string, workers: number | undefined): Promise<ExtractedDocument>;
  validate(doc: ExtractedDocument): Finding[];
  stderr: { write(s: string): unknown; isTTY?: boolean; columns?: number };
  now(): number;
}

async function defaultDeps(): Promise<DatasetDeps> {
  const [{ extractDocument }, { validate }] = await Promise.all([
    import('../extraction/index'),
    import('../../shared/validation'),
  ]);
  return {
    extract: (bytes, file, workers) => extractDocument(bytes, { file, ...(workers === undefined ? {} : { workers }) }),
    validate: (doc) => validate(doc),
    stderr: process.stderr,
    now: () => Date.now(),
  };
}

async function isFile(p: string): Promise<boolean> {
  return stat(p)
    .then((s) => s.isFile())
    .catch(() => false);
}

/** Every PDF under `dir`, as paths relative to it, in one order on every machine (code-unit order, '/' separated). */
export async function listPdfs(dir: string, rel = ''): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(path.join(dir, rel), { withFileTypes: true })) {
    const p = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await listPdfs(dir, p)));
    else if (!/\.pdf$/iu.test(e.name)) continue;
    else if (e.isFile()) out.push(p);
    // A corpus picked out of a larger one is often a folder of links: linked files count, linked folders are not
    // walked (no cycles).
    else if (e.isSymbolicLink() && (await isFile(path.join(dir, p)))) out.push(p);
  }
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export function parseShard(v: string | true | undefined): { index: number; count: number } {
  if (v === undefined) return { index: 0, count: 1 };
  const m = typeof v === 'string' ? /^(\d+)\/(\d+)$/u.exec(v) : null;
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index >= count) throw new UsageError('--shard must be i/n with 0 ≤ i < n (e.g. 0/4)');
  return { index, count };
}

export function shardOf<T>(items: readonly T[], shard: { index: number; count: number }): T[] {
  return items.filter((_, i) => i % shard.count === shard.index);
}

interface FileOutcome {
  file: string;
  rows: DatasetRow[];
  tables: number;
  pages: number;
  problem: string | null;
}

function oneLine(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return (msg.split('\n')[0] ?? '').slice(0, 200) || 'unknown error';
}

function showProgress(deps: DatasetDeps, done: number, total: number, label: string): void {
  if (deps.stderr.isTTY !== true) return;
  const cols = Math.max(10, Math.min(30, (deps.stderr.columns ?? 80) - 50));
  const filled = Math.round((done / Math.max(1, total)) * cols);
  const name = [...label].slice(-30).join('');
  deps.stderr.write(`\r\x1b[2K[${'#'.repeat(filled)}${'.'.repeat(cols - filled)}] ${done}/${total} ${name}`);
}

export async function run(argv: string[], injected?: Partial<DatasetDeps>): Promise<number> {
  const stderr = injected?.stderr ?? process.stderr;
  let dir: string;
  let out: string;
  let format: DatasetFormat;
  let shard: { index: number; count: number };
  let jobs: number;
  let strict: boolean;
  try {
    const args = parseArgs(argv, { values: ['format', 'out', 'shard', 'jobs'], flags: ['strict', 'help'] });
    if (args.options.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (args.positional.length !== 1) throw new UsageError('give one folder of PDFs');
    dir = args.positional[0]!;
    format = oneOf(args.options.format, FORMATS, 'csv', 'format');
    if (typeof args.options.out !== 'string') throw new UsageError('--out FILE is required');
    out = args.options.out;
    shard = parseShard(args.options.shard);
    jobs = args.options.jobs === undefined ? 1 : Number(args.options.jobs);
    if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError('--jobs must be a whole number ≥ 1');
    strict = args.options.strict === true;
  } catch (err) {
    stderr.write(`budget-review dataset: ${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const isDir = await stat(dir)
    .then((s) => s.isDirectory())
    .catch(() => false);
  if (!isDir) {
    stderr.write(`budget-review dataset: ${dir} is not a folder\n`);
    return 2;
  }
  const base: DatasetDeps = injected?.extract
    ? {
        extract: injected.extract,
        validate: (await import('../../shared/validation')).validate,
        stderr,
        now: () => Date.now(),
      }
    : await defaultDeps();
  const deps: DatasetDeps = { ...base, ...injected, stderr };
  const started = deps.now();
  const all = await listPdfs(dir);
  const files = shardOf(all, shard);
  if (files.length === 0) {
    stderr.write(
      `budget-review dataset: no PDF files in ${dir}${shard.count > 1 ? ` for shard ${shard.index}/${shard.count} (${all.length} in all)` : ''}\n`,
    );
    return all.length === 0 ? 1 : 0;
  }

  const partial = `${out}.${process.pid}.partial`;
  const writer = await openWriter(format, partial);
  // Each document is read with the page workers its share of the cores allows; one at a time takes the default.
  const workers = jobs > 1 ? 1 : undefined;
  const outcomes: (FileOutcome | undefined)[] = new Array(files.length);
  let next = 0;
  let emitted = 0;
  let done = 0;
  let rowCount = 0;
  // Rows are written in the sorted order of the files whichever finishes first, so a rerun gives the same file.
  const emit = async () => {
    while (emitted < files.length && outcomes[emitted]) {
      const o = outcomes[emitted]!;
      await writer.add(o.rows);
      rowCount += o.rows.length;
      o.rows = [];
      emitted++;
    }
  };
  const worker = async () => {
    for (let i = next++; i < files.length; i = next++) {
      const file = files[i]!;
      showProgress(deps, done, files.length, file);
      const o: FileOutcome = { file, rows: [], tables: 0, pages: 0, problem: null };
      try {
        const bytes = new Uint8Array(await readFile(path.join(dir, file)));
        const doc = await deps.extract(bytes, file, workers);
        o.tables = doc.tables.length;
        o.pages = doc.source.pages;
        o.rows = datasetRows(doc, deps.validate(doc), file);
      } catch (err) {
        o.problem = oneLine(err);
      }
      outcomes[i] = o;
      done++;
      showProgress(deps, done, files.length, file);
      await emit();
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(jobs, files.length) }, worker));
    await emit();
    await writer.close();
    await rename(partial, out);
  } catch (err) {
    await rm(partial, { force: true }).catch(() => undefined);
    if (stderr.isTTY) stderr.write('\r\x1b[2K');
    stderr.write(`budget-review dataset: cannot write ${out}: ${oneLine(err)}\n`);
    return 1;
  }
  if (stderr.isTTY) stderr.write('\r\x1b[2K');

  const list = outcomes.filter((o): o is FileOutcome => !!o);
  const failed = list.filter((o) => o.problem);
  const empty = list.filter((o) => !o.problem && o.tables === 0);
  const seconds = ((deps.now() - started) / 1000).toFixed(1);
  const lines = [
    `dataset: ${list.length} PDF(s)${shard.count > 1 ? ` (shard ${shard.index}/${shard.count} of ${all.length})` : ''}: ` +
      `${list.length - failed.length - empty.length} with tables, ${empty.length} without, ${failed.length} failed; ` +
      `${rowCount} rows → ${out} (${format}) in ${seconds} s`,
  ];
  if (empty.length) {
    lines.push('no table found (text-only volumes are expected to land here):');
    for (const o of empty) lines.push(`  ${o.file}: ${o.pages} page(s), no table read`);
  }
  if (failed.length) {
    lines.push('failed:');
    for (const o of failed) lines.push(`  ${o.file}: ${o.problem}`);
  }
  stderr.write(`${lines.join('\n')}\n`);
  if (failed.length === list.length) return 1;
  if (strict && (failed.length > 0 || empty.length > 0)) return 1;
  return 0;
}

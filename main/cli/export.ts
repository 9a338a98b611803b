import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ApiError, ExportFormatSchema, type ExportFormat } from '../../shared/api';
import { emptyOverlay, type ExtractedDocument } from '../../shared/model';
import { validate } from '../../shared/validation';
import { buildExport, exportName, type ExportInput } from '../export/index';
import { resolveDataDir } from '../review/data-dir';
import { openFindings, type Validator } from '../review/signoff';
import { WorkspaceStore } from '../review/workspaces';
import { oneOf, parseArgs, UsageError } from './args';

const USAGE = 'usage: budget-review export FILE.pdf|DIR --format xlsx|csv|json --out PATH [--data-dir DIR]';

export interface ExportDeps {
  extract(bytes: Uint8Array, file: string, onProgress: (fraction: number) => void): Promise<ExtractedDocument>;
  /** null when no validator is available: the findings stored with the extraction are used. */
  validate: Validator | null;
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown; isTTY?: boolean; columns?: number };
  env: NodeJS.ProcessEnv;
}

async function defaultDeps(): Promise<ExportDeps> {
  return {
    // Extraction (pdfjs) is loaded only when a PDF has no saved review to export.
    async extract(bytes, file, onProgress) {
      const { extractDocument } = await import('../extraction/index');
      return extractDocument(bytes, {
        file,
        onProgress: (p) => onProgress(p.total ? (p.stage === 'reading' ? 0.5 : 0.9) * (p.done / p.total) : 0),
      });
    },
    validate: (doc) => validate(doc),
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
  };
}

interface Outcome {
  file: string;
  tables: number;
  errors: number;
  warnings: number;
  review: string;
  output: string | null;
  problem: string | null;
}

async function findPdfs(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await findPdfs(p)));
    else if (e.isFile() && /\.pdf$/i.test(e.name)) out.push(p);
  }
  return out.sort();
}

/** Display width in a terminal: CJK characters take two columns. */
function width(s: string): number {
  let w = 0;
  for (const ch of s)
    w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch)
      ? 2
      : 1;
  return w;
}

function pad(s: string, n: number): string {
  return s + ' '.repeat(Math.max(0, n - width(s)));
}

export function summaryTable(rows: Outcome[]): string {
  const head = ['file', 'tables', 'errors', 'warnings', 'review', 'result'];
  const body = rows.map((r) => [
    r.file,
    String(r.tables),
    String(r.errors),
    String(r.warnings),
    r.review,
    r.problem ? `FAILED: ${r.problem}` : (r.output ?? ''),
  ]);
  const widths = head.map((h, i) => Math.min(60, Math.max(width(h), ...body.map((b) => width(b[i]!)))));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : pad(c, widths[i]!))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n') + '\n';
}

class Progress {
  constructor(
    private readonly stream: ExportDeps['stderr'],
    private readonly total: number,
  ) {}
  private get on(): boolean {
    return this.stream.isTTY === true;
  }
  show(done: number, fraction: number, label: string): void {
    if (!this.on) return;
    const cols = Math.max(10, Math.min(30, (this.stream.columns ?? 80) - 50));
    const filled = Math.round(((done + Math.min(1, fraction)) / this.total) * cols);
    const name = [...label].slice(-30).join('');
    this.stream.write(`\r\x1b[2K[${'#'.repeat(filled)}${'.'.repeat(cols - filled)}] ${done}/${this.total} ${name}`);
  }
  end(): void {
    if (this.on) this.stream.write('\r\x1b[2K');
  }
}

/** Writes through a temp file beside the target, so a failed export never leaves a half-written file behind. */
async function writeOutput(target: string, bytes: Uint8Array): Promise<void> {
  const tmp = `${target}.${process.pid}.partial`;
  try {
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(tmp, bytes);
    await rename(tmp, target);
  } catch (err) {
    await rm(tmp, { force: true }).catch(() => undefined);
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
        ? 'the folder is not writable'
        : code === 'ENOSPC'
          ? 'the disk is full'
          : code === 'ENOTDIR' || code === 'EEXIST'
            ? 'part of the path is a file, not a folder'
            : (err as Error).message;
    throw new ApiError(
      'export_not_writable',
      `cannot write ${target}: ${why}${code ? ` (${code})` : ''}. Nothing in the review data was changed`,
    );
  }
}

async function exportOne(
  pdf: string,
  target: string,
  format: ExportFormat,
  store: WorkspaceStore,
  deps: ExportDeps,
  onProgress: (f: number) => void,
): Promise<Outcome> {
  const outcome: Outcome = {
    file: pdf,
    tables: 0,
    errors: 0,
    warnings: 0,
    review: 'none',
    output: null,
    problem: null,
  };
  try {
    const bytes = new Uint8Array(await readFile(pdf));
    const docId = createHash('sha256').update(bytes).digest('hex');
    let input: ExportInput | null = null;
    try {
      input = await store.exportInput(docId);
      input = { ...input, info: { ...input.info, name: path.basename(pdf) } };
      const ops = input.journal.filter((r) => r.kind === 'op').length;
      outcome.review = input.signOff ? `signed off r${input.signOff.revision}` : `${ops} edit(s) r${input.revision}`;
    } catch (err) {
      // No saved review (or no data directory at all yet): extract afresh.
      if (!(err instanceof ApiError) || !['unknown_document', 'not_extracted', 'data_dir_missing'].includes(err.code))
        throw err;
    }
    if (!input) {
      const doc = await deps.extract(bytes, pdf, onProgress);
      input = {
        info: { docId, name: path.basename(pdf), size: bytes.length, pages: doc.source.pages },
        extracted: doc,
        document: doc,
        overlay: emptyOverlay(),
        findings: deps.validate ? deps.validate(doc) : doc.findings,
        journal: [],
        revision: 1,
        signOff: null,
        publicKey: null,
      };
    }
    const open = openFindings(input.findings, input.overlay);
    outcome.tables = input.document.tables.length;
    outcome.errors = open.filter((f) => f.severity === 'error').length;
    outcome.warnings = open.filter((f) => f.severity === 'warning').length;
    const file = await buildExport(input, format);
    await writeOutput(target, file.bytes);
    outcome.output = target;
  } catch (err) {
    outcome.problem = (err as Error).message;
  }
  return outcome;
}

export async function run(argv: string[], injected?: Partial<ExportDeps>): Promise<number> {
  const io = { stdout: injected?.stdout ?? process.stdout, stderr: injected?.stderr ?? process.stderr };
  let source: string;
  let out: string;
  let format: ExportFormat;
  let dataDirFlag: string | undefined;
  try {
    const args = parseArgs(argv, { values: ['format', 'out', 'data-dir'], flags: ['help'] });
    if (args.options.help) {
      io.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (args.positional.length !== 1) throw new UsageError('give one PDF file or one folder');
    source = args.positional[0]!;
    format = oneOf(args.options.format, ExportFormatSchema.options, 'xlsx', 'format');
    if (typeof args.options.out !== 'string') throw new UsageError('--out PATH is required');
    out = args.options.out;
    dataDirFlag = typeof args.options['data-dir'] === 'string' ? args.options['data-dir'] : undefined;
  } catch (err) {
    io.stderr.write(`budget-review export: ${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  let isDir: boolean;
  try {
    isDir = (await stat(source)).isDirectory();
  } catch {
    io.stderr.write(`budget-review export: ${source} does not exist\n`);
    return 2;
  }
  const base: ExportDeps = injected?.extract
    ? { extract: injected.extract, validate: null, stdout: process.stdout, stderr: process.stderr, env: process.env }
    : await defaultDeps();
  const deps: ExportDeps = { ...base, ...injected };
  const env = injected?.env ?? process.env;
  const dataDir = resolveDataDir({ flag: dataDirFlag ?? null, env });
  let store: WorkspaceStore;
  try {
    // Read only: a data dir that does not exist is not created. One that another process has open is refused.
    store = new WorkspaceStore({ dataDir, create: false, ...(deps.validate ? { validate: deps.validate } : {}) });
  } catch (err) {
    io.stderr.write(`budget-review export: ${(err as Error).message}\n`);
    return 1;
  }

  const pdfs = isDir ? await findPdfs(source) : [source];
  if (pdfs.length === 0) {
    store.close();
    io.stderr.write(`budget-review export: no PDF files in ${source}\n`);
    return 1;
  }
  const outIsDir =
    isDir ||
    /[\\/]$/.test(out) ||
    (await stat(out)
      .then((s) => s.isDirectory())
      .catch(() => false));
  const progress = new Progress(io.stderr, pdfs.length);
  const results: Outcome[] = [];
  try {
    for (const [i, pdf] of pdfs.entries()) {
      const rel = isDir ? path.relative(source, pdf) : path.basename(pdf);
      const target = outIsDir ? path.join(out, path.dirname(rel), exportName(path.basename(pdf), format)) : out;
      progress.show(i, 0, rel);
      const r = await exportOne(pdf, target, format, store, deps, (f) => progress.show(i, f, rel));
      results.push({ ...r, file: rel });
    }
  } finally {
    store.close();
  }
  progress.end();
  io.stdout.write(summaryTable(results));
  const failed = results.filter((r) => r.problem).length;
  io.stdout.write(
    `${results.length - failed} of ${results.length} exported as ${format}${failed ? `, ${failed} failed` : ''}.\n`,
  );
  return failed ? 1 : 0;
}

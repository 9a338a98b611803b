/**
 * Generality benchmark on other extractors' test material (../shared/peer-tables): every MANIFEST row with an
 * expectation is run through our engine on its page and compared with what the source project expects.
 *
 *   node bin/run-ts.mjs bench/peer-tables.ts [--filter SUBSTR] [--mode engine|grids] [--verbose] [--dir PATH]
 *
 * --mode engine (default): the public pipeline (lattice + stream detection, assembly) via extractFromPages;
 *   a table is its header rows (a spanning label once, at its first position) followed by its body rows.
 * --mode grids: the raw page grids of the detectors (lattice, then stream outside the lattice grids),
 *   cell text from cellText; shows what detection gets right before assembly gives the rows meaning.
 * --mode hybrid: as grids, but a lattice grid whose rules miss rows (a cell holds amounts on two lines, and the
 *   stream reading of its box finds more rows and at least as many columns) is replaced by that stream
 *   reading: what the engine would gain by doing so.
 */
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readPages } from '../main/pdf/read';
import type { PageContent } from '../main/pdf/types';
import { extractFromPages } from '../main/extraction/index';
import { detectLatticeTables } from '../main/extraction/lattice';
import { detectStreamTables } from '../main/extraction/stream';
import { buildLines } from '../main/extraction/stream-lines';
import { cellText } from '../main/extraction/celltext';
import type { PageGrid } from '../main/extraction/grid';

type Matrix = string[][];

interface ManifestRow {
  id: string;
  repo: string;
  pdf: string;
  page: number;
  csv: string;
  kind: string;
  notes: string;
}

interface CaseResult {
  id: string;
  source: string;
  kind: string;
  exact: boolean;
  cellAcc: number;
  detail: string;
}

const here = path.dirname(fileURLToPath(import.meta.url));

type Mode = 'engine' | 'grids' | 'hybrid';

function parseArgs(argv: string[]): { filter: string; mode: Mode; verbose: boolean; dir: string } {
  let filter = '';
  let mode: Mode = 'engine';
  let verbose = false;
  let dir = path.resolve(here, '../../shared/peer-tables');
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--filter') filter = argv[++i] ?? '';
    else if (a === '--mode') {
      const m = argv[++i];
      if (m !== 'engine' && m !== 'grids' && m !== 'hybrid') throw new Error('--mode is engine, grids or hybrid');
      mode = m;
    } else if (a === '--verbose' || a === '-v') verbose = true;
    else if (a === '--dir') dir = path.resolve(argv[++i] ?? dir);
    else throw new Error(`unknown option ${a}`);
  }
  return { filter, mode, verbose, dir };
}

/** RFC 4180: quoted fields may hold commas, quotes ("") and line breaks. */
export function parseCsv(text: string): Matrix {
  const rows: Matrix = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function sourceOf(r: ManifestRow): string {
  if (r.id.startsWith('icdar')) return 'icdar';
  const repo = r.repo.toLowerCase();
  for (const s of ['camelot', 'tabula-java', 'pdfplumber', 'pymupdf', 'docling']) if (repo.includes(s)) return s;
  return repo;
}

function normCell(s: string, noSpace: boolean): string {
  const t = s.normalize('NFKC').replace(/<\/?s>/g, '');
  return noSpace ? t.replace(/\s+/gu, '') : t.replace(/\s+/gu, ' ').trim();
}

/** Drops rows and columns that are empty throughout: detectors disagree on blank margins, not on content. */
function compact(m: Matrix): Matrix {
  const rows = m.filter((r) => r.some((c) => c !== ''));
  const width = Math.max(0, ...rows.map((r) => r.length));
  const keep: number[] = [];
  for (let c = 0; c < width; c++) if (rows.some((r) => (r[c] ?? '') !== '')) keep.push(c);
  return rows.map((r) => keep.map((c) => r[c] ?? ''));
}

function normalise(m: Matrix, noSpace: boolean): Matrix {
  return compact(m.map((r) => r.map((c) => normCell(c, noSpace))));
}

/**
 * Share of the expected grid's positions reproduced, with the best small row/column offset (a detector that
 * keeps a title row or a label column the source dropped is not wrong everywhere); extra rows/columns count
 * against the score through the larger of the two shapes.
 */
function cellAccuracy(exp: Matrix, got: Matrix): number {
  const er = exp.length;
  const ec = Math.max(0, ...exp.map((r) => r.length));
  const gr = got.length;
  const gc = Math.max(0, ...got.map((r) => r.length));
  if (!er || !ec) return gr ? 0 : 1;
  let best = 0;
  for (let dr = -6; dr <= 6; dr++) {
    for (let dc = -2; dc <= 2; dc++) {
      let hit = 0;
      for (let r = 0; r < er; r++) {
        for (let c = 0; c < ec; c++) {
          const g = got[r + dr]?.[c + dc] ?? '';
          if (g === (exp[r]![c] ?? '')) hit++;
        }
      }
      best = Math.max(best, hit / (Math.max(er, gr) * Math.max(ec, gc)));
    }
  }
  return best;
}

function sameMatrix(a: Matrix, b: Matrix): boolean {
  return a.length === b.length && a.every((r, i) => r.length === b[i]!.length && r.every((c, j) => c === b[i]![j]));
}

function gridMatrix(g: PageGrid): Matrix {
  const rows = g.rowEdges.length - 1;
  const cols = g.colEdges.length - 1;
  const m: Matrix = Array.from({ length: rows }, () => Array<string>(cols).fill(''));
  for (const c of g.cells) m[c.row]![c.col] = cellText(c.runs).text;
  return m;
}

/** Header rows with a spanning label kept once (the expected CSVs leave covered positions empty). */
function headerOnce(header: Matrix): Matrix {
  return header.map((r) => r.map((c, i) => (i > 0 && c !== '' && c === r[i - 1] ? '' : c)));
}

/** A cell holding two amounts one above the other: the rules between those rows were not drawn. */
function stackedAmounts(g: PageGrid): boolean {
  return g.cells.some((c) => buildLines(c.runs).filter((l) => l.tokens.every((t) => t.numeric)).length >= 2);
}

const pdfCache = new Map<string, Uint8Array>();
const tableCache = new Map<string, Matrix[]>();
/** How each cached table was found (grid method, or the table's method in engine mode). */
const methodCache = new Map<string, string[]>();

async function tablesOn(dir: string, pdf: string, page: number, mode: Mode): Promise<Matrix[]> {
  const key = `${pdf}#${page}#${mode}`;
  const cached = tableCache.get(key);
  if (cached) return cached;
  let bytes = pdfCache.get(pdf);
  if (!bytes) {
    bytes = new Uint8Array(readFileSync(path.join(dir, pdf)));
    pdfCache.set(pdf, bytes);
  }
  const { pages, numPages } = await readPages(bytes, { pages: [page] });
  const content: PageContent = pages[0]!;
  let out: Matrix[];
  if (mode === 'grids' || mode === 'hybrid') {
    let lattice = detectLatticeTables(content);
    if (mode === 'hybrid') {
      lattice = lattice.map((g) => {
        const s = detectStreamTables(content, { region: g.bbox })[0];
        const rows = (x: PageGrid): number => x.rowEdges.length - 1;
        const cols = (x: PageGrid): number => x.colEdges.length - 1;
        return s && stackedAmounts(g) && rows(s) > rows(g) && cols(s) >= cols(g) ? s : g;
      });
    }
    const stream = detectStreamTables(content, { exclude: lattice.map((g) => g.bbox) });
    out = [...lattice, ...stream].map(gridMatrix);
    methodCache.set(
      key,
      [...lattice, ...stream].map((g) => g.method),
    );
  } else {
    const doc = await extractFromPages(pages, numPages, { file: pdf, sha256: '' });
    const onPage = doc.tables.filter((t) => t.pages.includes(page));
    out = onPage.map((t) => [...headerOnce(t.header), ...t.rows.map((r) => r.cells.map((c) => c.text))]);
    methodCache.set(
      key,
      onPage.map((t) => t.method ?? '?'),
    );
  }
  tableCache.set(key, out);
  return out;
}

interface PartialCheck {
  row: number;
  col: number;
  match: string;
  text: string;
}

function checkPartial(m: Matrix, checks: PartialCheck[]): number {
  let ok = 0;
  for (const ch of checks) {
    const r = ch.row < 0 ? m.length + ch.row : ch.row;
    const row = m[r];
    if (!row) continue;
    const c = ch.col < 0 ? row.length + ch.col : ch.col;
    const cell = (row[c] ?? '').normalize('NFKC');
    const want = ch.text.normalize('NFKC');
    const ws = (s: string): string => s.replace(/\s+/gu, ' ').trim();
    const pass =
      ch.match === 'equals'
        ? ws(cell) === ws(want)
        : ch.match === 'equals_nospace'
          ? cell.replace(/\s+/gu, '') === want.replace(/\s+/gu, '')
          : ch.match === 'last_line_equals'
            ? ws(cell.split('\n').at(-1) ?? '') === ws(want) || ws(cell).endsWith(ws(want))
            : ch.match === 'contains'
              ? ws(cell).includes(ws(want))
              : false;
    if (pass) ok++;
  }
  return checks.length ? ok / checks.length : 0;
}

async function runCase(dir: string, r: ManifestRow, mode: Mode, tableIndex: number): Promise<CaseResult> {
  const base = { id: r.id, source: sourceOf(r), kind: r.kind };
  const tables = await tablesOn(dir, r.pdf, r.page, mode);
  const noteHead = r.notes.replace(/^CJK;\s*/, '');
  if (noteHead.startsWith('NEGATIVE')) {
    return {
      ...base,
      exact: tables.length === 0,
      cellAcc: tables.length === 0 ? 1 : 0,
      detail: `${tables.length} tables (expect 0)`,
    };
  }
  if (noteHead.startsWith('COUNT_ONLY')) {
    const want = Number(/exactly (\d+) tables/.exec(noteHead)?.[1] ?? NaN);
    return {
      ...base,
      exact: tables.length === want,
      cellAcc: tables.length === want ? 1 : 0,
      detail: `${tables.length} tables (expect ${want})`,
    };
  }
  if (noteHead.startsWith('SHAPE_ONLY')) {
    const shapeFile = path.join(dir, r.pdf.replace(/\.pdf$/, `.p${r.page}.expected-shape.json`));
    const want: number[] = existsSync(shapeFile)
      ? (JSON.parse(readFileSync(shapeFile, 'utf8')) as { tables: Array<{ rows: number }> }).tables.map((t) => t.rows)
      : [];
    const got = tables.map((t) => t.length);
    const agree = want.filter((n, i) => got[i] === n).length;
    const exact = want.length > 0 && got.length === want.length && agree === want.length;
    return {
      ...base,
      exact,
      cellAcc: want.length ? agree / Math.max(want.length, got.length) : 0,
      detail: `rows ${JSON.stringify(got)} (expect ${JSON.stringify(want)})`,
    };
  }
  if (!r.csv) return { ...base, exact: false, cellAcc: 0, detail: 'no expectation' };
  const text = readFileSync(path.join(dir, r.csv), 'utf8');
  const noSpace = base.source === 'icdar';
  if (noteHead.startsWith('gt=partial')) {
    const rows = parseCsv(text)
      .slice(1)
      .filter((x) => x.length >= 4);
    const checks = rows.map((x) => ({
      row: Number(x[0]),
      col: Number(x[1]),
      match: x[2]!,
      text: x.slice(3).join(','),
    }));
    let best = 0;
    let which = -1;
    tables.forEach((t, i) => {
      const acc = checkPartial(
        t.map((row) => [...row]),
        checks,
      );
      if (acc > best || (acc === best && i === tableIndex)) {
        best = acc;
        which = i;
      }
    });
    return {
      ...base,
      exact: best === 1,
      cellAcc: best,
      detail: `${checks.length} asserted cells, ${tables.length} tables, best #${which}`,
    };
  }
  const exp = normalise(parseCsv(text), noSpace);
  let best = 0;
  let exact = false;
  let which = -1;
  let shape = '';
  tables.forEach((t, i) => {
    const got = normalise(t, noSpace);
    const acc = cellAccuracy(exp, got);
    const same = sameMatrix(exp, got);
    if (same || acc > best) {
      best = same ? 1 : acc;
      exact = exact || same;
      which = i;
      shape = `${got.length}x${Math.max(0, ...got.map((x) => x.length))}`;
    }
  });
  const expShape = `${exp.length}x${Math.max(0, ...exp.map((x) => x.length))}`;
  const how = methodCache.get(`${r.pdf}#${r.page}#${mode}`)?.[which] ?? '-';
  return {
    ...base,
    exact,
    cellAcc: best,
    detail: `${tables.length} tables; best #${which} (${how}) ${shape || '-'} vs expected ${expShape}`,
  };
}

function readManifest(dir: string): ManifestRow[] {
  const lines = readFileSync(path.join(dir, 'MANIFEST.tsv'), 'utf8').split('\n').filter(Boolean);
  return lines.slice(1).map((l) => {
    const f = l.split('\t');
    return { id: f[0]!, repo: f[1]!, pdf: f[3]!, page: Number(f[4]), csv: f[5] ?? '', kind: f[6]!, notes: f[8] ?? '' };
  });
}

function summarise(results: CaseResult[], key: (r: CaseResult) => string): void {
  const groups = new Map<string, CaseResult[]>();
  for (const r of results) groups.set(key(r), [...(groups.get(key(r)) ?? []), r]);
  for (const [k, rs] of [...groups].sort((a, b) => a[0].localeCompare(b[0]))) {
    const exact = rs.filter((r) => r.exact).length;
    const mean = rs.reduce((s, r) => s + r.cellAcc, 0) / rs.length;
    console.log(
      `  ${k.padEnd(24)} ${String(rs.length).padStart(4)} cases  exact ${String(exact).padStart(4)} (${((100 * exact) / rs.length).toFixed(1).padStart(5)}%)  mean cell acc ${mean.toFixed(3)}`,
    );
  }
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const rows = readManifest(opts.dir).filter((r) => r.id.includes(opts.filter));
  const results: CaseResult[] = [];
  const t0 = performance.now();
  // Several expected tables on one page: the n-th row of a page is preferred for the n-th table on ties.
  const seen = new Map<string, number>();
  for (const r of rows) {
    if (/^(CJK;\s*)?NO_EXPECTATION/.test(r.notes)) continue;
    const k = `${r.pdf}#${r.page}`;
    const idx = seen.get(k) ?? 0;
    seen.set(k, idx + 1);
    let res: CaseResult;
    try {
      res = await runCase(opts.dir, r, opts.mode, idx);
    } catch (err) {
      res = {
        id: r.id,
        source: sourceOf(r),
        kind: r.kind,
        exact: false,
        cellAcc: 0,
        detail: `error: ${(err as Error).message.split('\n')[0]}`,
      };
    }
    results.push(res);
    if (opts.verbose) console.log(`${res.exact ? 'OK  ' : 'FAIL'} ${res.cellAcc.toFixed(3)} ${res.id}  ${res.detail}`);
  }
  const secs = (performance.now() - t0) / 1000;
  console.log(`peer-tables (${opts.mode}): ${results.length} cases in ${secs.toFixed(1)} s`);
  console.log('by source:');
  summarise(results, (r) => r.source);
  console.log('by kind:');
  summarise(results, (r) => r.kind);
  console.log('by source/kind:');
  summarise(results, (r) => `${r.source}/${r.kind}`);
  const exact = results.filter((r) => r.exact).length;
  const mean = results.reduce((s, r) => s + r.cellAcc, 0) / Math.max(1, results.length);
  console.log(`total: exact ${exact}/${results.length}, mean cell acc ${mean.toFixed(3)}`);
}

await main();

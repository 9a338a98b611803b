import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ExtractedDocument, Table } from '../shared/model';
import { validate } from '../shared/validation';
import { extractDocument } from '../main/extraction';
import { classifyTitle } from '../main/extraction/classify';
import { groupLines } from '../main/extraction/celltext';
import { readPages } from '../main/pdf/read';
import { isStandardTitle, normCell, normTitle, pooledScore, scoreDocument, type Score, type TruthTable } from './score';

/**
 * Real published disclosures (../shared/real and test-fixtures/real): for every PDF, the printed standard titles
 * carried by a table of a standard type, the amounts on table pages that reach a cell of that page, findings and
 * seconds; row F1 / positional where test-fixtures/real holds the truth.
 *
 *   npm run bench:real [-- NAME-FILTER…] [--verbose]
 */
const root = path.resolve(import.meta.dirname, '..');
const dirs = [path.resolve(root, '../shared/real'), path.join(root, 'test-fixtures/real')];
const verbose = process.argv.includes('--verbose');
const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));

interface RealTruth {
  doc: string;
  tables: Array<TruthTable & { type?: string; pages?: number[]; unit?: string | null }>;
}

const files = new Map<string, string>();
for (const d of dirs)
  if (existsSync(d))
    for (const f of readdirSync(d).filter((f) => f.endsWith('.pdf')))
      if (!files.has(f) && (only.length === 0 || only.some((o) => f.includes(o)))) files.set(f, path.join(d, f));

const AMOUNT = /(?<![\d.,])[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d{2}(?![\d%])/gu;

/** A run of a sentence (an explanation printed on a table's page), not of a table cell. */
const PROSE = /万元|[。，；%]|增长|减少|增加/u;

/** Standard titles printed on the pages: title-shaped lines (not a contents page: those list many). */
async function printedTitles(bytes: Uint8Array): Promise<Array<{ page: number; title: string }>> {
  const { pages } = await readPages(bytes);
  const out: Array<{ page: number; title: string }> = [];
  for (const p of pages) {
    const lines = groupLines(p.runs).map((l) => normTitle(l.text));
    const titles = lines.filter(
      (t) => t.length <= 60 && /表(?:\([^)]*\))?$/u.test(t) && !/[。；,，]/u.test(t) && isStandardTitle(t),
    );
    // A contents page lists many titles; a page without rulings or amounts holds no table (contents continued).
    const amounts = p.runs.reduce((n, r) => n + [...r.str.matchAll(AMOUNT)].length, 0);
    if (titles.length > 3 || (amounts < 3 && p.segments.length < 6)) continue;
    // "上海市XX局2024年度部门决算表" heads the whole set of tables, not one of them.
    titles.splice(0, titles.length, ...titles.filter((t) => !/年度?部门(?:预算|决算)表$/u.test(t)));
    for (const title of titles) out.push({ page: p.page, title });
  }
  return out;
}

const STANDARD_TYPES = new Set(['other', 'performance']);
const carried = (t: Table) => !STANDARD_TYPES.has(t.type);

/** Amount-shaped runs printed on the pages that hold a table, and how many of them reach a cell on that page. */
function amountsReached(doc: ExtractedDocument, pageRuns: Map<number, string[]>): { printed: number; reached: number } {
  let printed = 0;
  let reached = 0;
  const cellsByPage = new Map<number, string[]>();
  for (const t of doc.tables)
    for (const r of t.rows)
      for (const c of r.cells)
        if (c.page != null) {
          const list = cellsByPage.get(c.page) ?? [];
          list.push(normCell(c.text));
          cellsByPage.set(c.page, list);
        }
  for (const [page, runs] of pageRuns) {
    const pool = new Map<string, number>();
    for (const c of cellsByPage.get(page) ?? []) pool.set(c, (pool.get(c) ?? 0) + 1);
    for (const s of runs) {
      printed++;
      const k = normCell(s);
      const n = pool.get(k) ?? 0;
      if (n > 0) {
        reached++;
        pool.set(k, n - 1);
      }
    }
  }
  return { printed, reached };
}

const fmt = (n: number) => n.toFixed(3);
console.log(
  'document                                   titles  typed  amounts  truth  row-F1  positional  errors  warnings  seconds',
);
const pooled: Score[] = [];
let titleAll = 0;
let titleTyped = 0;
let amtPrinted = 0;
let amtReached = 0;
for (const [name, file] of [...files].sort()) {
  const bytes = new Uint8Array(readFileSync(file));
  const t0 = performance.now();
  const doc = await extractDocument(bytes.slice(), { file: name });
  const secs = (performance.now() - t0) / 1000;
  const findings = validate(doc);
  const base = name.replace(/\.pdf$/u, '');
  const truthFile = path.join(root, 'test-fixtures/real', `${base}.truth.json`);
  const truth = existsSync(truthFile) ? (JSON.parse(readFileSync(truthFile, 'utf8')) as RealTruth) : null;
  // The printed standard titles: from the truth where it exists, else read off the pages.
  const titles = truth
    ? truth.tables
        .filter((t) => isStandardTitle(t.title))
        .map((t) => ({ page: t.pages?.[0] ?? 0, title: normTitle(t.title) }))
    : await printedTitles(bytes.slice());
  const tables = doc.tables.filter(carried);
  const taken = new Set<Table>();
  const missing: string[] = [];
  for (const pt of titles) {
    const hit = tables.find(
      (t) =>
        !taken.has(t) &&
        (normTitle(t.title) === pt.title ||
          (normTitle(t.title).length >= 4 && pt.title.includes(normTitle(t.title)))) &&
        (truth ? true : classifyTitle(pt.title) === t.type),
    );
    if (hit) taken.add(hit);
    else missing.push(`p${pt.page} ${pt.title}`);
  }
  // Every amount printed on a page that holds a table (truth pages, or the extracted tables' pages).
  const tablePages = new Set<number>(
    truth ? truth.tables.flatMap((t) => t.pages ?? []) : doc.tables.flatMap((t) => t.pages),
  );
  const { pages } = await readPages(bytes.slice(), { pages: [...tablePages] });
  const pageRuns = new Map(
    pages.map((p) => [
      p.page,
      p.runs.filter((r) => !PROSE.test(r.str)).flatMap((r) => [...r.str.matchAll(AMOUNT)].map((m) => m[0])),
    ]),
  );
  const amounts = amountsReached(doc, pageRuns);
  let score: Score | null = null;
  if (truth) {
    score = scoreDocument(
      truth.tables,
      doc.tables.map((t) => ({ title: t.title, rows: t.rows.map((r) => r.cells.map((c) => c.text)) })),
    );
    pooled.push(score);
  }
  const typedWrong = truth
    ? truth.tables
        .filter((tt) => tt.type && isStandardTitle(tt.title))
        .filter((tt) => {
          const e = doc.tables.find((t) => normTitle(t.title) === normTitle(tt.title));
          return !e || e.type !== tt.type;
        }).length
    : 0;
  titleAll += titles.length;
  titleTyped += titles.length - missing.length;
  amtPrinted += amounts.printed;
  amtReached += amounts.reached;
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  console.log(
    `${base.padEnd(42)} ${`${titles.length - missing.length}/${titles.length}`.padStart(6)}  ${(truth ? String(typedWrong ? `-${typedWrong}` : 'ok') : '').padStart(5)}  ${amounts.printed ? fmt(amounts.reached / amounts.printed) : '  -  '}  ${(score ? String(score.truthRows) : '').padStart(5)}  ${score ? fmt(score.rowF1) : '   - '}  ${score ? fmt(score.positional).padStart(10) : '         -'}  ${String(errors).padStart(6)}  ${String(warnings).padStart(8)}  ${secs.toFixed(1).padStart(7)}`,
  );
  if (verbose) {
    for (const m of missing) console.log(`    title not carried by a typed table: ${m}`);
    if (score)
      for (const t of score.tables)
        if (t.rowHits < t.truthRows || t.extractedRows !== t.truthRows || t.positionalHits < t.truthRows)
          console.log(
            `    ${t.title} → ${t.matched ?? 'NOT FOUND'}: rows ${t.extractedRows}/${t.truthRows}, hits ${t.rowHits}, positional ${t.positionalHits}`,
          );
    for (const f of findings.filter((f) => f.severity === 'error' || f.severity === 'warning'))
      console.log(`    ${f.severity} ${f.rule}: ${f.message.en}`);
  }
}
const all = pooledScore(pooled);
console.log(
  `\nall: titles carried ${titleTyped}/${titleAll}; amounts reaching a cell ${amtPrinted ? fmt(amtReached / amtPrinted) : '-'} (${amtReached}/${amtPrinted}); truth set ${pooled.length} documents, ${all.truthRows} rows: row-F1 ${fmt(all.rowF1)}, positional ${fmt(all.positional)}`,
);

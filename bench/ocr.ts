import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { extractDocument } from '../main/extraction';
import { makeScan, type ScanOptions } from './make-scan';
import { pooledScore, scoreDocument, type Score, type TruthTable } from './score';

/**
 * OCR bench: scanned PDFs read through OCR (extract's default for image-only pages), scored by row F1 and positional
 * accuracy (bench/score.ts), with seconds, CPU seconds per page and peak RSS.
 *
 *   npm run bench:ocr                  the corpus scan layout, then scans made here from other layouts and real PDFs
 *   npm run bench:ocr -- --corpus      the corpus scan layout only
 *   npm run bench:ocr -- NAME…         only the sets whose name contains NAME
 *   npm run bench:ocr -- --verbose     per-table scores and the rows read
 *
 * Made scans (bench/make-scan.ts, cached in the temp folder): corpus text layouts rendered at 100–150 dpi, turned by
 * up to 1.2°, speckled and JPEG-compressed; their truth is the corpus truth. Real published PDFs (../shared/real)
 * are scanned the same way and scored against what the text layer of the same PDF extracts (agreement with it).
 */
const root = path.resolve(import.meta.dirname, '..');
const corpus = path.join(root, 'test-fixtures/corpus');
const realDir = path.resolve(root, '../shared/real');
const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const corpusOnly = args.includes('--corpus');
const filters = args.filter((a) => !a.startsWith('--'));

/** The engine before this one (tesseract.js chi_sim), measured on the corpus scan layout; no longer installed. */
const PREVIOUS = { engine: 'tesseract.js chi_sim', tables: '6/12', rowF1: 0.178, secondsPerPage: 8.7, peakRssMb: 1600 };

interface BenchSet {
  name: string;
  pdf: () => Promise<Uint8Array>;
  truth: () => Promise<TruthTable[]>;
  /** Score every titled table (real documents' truth is the text-layer reading, titles as found). */
  allTables?: boolean;
}

const cacheDir = path.join(os.tmpdir(), 'budget-review-ocr-bench');
mkdirSync(cacheDir, { recursive: true });

async function madeScan(src: string, opts: ScanOptions, tag: string): Promise<Uint8Array> {
  const file = path.join(cacheDir, `${path.basename(src, '.pdf')}-${tag}.pdf`);
  if (existsSync(file)) return new Uint8Array(readFileSync(file));
  const bytes = await makeScan(new Uint8Array(readFileSync(src)), opts);
  writeFileSync(file, bytes);
  return bytes;
}

const corpusTruth = (doc: string) => async () =>
  (JSON.parse(readFileSync(path.join(corpus, `${doc}.truth.json`), 'utf8')) as { tables: TruthTable[] }).tables;

const sets: BenchSet[] = readdirSync(corpus)
  .filter((f) => /-scan\.pdf$/u.test(f))
  .sort()
  .map((f) => ({
    name: f.replace(/\.pdf$/u, ''),
    pdf: async () => new Uint8Array(readFileSync(path.join(corpus, f))),
    truth: corpusTruth(f.replace(/-scan\.pdf$/u, '')),
  }));

const made: Array<{ src: string; doc: string; opts: ScanOptions; tag: string }> = [
  {
    src: 'qz2024-budget-ruled.pdf',
    doc: 'qz2024-budget',
    tag: '150dpi-skew0.7',
    opts: { dpi: 150, skewDeg: 0.7, noise: 0.002, quality: 75 },
  },
  {
    src: 'cz2023-budget-plain.pdf',
    doc: 'cz2023-budget',
    tag: '150dpi-skew-0.5',
    opts: { dpi: 150, skewDeg: -0.5, noise: 0.002, quality: 75 },
  },
  {
    src: 'qz2024-budget-narrow.pdf',
    doc: 'qz2024-budget',
    tag: '110dpi-skew1.2',
    opts: { dpi: 110, skewDeg: 1.2, noise: 0.004, quality: 60 },
  },
  {
    src: 'cz2023-budget-ruled.pdf',
    doc: 'cz2023-budget',
    tag: '100dpi-skew-1',
    opts: { dpi: 100, skewDeg: -1, noise: 0.003, quality: 65 },
  },
];
if (!corpusOnly) {
  for (const m of made)
    sets.push({
      name: `${m.src.replace(/\.pdf$/u, '')}@${m.tag}`,
      pdf: () => madeScan(path.join(corpus, m.src), m.opts, m.tag),
      truth: corpusTruth(m.doc),
    });
  const real = ['js-rendaban-2019-budget-tables.pdf', 'sh-putuo-sifaju-2026-unit-budget.pdf'];
  for (const r of real) {
    const src = path.join(realDir, r);
    if (!existsSync(src)) continue;
    const opts: ScanOptions = { dpi: 150, skewDeg: 0.6, noise: 0.002, quality: 70 };
    sets.push({
      name: `${r.replace(/\.pdf$/u, '')}@150dpi-skew0.6 (vs text layer)`,
      pdf: () => madeScan(src, opts, '150dpi-skew0.6'),
      truth: async () => {
        const d = await extractDocument(new Uint8Array(readFileSync(src)), { file: r, ocr: false });
        return d.tables.map((t) => ({
          title: t.title,
          header: [],
          rows: t.rows.map((row) => row.cells.map((c) => c.text)),
        }));
      },
      allTables: true,
    });
  }
}

const fmt = (n: number) => n.toFixed(3);
console.log(
  'set                                                    tables  truth-rows  row-F1  positional  pages  seconds  s/page  cpu-s/page  peak-RSS-MB',
);
const scores: Score[] = [];
let totalPages = 0;
let totalSecs = 0;
for (const set of sets.filter((s) => filters.length === 0 || filters.some((f) => s.name.includes(f)))) {
  const bytes = await set.pdf();
  const truth = await set.truth();
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const extracted = await extractDocument(bytes, {
    file: `${set.name}.pdf`,
    onProgress: (p) => {
      if (p.stage === 'reading') process.stderr.write(`\r${p.stage} ${p.done}/${p.total}   `);
    },
  });
  process.stderr.write('\r\x1b[K');
  const secs = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuSecs = (cpu.user + cpu.system) / 1e6;
  const ocrPages = (extracted.notices ?? []).filter((n) => n.code === 'ocr').length;
  const score = scoreDocument(
    truth,
    extracted.tables.map((t) => ({ title: t.title, rows: t.rows.map((r) => r.cells.map((c) => c.text)) })),
    { standardOnly: !set.allTables },
  );
  scores.push(score);
  totalPages += ocrPages;
  totalSecs += secs;
  const found = score.tables.filter((t) => t.matched).length;
  const rss = process.resourceUsage().maxRSS / 1024;
  const per = (n: number) => (n / Math.max(1, ocrPages)).toFixed(2);
  console.log(
    `${set.name.padEnd(54)} ${`${found}/${score.tables.length}`.padStart(6)}  ${String(score.truthRows).padStart(10)}  ${fmt(score.rowF1)}  ${fmt(score.positional).padStart(10)}  ${String(ocrPages).padStart(5)}  ${secs.toFixed(1).padStart(7)}  ${per(secs).padStart(6)}  ${per(cpuSecs).padStart(10)}  ${rss.toFixed(0).padStart(11)}`,
  );
  if (verbose) {
    for (const t of score.tables)
      console.log(
        `    ${t.title} → ${t.matched ?? 'NOT FOUND'}: rows ${t.extractedRows}/${t.truthRows}, hits ${t.rowHits}, positional ${t.positionalHits}`,
      );
    for (const t of extracted.tables) {
      console.log(`  [${t.title}] p${t.pages.join(',')}`);
      for (const r of t.rows.slice(0, 60))
        console.log(`     ${r.cells.map((c) => (c.confidence < 0.8 ? `${c.text}(?)` : c.text)).join(' | ')}`);
    }
  }
}
if (scores.length > 1) {
  const p = pooledScore(scores);
  console.log(
    `${'all sets, pooled by rows'.padEnd(54)} ${''.padStart(6)}  ${String(p.truthRows).padStart(10)}  ${fmt(p.rowF1)}  ${fmt(p.positional).padStart(10)}  ${String(totalPages).padStart(5)}  ${totalSecs.toFixed(1).padStart(7)}  ${(totalSecs / Math.max(1, totalPages)).toFixed(2).padStart(6)}`,
  );
}
console.log(
  `previous engine (${PREVIOUS.engine}, corpus scan layout, no longer installed): tables ${PREVIOUS.tables}, row F1 ${PREVIOUS.rowF1}, ${PREVIOUS.secondsPerPage} s/page, peak RSS ${PREVIOUS.peakRssMb} MB`,
);

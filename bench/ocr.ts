import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { extractDocument } from '../main/extraction';
import { scoreDocument, type TruthTable } from './score';

/** Scores the scanned corpus fixtures read through OCR: row F1, positional accuracy, time per page, peak memory. */
const dir = path.resolve(import.meta.dirname, '../test-fixtures/corpus');
const verbose = process.argv.includes('--verbose');
const files = readdirSync(dir)
  .filter((f) => /^(.+)-scan\.pdf$/u.test(f))
  .sort();
const fmt = (n: number) => n.toFixed(3);
console.log(
  'document                     tables  truth-rows  row-F1  positional  pages  seconds  s/page  peak-RSS-MB  cpu-s/page',
);
for (const f of files) {
  const doc = /^(.+)-scan\.pdf$/u.exec(f)![1]!;
  const truth = JSON.parse(readFileSync(path.join(dir, `${doc}.truth.json`), 'utf8')) as { tables: TruthTable[] };
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  let ocrPages = 0;
  const extracted = await extractDocument(new Uint8Array(readFileSync(path.join(dir, f))), {
    file: f,
    ocr: true,
    onProgress: (p) => {
      if (p.stage === 'reading') process.stderr.write(`\r${p.stage} ${p.done}/${p.total}   `);
    },
  });
  process.stderr.write('\n');
  const secs = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuSecs = (cpu.user + cpu.system) / 1e6;
  ocrPages = (extracted.notices ?? []).filter((n) => n.code === 'ocr').length;
  const score = scoreDocument(
    truth.tables,
    extracted.tables.map((t) => ({ title: t.title, rows: t.rows.map((r) => r.cells.map((c) => c.text)) })),
  );
  const found = score.tables.filter((t) => t.matched).length;
  const rss = process.resourceUsage().maxRSS / 1024;
  console.log(
    `${doc.padEnd(28)} ${`${found}/${score.tables.length}`.padStart(6)}  ${String(score.truthRows).padStart(10)}  ${fmt(score.rowF1)}  ${fmt(score.positional).padStart(10)}  ${String(ocrPages).padStart(5)}  ${secs.toFixed(1).padStart(7)}  ${(secs / Math.max(1, ocrPages)).toFixed(2).padStart(6)}  ${rss.toFixed(0).padStart(11)}  ${(cpuSecs / Math.max(1, ocrPages)).toFixed(2).padStart(10)}`,
  );
  if (verbose) {
    for (const t of score.tables)
      console.log(
        `    ${t.title} → ${t.matched ?? 'NOT FOUND'}: rows ${t.extractedRows}/${t.truthRows}, hits ${t.rowHits}, positional ${t.positionalHits}`,
      );
    for (const t of extracted.tables) {
      console.log(`  [${t.title}] p${t.pages.join(',')}`);
      for (const r of t.rows.slice(0, 40)) console.log(`     ${r.cells.map((c) => c.text).join(' | ')}`);
    }
  }
}

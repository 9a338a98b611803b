import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { extractDocument } from '../main/extraction';
import { pooledScore, scoreDocument, type Score, type TruthTable } from './score';

/** Scores every corpus fixture against its truth and prints per-document and per-layout figures. */
const dir = path.resolve(import.meta.dirname, '../test-fixtures/corpus');
const verbose = process.argv.includes('--verbose');
const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));

const files = readdirSync(dir)
  .filter((f) => /^(.+)-(ruled|narrow|plain|xlsx)\.pdf$/u.test(f))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

const byLayout = new Map<string, Score[]>();
const fmt = (n: number) => n.toFixed(3);
console.log('document                     layout  tables  truth-rows  row-F1  positional  seconds');
for (const f of files) {
  const [, doc, layout] = /^(.+)-(ruled|narrow|plain|xlsx)\.pdf$/u.exec(f)!;
  const truth = JSON.parse(readFileSync(path.join(dir, `${doc}.truth.json`), 'utf8')) as { tables: TruthTable[] };
  const t0 = performance.now();
  const extracted = await extractDocument(new Uint8Array(readFileSync(path.join(dir, f))), { file: f });
  const secs = (performance.now() - t0) / 1000;
  const score = scoreDocument(
    truth.tables,
    extracted.tables.map((t) => ({ title: t.title, rows: t.rows.map((r) => r.cells.map((c) => c.text)) })),
  );
  const list = byLayout.get(layout!) ?? [];
  list.push(score);
  byLayout.set(layout!, list);
  const found = score.tables.filter((t) => t.matched).length;
  console.log(
    `${doc!.padEnd(28)} ${layout!.padEnd(7)} ${`${found}/${score.tables.length}`.padStart(6)}  ${String(score.truthRows).padStart(10)}  ${fmt(score.rowF1)}  ${fmt(score.positional).padStart(10)}  ${secs.toFixed(1).padStart(7)}`,
  );
  if (verbose)
    for (const t of score.tables)
      if (t.rowHits < t.truthRows || t.extractedRows !== t.truthRows || t.positionalHits < t.truthRows)
        console.log(
          `    ${t.title} → ${t.matched ?? 'NOT FOUND'}: rows ${t.extractedRows}/${t.truthRows}, hits ${t.rowHits}, positional ${t.positionalHits}`,
        );
}
console.log('\nper layout (pooled rows)');
for (const [layout, scores] of byLayout) {
  const { truthRows, rowF1, positional } = pooledScore(scores);
  console.log(`  ${layout.padEnd(7)} row-F1 ${fmt(rowF1)}  positional ${fmt(positional)}  (${truthRows} truth rows)`);
}

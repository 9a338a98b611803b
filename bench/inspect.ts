import { readFileSync } from 'node:fs';
import { readPages } from '../main/pdf/read';
import { layoutPage } from '../main/extraction/layout';
import { detectStreamTables } from '../main/extraction/stream';
import { gridMatrix } from '../main/extraction/matrix';

/**
 * Developer's view of one page's layout: the grids found (method, size, box), the context read around each and the
 * lines outside them. `node bin/run-ts.mjs bench/inspect.ts FILE.pdf PAGE [PAGE…] [--cells]`
 */
const [file, ...rest] = process.argv.slice(2);
const cells = rest.includes('--cells');
const pages = rest.filter((a) => !a.startsWith('--')).map(Number);
const { pages: content } = await readPages(new Uint8Array(readFileSync(file!)), { pages });
for (const p of content) {
  const l = layoutPage(p, detectStreamTables);
  console.log(`# page ${p.page} ${p.width}×${p.height} runs ${p.runs.length} segments ${p.segments.length}`);
  for (const { grid, context } of l.grids) {
    const b = grid.bbox.map((v) => Math.round(v)).join(',');
    console.log(
      `  grid ${grid.method} ${grid.rowEdges.length - 1}×${grid.colEdges.length - 1} [${b}] ctx ${JSON.stringify(context)}`,
    );
    if (cells) for (const r of gridMatrix(grid)) console.log('    | ' + r.map((s) => s.text).join(' | '));
  }
  for (const line of l.lines)
    console.log(
      `  ${line.used ? '*' : ' '} ${line.fontSize.toFixed(1)} [${line.bbox.map((v) => Math.round(v)).join(',')}] ${line.text}`,
    );
  if (l.trailing) console.log(`  trailing ${JSON.stringify(l.trailing)}`);
}

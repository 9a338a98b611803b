import { describe, expect, it } from 'vitest';
import type { Segment } from '../pdf/types';
import { detectLatticeTables } from './lattice';
import { layoutPage } from './layout';
import { detectStreamTables } from './stream';
import { isUnderRuled } from './under-ruled';
import { page, run } from './testing/synthetic';

/** Outline, header rule and column rules drawn; the body rows are not ruled apart. */
function framed(body: string[][]) {
  const xs = [50, 170, 250, 330];
  const top = 700;
  const headerBottom = 680;
  const bottom = headerBottom - 14 * body.length - 6;
  const segments: Segment[] = [top, headerBottom, bottom].map((y) => ({ x0: xs[0]!, y0: y, x1: xs[3]!, y1: y }));
  for (const x of xs) segments.push({ x0: x, y0: bottom, x1: x, y1: top });
  const runs = ['Region', 'Schools', 'Pupils'].map((t, c) => run(t, xs[c]! + 4, 686));
  body.forEach((r, i) => r.forEach((t, c) => runs.push(run(t, xs[c]! + 4, headerBottom - 14 * (i + 1)))));
  return page(runs, segments);
}

describe('under-ruled frames', () => {
  const body = [
    ['North', '120', '4,310'],
    ['South', '98', '3,022'],
    ['East', '61', '1,870'],
    ['West', '47', '1,402'],
  ];

  it('recognises a ruled frame whose cells hold columns of figures', () => {
    const p = framed(body);
    const [grid] = detectLatticeTables(p);
    expect(grid).toBeDefined();
    expect(isUnderRuled(grid!)).toBe(true);
  });

  it('reads such a frame as a table of one row per line', () => {
    const layout = layoutPage(framed(body), detectStreamTables);
    expect(layout.grids).toHaveLength(1);
    const g = layout.grids[0]!.grid;
    expect(g.method).toBe('stream');
    expect(g.rowEdges.length - 1).toBe(5);
    expect(g.colEdges.length - 1).toBe(3);
  });

  it('leaves a grid alone whose cells hold at most a pair of values', () => {
    const p = framed([
      ['North', '120', '4,310'],
      ['South', '98', '3,022'],
    ]);
    expect(isUnderRuled(detectLatticeTables(p)[0]!)).toBe(false);
  });

  it('recognises rows ruled apart whose columns were never ruled, and reads them column by column', () => {
    const xs = [50, 170, 250, 330];
    const ys = [700, 686, 672, 658, 644, 630];
    const segments: Segment[] = ys.map((y) => ({ x0: 50, y0: y, x1: 330, y1: y }));
    segments.push({ x0: 50, y0: 630, x1: 50, y1: 700 }, { x0: 330, y0: 630, x1: 330, y1: 700 });
    const rows = [['Region', 'Schools', 'Pupils'], ...body];
    const runs = rows.flatMap((r, i) => r.map((t, c) => run(t, xs[c]! + 4, ys[i]! - 11)));
    const p = page(runs, segments);
    const [grid] = detectLatticeTables(p);
    expect(grid!.colEdges.length - 1).toBe(1);
    expect(isUnderRuled(grid!)).toBe(true);
    const g = layoutPage(p, detectStreamTables).grids[0]!.grid;
    expect(g.method).toBe('stream');
    expect(g.colEdges.length - 1).toBe(3);
    expect(g.rowEdges.length - 1).toBe(5);
  });

  it('recognises a boxed column of label and figure lines, each figure set apart from its label', () => {
    const segments: Segment[] = [714, 700, 620].map((y) => ({ x0: 50, y0: y, x1: 250, y1: y }));
    segments.push({ x0: 50, y0: 620, x1: 50, y1: 714 }, { x0: 250, y0: 620, x1: 250, y1: 714 });
    const runs = body.flatMap((r, i) => [run(r[0]!, 54, 686 - 14 * i), run(r[2]!, 200, 686 - 14 * i)]);
    runs.push(run('Pupils by region', 54, 703));
    expect(isUnderRuled(detectLatticeTables(page(runs, segments))[0]!)).toBe(true);
  });
});

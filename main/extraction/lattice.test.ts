import { describe, expect, it } from 'vitest';
import { detectLatticeTables } from './lattice';
import { page, ruledTable } from './testing/synthetic';

describe('lattice detection', () => {
  it('builds the cell grid from rulings and spans a cell whose separator is missing', () => {
    const t = ruledTable(
      [50, 150, 250, 350],
      [700, 680, 660, 640],
      [
        ['收入', null, '支出'],
        ['项目', '预算数', '金额'],
        ['一般公共', '10.00', '5.00'],
      ],
    );
    const grids = detectLatticeTables(page(t.runs, t.segments));
    expect(grids).toHaveLength(1);
    const g = grids[0]!;
    expect(g.rowEdges).toEqual([700, 680, 660, 640]);
    expect(g.colEdges).toEqual([50, 150, 250, 350]);
    const span = g.cells.find((c) => c.row === 0 && c.col === 0)!;
    expect(span.colSpan).toBe(2);
    expect(span.runs.map((r) => r.str)).toEqual(['收入']);
    // every grid position covered exactly once
    const covered = g.cells.reduce((n, c) => n + c.rowSpan * c.colSpan, 0);
    expect(covered).toBe(9);
  });

  it('finds several tables on one page, top to bottom, and ignores empty boxes', () => {
    const a = ruledTable(
      [50, 150, 250],
      [700, 680, 660],
      [
        ['a', '1.00'],
        ['b', '2.00'],
      ],
    );
    const b = ruledTable(
      [50, 200, 300],
      [500, 480, 460],
      [
        ['c', '3.00'],
        ['d', '4.00'],
      ],
    );
    const box = ruledTable([400, 500], [300, 200], [['']]);
    const grids = detectLatticeTables(page([...b.runs, ...a.runs], [...a.segments, ...b.segments, ...box.segments]));
    expect(grids).toHaveLength(2);
    expect(grids[0]!.bbox[3]).toBe(700);
    expect(grids[1]!.colEdges).toEqual([50, 200, 300]);
  });

  it('limits detection to a drawn region', () => {
    const a = ruledTable(
      [50, 150, 250],
      [700, 680, 660],
      [
        ['a', '1.00'],
        ['b', '2.00'],
      ],
    );
    const b = ruledTable(
      [50, 200, 300],
      [500, 480, 460],
      [
        ['c', '3.00'],
        ['d', '4.00'],
      ],
    );
    const grids = detectLatticeTables(page([...a.runs, ...b.runs], [...a.segments, ...b.segments]), {
      region: [40, 450, 310, 510],
    });
    expect(grids).toHaveLength(1);
    expect(grids[0]!.cells.flatMap((c) => c.runs.map((r) => r.str))).toContain('c');
  });
});

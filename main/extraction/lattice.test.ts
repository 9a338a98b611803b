import { describe, expect, it } from 'vitest';
import { detectLatticeTables } from './lattice';
import { page, ruledTable, run } from './testing/synthetic';

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

  it('drops a sliver column left by a header divider printed a few points off the body divider', () => {
    // Header: | 项目名称 (50–150) | blank (150–300) | 金额 |; body: | 一般公共预算资金 (50–162) | 小计 | 金额 |.
    const t = ruledTable(
      [50, 162, 300, 400],
      [700, 680, 660],
      [
        ['一般公共预算资金', '小计', '17,981.68'],
        ['政府性基金', '小计', ''],
      ],
    );
    const header = [
      { x0: 50, x1: 400, y0: 720, y1: 720 },
      { x0: 50, x1: 50, y0: 700, y1: 720 },
      { x0: 150, x1: 150, y0: 700, y1: 720 },
      { x0: 300, x1: 300, y0: 700, y1: 720 },
      { x0: 400, x1: 400, y0: 700, y1: 720 },
    ];
    const runs = [...t.runs, run('项目名称', 60, 705), run('金额', 330, 705)];
    const segments = [...t.segments.filter((s) => !(s.x0 === 162 && s.y1 > 700)), ...header];
    const g = detectLatticeTables(page(runs, segments))[0]!;
    expect(g.colEdges).toEqual([50, 162, 300, 400]);
    expect(g.cells.filter((c) => c.row === 1).map((c) => c.runs.map((r) => r.str).join(''))).toEqual([
      '一般公共预算资金',
      '小计',
      '17,981.68',
    ]);
  });
});

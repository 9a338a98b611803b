import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PageContent, Segment, TextRun } from '../pdf/types';
import { readPages } from '../pdf/read';
import { cellText } from './celltext';
import type { PageGrid } from './grid';
import { detectStreamTables } from './stream';

const FS = 9;

/** A run as a reader reports it: CJK glyphs one em wide, Latin letters and digits half an em. */
function run(str: string, x0: number, y: number, align: 'left' | 'right' | 'centre' = 'left'): TextRun {
  let w = 0;
  for (const ch of str) w += /[\u2e80-\u9fff\uff00-\uffef]/u.test(ch) ? FS : FS * 0.5;
  const left = align === 'left' ? x0 : align === 'right' ? x0 - w : x0 - w / 2;
  return { str, x0: left, x1: left + w, y0: y - 2, y1: y - 2 + FS, fontSize: FS };
}

function page(runs: TextRun[], segments: Segment[] = []): PageContent {
  return { page: 1, width: 595, height: 842, rotation: 0, runs, segments, rects: [], hasImages: false };
}

/** The grid as text, spanning cells at their first position and covered positions empty. */
function matrix(g: PageGrid): string[][] {
  const m = Array.from({ length: g.rowEdges.length - 1 }, () => Array<string>(g.colEdges.length - 1).fill(''));
  for (const c of g.cells) m[c.row]![c.col] = cellText(c.runs).text;
  return m;
}

function coversEachPositionOnce(g: PageGrid): boolean {
  const rows = g.rowEdges.length - 1;
  const cols = g.colEdges.length - 1;
  const seen = Array.from({ length: rows }, () => Array<number>(cols).fill(0));
  for (const c of g.cells)
    for (let r = c.row; r < c.row + c.rowSpan; r++) for (let k = c.col; k < c.col + c.colSpan; k++) seen[r]![k]!++;
  return seen.every((r) => r.every((n) => n === 1));
}

const PITCH = 18;

/** Names left-aligned at 60, amounts right-aligned at 300 and 400, one row per pitch from y. */
function amountRows(y: number, rows: Array<[string, string, string]>): TextRun[] {
  return rows.flatMap(([name, a, b], i) => [
    run(name, 60, y - i * PITCH),
    run(a, 300, y - i * PITCH, 'right'),
    run(b, 400, y - i * PITCH, 'right'),
  ]);
}

const BODY: Array<[string, string, string]> = [
  ['一般公共服务支出', '838.21', '90.11'],
  ['社会保障和就业支出', '12.33', '12.33'],
  ['卫生健康支出', '5.71', '0.00'],
  ['住房保障支出', '10.29', '1,210.29'],
];

describe('detectStreamTables on synthetic pages', () => {
  it('finds a borderless table from right-aligned amount columns and a left-aligned name column', () => {
    const runs = [
      run('项目', 60, 700),
      run('合计', 300, 700, 'right'),
      run('基本支出', 400, 700, 'right'),
      ...amountRows(700 - PITCH, BODY),
    ];
    const grids = detectStreamTables(page(runs));
    expect(grids).toHaveLength(1);
    const g = grids[0]!;
    expect(g.method).toBe('stream');
    expect(matrix(g)).toEqual([['项目', '合计', '基本支出'], ...BODY.map((r) => [...r])]);
    expect(coversEachPositionOnce(g)).toBe(true);
    expect(g.confidence).toBeGreaterThan(0.5);
    expect(g.confidence).toBeLessThan(0.9);
  });

  it('keeps a wrapped name in its row when the amounts sit between its two lines', () => {
    const y = 700;
    const runs = [
      ...amountRows(y, BODY.slice(0, 2)),
      // Row 3: the name wraps onto two lines 12 pt apart, the amounts are centred on the cell.
      run('机关事业单位基本', 60, y - 2 * PITCH - 3),
      run('养老保险缴费支出', 60, y - 2 * PITCH - 15),
      run('23.16', 300, y - 2 * PITCH - 9, 'right'),
      run('23.16', 400, y - 2 * PITCH - 9, 'right'),
      ...amountRows(y - 3 * PITCH - 12, BODY.slice(2)),
    ];
    const g = detectStreamTables(page(runs))[0]!;
    const m = matrix(g);
    expect(m).toHaveLength(5);
    expect(m[2]).toEqual(['机关事业单位基本养老保险缴费支出', '23.16', '23.16']);
    expect(m[3]).toEqual([...BODY[2]!]);
  });

  it('keeps a label-only row (no amounts, a full row pitch away) as its own row', () => {
    const y = 700;
    const runs = [
      ...amountRows(y, BODY.slice(0, 2)),
      run('其中:', 60, y - 2 * PITCH),
      ...amountRows(y - 3 * PITCH, BODY.slice(2)),
    ];
    const m = matrix(detectStreamTables(page(runs))[0]!);
    expect(m.map((r) => r[0])).toEqual([
      '一般公共服务支出',
      '社会保障和就业支出',
      '其中:',
      '卫生健康支出',
      '住房保障支出',
    ]);
    expect(m[2]).toEqual(['其中:', '', '']);
  });

  it('gives a header label centred over two columns a column span', () => {
    const y = 700;
    const runs = [
      run('收入', 150, y, 'centre'),
      run('支出', 350, y, 'centre'),
      run('项目', 60, y - PITCH),
      run('预算数', 200, y - PITCH, 'right'),
      run('项目', 260, y - PITCH),
      run('预算数', 440, y - PITCH, 'right'),
      ...[0, 1, 2, 3].flatMap((i) => [
        run(`收入项目${'甲乙丙丁'[i]}`, 60, y - (i + 2) * PITCH),
        run(`${(i + 1) * 11}.50`, 200, y - (i + 2) * PITCH, 'right'),
        run(`支出项目${'甲乙丙丁'[i]}`, 260, y - (i + 2) * PITCH),
        run(`${(i + 1) * 7}.25`, 440, y - (i + 2) * PITCH, 'right'),
      ]),
    ];
    const g = detectStreamTables(page(runs))[0]!;
    expect(g.colEdges).toHaveLength(5);
    const top = g.cells.filter((c) => c.row === 0 && c.runs.length);
    expect(top.map((c) => [cellText(c.runs).text, c.col, c.colSpan])).toEqual([
      ['收入', 0, 2],
      ['支出', 2, 2],
    ]);
    expect(matrix(g)[1]).toEqual(['项目', '预算数', '项目', '预算数']);
    expect(coversEachPositionOnce(g)).toBe(true);
  });

  it('finds no table on a page of prose paragraphs', () => {
    const text = '本部门严格落实过紧日子要求，压减一般性支出，';
    const runs: TextRun[] = [];
    for (let i = 0; i < 12; i++)
      runs.push(run(i % 5 === 0 ? text.slice(0, 10) : text + text.slice(0, 8), 60, 760 - i * 14));
    expect(detectStreamTables(page(runs))).toEqual([]);
  });

  it('finds no table in a two-column prose layout whose lines happen to share baselines', () => {
    const left = 'The committee reviewed the draft budget and';
    const right = 'noted that the allocations for the coming year';
    const runs: TextRun[] = [];
    for (let i = 0; i < 14; i++) {
      runs.push(run(left, 50, 760 - i * 12));
      runs.push(run(right, 320, 760 - i * 12));
    }
    expect(detectStreamTables(page(runs))).toEqual([]);
  });

  it('separates two tables printed one above the other with a title between them', () => {
    const runs = [
      ...amountRows(760, BODY),
      run('2024年度一般公共预算支出表', 200, 760 - 4 * PITCH - 20, 'centre'),
      run('单位:万元', 60, 760 - 5 * PITCH - 20),
      ...amountRows(760 - 7 * PITCH - 20, BODY.slice(0, 3)),
    ];
    const grids = detectStreamTables(page(runs));
    expect(grids).toHaveLength(2);
    expect(matrix(grids[0]!)).toHaveLength(4);
    expect(matrix(grids[1]!)).toHaveLength(3);
    expect(grids[0]!.bbox[1]).toBeGreaterThan(grids[1]!.bbox[3]);
  });

  it('takes the rules above and below a table as its extent, header lines included', () => {
    const y = 700;
    const runs = [run('项目', 150, y, 'centre'), run('金额', 350, y, 'centre'), ...amountRows(y - PITCH, BODY)];
    const rules: Segment[] = [
      { x0: 50, y0: y + 12, x1: 420, y1: y + 12 },
      { x0: 50, y0: y - 8, x1: 420, y1: y - 8 },
      { x0: 50, y0: y - 5 * PITCH + 4, x1: 420, y1: y - 5 * PITCH + 4 },
    ];
    const g = detectStreamTables(page(runs, rules))[0]!;
    expect(g.bbox[0]).toBe(50);
    expect(g.bbox[2]).toBe(420);
    expect(matrix(g)).toHaveLength(5);
  });

  it('keeps a footnote mark in small type on its line instead of making it a row', () => {
    const mark: TextRun = { str: '1', x0: 160, x1: 163, y0: 700 + 2, y1: 700 + 7, fontSize: 5 };
    const runs = [
      run('Region', 60, 700),
      run('Total', 150, 700, 'right'),
      mark,
      run('Share', 250, 700, 'right'),
      ...amountRows(700 - PITCH, BODY),
    ];
    const g = detectStreamTables(page(runs))[0]!;
    expect(matrix(g)).toHaveLength(1 + BODY.length);
    expect(g.cells.some((c) => c.row === 0 && c.runs.includes(mark))).toBe(true);
  });

  it('reads dot leaders as the gap between a label and its amount', () => {
    const runs = BODY.map(([name, a], i) => ({
      ...run(`${name} . . . . . . . . . . . . ${a}`, 60, 700 - i * 14),
      x1: 330,
    }));
    const g = detectStreamTables(page(runs))[0]!;
    expect(matrix(g)).toEqual(BODY.map(([name, a]) => [name, a]));
  });

  it('treats everything inside a drawn region as one table and ignores excluded boxes', () => {
    const runs = [...amountRows(700, BODY.slice(0, 2)), run('另一张表', 60, 500), run('9.99', 300, 500, 'right')];
    // Two rows alone are too little evidence on a whole page, but a reviewer's region says "this is a table".
    const inRegion = detectStreamTables(page(runs), { region: [50, 660, 420, 720] });
    expect(inRegion).toHaveLength(1);
    expect(matrix(inRegion[0]!)).toEqual(BODY.slice(0, 2).map((r) => [...r]));
    const table = [...amountRows(700, BODY), ...amountRows(500, BODY)];
    const rest = detectStreamTables(page(table), { exclude: [[50, 620, 420, 720]] });
    expect(rest).toHaveLength(1);
    expect(rest[0]!.bbox[3]).toBeLessThan(520);
  });
});

describe('detectStreamTables on the plain corpus layout', () => {
  const dir = path.resolve(__dirname, '../../test-fixtures/corpus');
  const norm = (s: string): string => s.normalize('NFKC').replace(/\s+/gu, '');
  const truth = JSON.parse(readFileSync(path.join(dir, 'qz2024-budget.truth.json'), 'utf8')) as {
    tables: Array<{ title: string; rows: string[][] }>;
  };
  const rowsOf = (title: string): string[][] =>
    truth.tables.find((t) => t.title.includes(title))!.rows.map((r) => r.map(norm));

  async function gridsOn(pageNo: number): Promise<PageGrid[]> {
    const { pages } = await readPages(new Uint8Array(readFileSync(path.join(dir, 'qz2024-budget-plain.pdf'))), {
      pages: [pageNo],
    });
    return detectStreamTables(pages[0]!);
  }

  /** Body rows of a grid (below its header rows), trailing blanks dropped as in the truth format. */
  function body(g: PageGrid, headerRows: number): string[][] {
    return matrix(g)
      .slice(headerRows)
      .map((r) => {
        const out = r.map(norm);
        while (out.length && out[out.length - 1] === '') out.pop();
        return out;
      });
  }

  it('reproduces the side-by-side income/expenditure summary row for row', async () => {
    const grids = await gridsOn(4);
    expect(grids).toHaveLength(1);
    const g = grids[0]!;
    expect(g.colEdges).toHaveLength(5);
    expect(body(g, 2)).toEqual(rowsOf('收支预算总表'));
    expect(g.cells.find((c) => c.row === 0 && c.col === 0)!.colSpan).toBe(2);
  });

  it('reproduces the 13-column income table with its wrapped header and wrapped name', async () => {
    const grids = await gridsOn(5);
    expect(grids).toHaveLength(1);
    const g = grids[0]!;
    expect(g.colEdges).toHaveLength(14);
    expect(body(g, 1)).toEqual(rowsOf('收入预算总表'));
    expect(norm(matrix(g)[0]![3]!)).toBe('一般公共预算拨款收入');
  });
});

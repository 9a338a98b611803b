import { describe, expect, it } from 'vitest';
import { columnLabels, headerDepth, headerRows, isColumnNumberRow } from './headers';
import { detectLatticeTables } from './lattice';
import { gridMatrix } from './matrix';
import { page, ruledTable } from './testing/synthetic';

function matrixOf(cells: Array<Array<string | null>>, widths = 60) {
  const cols = cells[0]!.length;
  const xs = Array.from({ length: cols + 1 }, (_, i) => 50 + i * widths);
  const ys = Array.from({ length: cells.length + 1 }, (_, i) => 700 - i * 20);
  const t = ruledTable(xs, ys, cells);
  return gridMatrix(detectLatticeTables(page(t.runs, t.segments))[0]!);
}

describe('headers', () => {
  it('turns merged multi-row headers into column paths', () => {
    const m = matrixOf([
      ['项目', '本年收入', null],
      ['', '财政拨款收入', '其他收入'],
      ['合计', '10.00', '2.00'],
    ]);
    const depth = headerDepth(m);
    expect(depth).toBe(2);
    const header = headerRows(m, depth);
    expect(header[0]).toEqual(['项目', '本年收入', '本年收入']);
    expect(columnLabels(header, 3)).toEqual(['项目', '本年收入 / 财政拨款收入', '本年收入 / 其他收入']);
  });

  it('recognises 栏次/行次 rows and numbered columns as header, not data', () => {
    expect(isColumnNumberRow(['类 款 项', '栏次', '1', '2', '3'])).toBe(true);
    expect(isColumnNumberRow(['', '', '1', '2', '3', '4'])).toBe(true);
    expect(isColumnNumberRow(['合计', '1', '0.00'])).toBe(false);
    const m = matrixOf([
      ['项目', '行次', '决算数'],
      ['栏次', '1', '2'],
      ['合计', '1', '0.00'],
    ]);
    expect(headerDepth(m)).toBe(2);
  });

  it('starts the body at a row with a subject code even without amounts', () => {
    const m = matrixOf([
      ['科目编码', '科目名称', '金额'],
      ['201', '一般公共服务支出', ''],
    ]);
    expect(headerDepth(m)).toBe(1);
  });

  it('starts the body of a table without budget amounts at its first row of figures', () => {
    const m = matrixOf([
      ['', 'Threshold', null],
      ['', 'to air', 'to water'],
      ['Methane', '100 000', '-'],
      ['Ammonia', '12%', '-'],
    ]);
    expect(headerDepth(m)).toBe(2);
    const years = matrixOf([
      ['Category', '2005', '2010'],
      ['All ages', '291', '303'],
    ]);
    expect(headerDepth(years)).toBe(1);
  });

  it('reads a table of words as its spanning label rows and the labels under them', () => {
    const words = matrixOf([
      ['Property', 'Type', 'What is assessed'],
      ['Reliability', 'Test-retest', 'Stability of scores'],
      ['Validity', 'Content', 'Evidence'],
    ]);
    expect(headerDepth(words)).toBe(1);
    const spanned = matrixOf([
      ['Treatment', null, 'Outcome'],
      ['Kind', 'Form', 'Note'],
      ['Allergy', 'Count', 'none'],
    ]);
    expect(headerDepth(spanned)).toBe(2);
  });
});

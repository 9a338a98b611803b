import { describe, expect, it } from 'vitest';
import { applyOp, EditConflictError, emptyOverlay, type EditOp } from './edits';
import { validate } from '../validation';
import { docOf, tbl } from '../validation/testing/fixtures';

const doc = () =>
  docOf([
    tbl(
      't1',
      '支出总表',
      [['科目编码', '科目名称', '合计', '基本支出', '项目支出']],
      [
        ['', '合计', '10.00', '6.00', '4.00'],
        ['201', '一般公共服务支出', '10.00', '6.00', '4.00'],
        ['20101', '人大事务', '10.00', '6.00', '4.00'],
      ],
      { type: 'expenditure' },
    ),
  ]);

type Doc = ReturnType<typeof doc>;
const setCell = (d: Doc, row: number, col: number, text: string, value: number | null): EditOp => {
  const c = d.tables[0]!.rows[row]!.cells[col];
  return {
    op: 'setCell',
    table: 't1',
    row,
    col,
    before: { text: c?.text ?? '', value: c?.value ?? null },
    after: { text, value },
  };
};
const splice = (index: number, removed: Doc['tables'][number]['rows']): EditOp => ({
  op: 'spliceRows',
  table: 't1',
  index,
  removed,
  inserted: [],
  intent: 'delete',
});

describe('edit operations are checked against the table they target', () => {
  it('refuses a cell beyond the table, which would otherwise widen every later load', () => {
    const d = doc();
    expect(() => applyOp(d, emptyOverlay(), setCell(d, 1, 30_000_000, '11.00', 11))).toThrow(EditConflictError);
    expect(() => applyOp(d, emptyOverlay(), setCell(d, 1, -1, '11.00', 11))).toThrow(EditConflictError);
  });

  it('takes the amount from the text, so non-numeric text in an amount cell is blank, and validation still runs', () => {
    const d = doc();
    const next = applyOp(d, emptyOverlay(), setCell(d, 1, 2, 'abc', Number.NaN)).doc;
    expect(next.tables[0]!.rows[1]!.cells[2]!.value).toBeNull();
    expect(() => validate(next)).not.toThrow();
    const typed = applyOp(d, emptyOverlay(), setCell(d, 1, 2, '1,234.50', 7));
    expect(typed.doc.tables[0]!.rows[1]!.cells[2]!.value).toBe(1234.5);
  });

  it('refuses a stale row deletion that names other rows than those at its index', () => {
    const d = doc();
    const rows = d.tables[0]!.rows;
    expect(() => applyOp(d, emptyOverlay(), splice(1, [rows[2]!]))).toThrow(/not the row the edit removes/u);
    expect(applyOp(d, emptyOverlay(), splice(1, [rows[1]!])).doc.tables[0]!.rows).toHaveLength(2);
    expect(() => applyOp(d, emptyOverlay(), splice(3, [rows[1]!]))).toThrow(EditConflictError);
  });

  it('refuses a status change or waiver whose "before" is no longer what is there', () => {
    const d = doc();
    const o = applyOp(d, emptyOverlay(), {
      op: 'setTableStatus',
      table: 't1',
      before: 'unreviewed',
      after: 'reviewed',
    }).overlay;
    expect(() => applyOp(d, o, { op: 'setTableStatus', table: 't1', before: 'unreviewed', after: 'reviewed' })).toThrow(
      EditConflictError,
    );
    expect(() =>
      applyOp(d, o, { op: 'setTableStatus', table: 'nope', before: 'unreviewed', after: 'reviewed' }),
    ).toThrow(EditConflictError);
    const w = applyOp(d, o, { op: 'waiveFinding', findingId: 'R1-x', before: null, after: '已核实' }).overlay;
    expect(() => applyOp(d, w, { op: 'waiveFinding', findingId: 'R1-x', before: null, after: '另一个理由' })).toThrow(
      EditConflictError,
    );
    expect(
      applyOp(d, w, { op: 'waiveFinding', findingId: 'R1-x', before: '已核实', after: null }).overlay.waivers,
    ).toEqual({});
  });
});

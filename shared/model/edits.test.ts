import { describe, expect, it } from 'vitest';
import { applyOp, EditConflictError, emptyOverlay, setCellOp } from './edits';
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

describe('edit operations are checked against the table they target', () => {
  it('refuses a cell beyond the table, which would otherwise widen every later load', () => {
    const d = doc();
    const op = { ...setCellOp(d, 't1', 1, 2, '11.00'), col: 30_000_000 };
    expect(() => applyOp(d, emptyOverlay(), op)).toThrow(EditConflictError);
    expect(() => applyOp(d, emptyOverlay(), { ...op, col: -1 })).toThrow(EditConflictError);
  });

  it('takes the amount from the text, so non-numeric text in an amount cell is blank, and validation still runs', () => {
    const d = doc();
    const op = { ...setCellOp(d, 't1', 1, 2, 'abc'), after: { text: 'abc', value: Number.NaN } };
    const next = applyOp(d, emptyOverlay(), op).doc;
    expect(next.tables[0]!.rows[1]!.cells[2]!.value).toBeNull();
    expect(() => validate(next)).not.toThrow();
    const typed = applyOp(d, emptyOverlay(), {
      ...setCellOp(d, 't1', 1, 2, '1,234.50'),
      after: { text: '1,234.50', value: 7 },
    });
    expect(typed.doc.tables[0]!.rows[1]!.cells[2]!.value).toBe(1234.5);
  });

  it('refuses a stale row deletion that names other rows than those at its index', () => {
    const d = doc();
    const rows = d.tables[0]!.rows;
    const stale = { op: 'spliceRows' as const, table: 't1', index: 1, removed: [rows[2]!], inserted: [] };
    expect(() => applyOp(d, emptyOverlay(), stale)).toThrow(/not the row the edit removes/u);
    const right = { ...stale, removed: [rows[1]!] };
    expect(applyOp(d, emptyOverlay(), right).doc.tables[0]!.rows).toHaveLength(2);
    expect(() => applyOp(d, emptyOverlay(), { ...stale, index: 3, removed: [rows[1]!] })).toThrow(EditConflictError);
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

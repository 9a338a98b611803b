import { describe, expect, it } from 'vitest';
import { applyOp, emptyOverlay, invertOp } from '../../shared/model/edits';
import { copyBlock, mergeRowsOp, moveRowOp, pasteOp, rowChangesOp, splitRowOp } from './rows';
import { cell, expenditureTable, row, sampleDoc } from './testing/fixtures';
import type { Table } from '../../shared/model/document';

function apply(t: Table, op: Parameters<typeof applyOp>[2]): Table {
  return applyOp(sampleDoc([t]), emptyOverlay(), op).doc.tables[0]!;
}

describe('row edits', () => {
  it('turns a typed amount into a setCell with the parsed value', () => {
    const t = expenditureTable();
    const b = rowChangesOp(sampleDoc([t]), t, 2, [{ col: 2, text: ' 1,212.50 ' }]);
    expect(b.ok && b.op).toMatchObject({ op: 'setCell', row: 2, col: 2, after: { text: '1,212.50', value: 1212.5 } });
  });

  it('refuses text that is not an amount in an amount column, and says where', () => {
    const t = expenditureTable();
    expect(rowChangesOp(sampleDoc([t]), t, 2, [{ col: 3, text: '12..5' }])).toMatchObject({
      ok: false,
      at: { row: 2, col: 3 },
    });
  });

  it('re-files a row in the hierarchy when its code is edited', () => {
    const t = expenditureTable();
    const b = rowChangesOp(sampleDoc([t]), t, 2, [{ col: 0, text: '2010301' }]);
    expect(b.ok).toBe(true);
    const next = apply(t, b.ok ? b.op : (null as never));
    expect(next.rows[2]).toMatchObject({ code: '2010301', level: '项', parent: '20103', name: '人大事务' });
    expect(next.rows[2]!.cells[0]).toMatchObject({ text: '2010301', corrected: true, bbox: t.rows[2]!.cells[0]!.bbox });
  });

  it('splits a row the engine joined from two printed lines', () => {
    const t = expenditureTable();
    const joined = row('20101', '人大事务', ['12.00', '8.00', '4.00']);
    joined.cells[0] = cell('20101 20103');
    joined.cells[1] = cell('人大事务\n政府办公厅');
    joined.cells[2] = cell('12.00 18.00');
    joined.cells[3] = cell('8.00\n12.00');
    joined.cells[4] = cell('4.00');
    t.rows.splice(2, 2, joined);
    const b = splitRowOp(t, 2);
    expect(b.ok && b.op).toMatchObject({ op: 'spliceRows', intent: 'split', index: 2 });
    const next = apply(t, b.ok ? b.op : (null as never));
    expect(next.rows).toHaveLength(4);
    expect(next.rows[2]).toMatchObject({ code: '20101', level: '款', name: '人大事务' });
    expect(next.rows[3]).toMatchObject({ code: '20103', level: '款', parent: '201', name: '政府办公厅' });
    expect(next.rows[2]!.cells.map((c) => c.value)).toEqual([null, null, 12, 8, 4]);
    expect(next.rows[3]!.cells.map((c) => c.text)).toEqual(['20103', '政府办公厅', '18.00', '12.00', '']);
    expect(next.rows[3]!.cells[4]!.value).toBeNull();
  });

  it('merges a wrapped name back into one row and keeps the amounts of the line that had them', () => {
    const t = expenditureTable();
    const top = row('2010350', '事业运行（', ['', '', ''], 700);
    const bottom = row(null, '政府办公厅）', ['5.00', '5.00', ''], 690);
    bottom.cells[0] = cell('');
    t.rows.push(top, bottom);
    const b = mergeRowsOp(t, 4);
    const next = apply(t, b.ok ? b.op : (null as never));
    expect(next.rows).toHaveLength(5);
    expect(next.rows[4]).toMatchObject({ code: '2010350', level: '项', name: '事业运行（政府办公厅）' });
    expect(next.rows[4]!.cells.map((c) => c.value)).toEqual([null, null, 5, 5, null]);
    expect(next.rows[4]!.cells[1]!.bbox).toEqual([100, 690, 200, 710]);
  });

  it('marks an amount both merged rows carry as low confidence instead of guessing silently', () => {
    const t = expenditureTable();
    const b = mergeRowsOp(t, 2);
    const next = apply(t, b.ok ? b.op : (null as never));
    expect(next.rows[2]!.cells[2]).toMatchObject({ value: 12, confidence: 0.5 });
  });

  it('moves a row and undoes the move with the same row objects', () => {
    const t = expenditureTable();
    const b = moveRowOp(t, 3, 1);
    const op = b.ok ? b.op : (null as never);
    const moved = apply(t, op);
    expect(moved.rows.map((r) => r.code)).toEqual([null, '20103', '201', '20101']);
    const back = applyOp(sampleDoc([moved]), emptyOverlay(), invertOp(op)).doc.tables[0]!;
    expect(back.rows.map((r) => r.code)).toEqual([null, '201', '20101', '20103']);
  });
});

describe('paste', () => {
  it('writes a 3×2 block into the table as one batch, adding rows past the end', () => {
    const t = expenditureTable();
    const b = pasteOp(sampleDoc([t]), t, 3, 3, [
      ['1.00', '2.00'],
      ['3.00', '4.00'],
      ['5.00', ''],
    ]);
    expect(b.ok && b.op.op).toBe('batch');
    const next = apply(t, b.ok ? b.op : (null as never));
    expect(next.rows).toHaveLength(6);
    expect(next.rows.slice(3).map((r) => [r.cells[3]!.value, r.cells[4]!.value])).toEqual([
      [1, 2],
      [3, 4],
      [5, null],
    ]);
    expect(next.rows[5]!.cells[4]).toMatchObject({ text: '', value: null, corrected: true });
  });

  it('refuses the whole block when one value is not an amount', () => {
    const t = expenditureTable();
    expect(pasteOp(sampleDoc([t]), t, 1, 2, [['1'], ['abc']])).toMatchObject({ ok: false, at: { row: 2, col: 2 } });
  });

  it('drops columns beyond the table and counts them', () => {
    const t = expenditureTable();
    const b = pasteOp(sampleDoc([t]), t, 1, 4, [['1', '2', '3']]);
    expect(b).toMatchObject({ ok: true, clipped: 2 });
  });

  it('copies a rectangle of printed text', () => {
    expect(copyBlock(expenditureTable(), 2, 1, 1, 2)).toEqual([
      ['一般公共服务支出', '30.00'],
      ['人大事务', '12.00'],
    ]);
  });
});

describe('grouped header', () => {
  it('groups neighbouring columns under the printed spanning header', async () => {
    const { columnTree } = await import('./columns');
    const t = expenditureTable();
    t.columns = [
      { key: 'a', label: '科目编码', role: 'code' },
      { key: 'b', label: '科目名称', role: 'name' },
      { key: 'c', label: '合计', role: 'amount' },
      { key: 'd', label: '本年收入 / 财政拨款', role: 'amount' },
      { key: 'e', label: '本年收入 / 事业收入', role: 'amount' },
      { key: 'f', label: '上年结转', role: 'amount' },
    ];
    const tree = columnTree(t);
    expect(
      tree.map((n) =>
        n.kind === 'group' ? [n.label, n.children.map((c) => (c.kind === 'leaf' ? c.col : -1))] : n.col,
      ),
    ).toEqual([0, 1, 2, ['本年收入', [3, 4]], 5]);
  });
});

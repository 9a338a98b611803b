import { describe, expect, it } from 'vitest';
import { TableSchema, type ColumnKind, type CodeLevel, type Table } from '../model/document';
import { tbl } from './testing/fixtures';
import { viewOf } from './view';

/** The same table with the given kinds (and code parts) recorded on its columns, as extraction records them. */
function recorded(t: Table, kinds: ColumnKind[], parts: Array<CodeLevel | null> = []): Table {
  return {
    ...t,
    columns: t.columns.map((c, i) => ({ ...c, kind: kinds[i], ...(parts[i] ? { codePart: parts[i]! } : {}) })),
  };
}

const kinds = (t: Table) => viewOf(t).cols.map((c) => c.kind);

describe('table view: recorded column kinds', () => {
  // Cells that guessing reads against what extraction recorded: a 序号 column of decimals, a 备注 column of figures, a
  // column of three-digit numbers headed 金额, two-digit 款 | 项 parts of a split code.
  const header = [['类', '款', '项', '科目名称', '序号', '金额', '备注']];
  const rows = [
    ['204', '06', '01', '行政运行', '1.50', '201', '12.00'],
    ['204', '06', '02', '一般行政管理事务', '2.50', '305', '13.00'],
    ['204', '06', '03', '机关服务', '3.50', '410', '14.00'],
  ];
  const base = () => tbl('t1', '支出预算表', header, rows, { type: 'gpb_exp' });

  it('guesses from header words and cells when nothing is recorded', () => {
    // Guessing reads the two-digit parts as figures, the 序号 column by its header, the numbers under 金额 as codes.
    expect(kinds(base())).toEqual(['code', 'amount', 'amount', 'name', 'seq', 'code', 'amount']);
    expect(viewOf(base()).groups).toHaveLength(2);
  });

  it('loads a table saved before kinds were recorded and reads it by guessing', () => {
    const saved = JSON.parse(JSON.stringify(base())) as unknown;
    const t = TableSchema.parse(saved);
    expect(t.columns.every((c) => c.kind === undefined)).toBe(true);
    expect(kinds(t)).toEqual(kinds(base()));
    expect(() =>
      TableSchema.parse(recorded(base(), ['code', 'code', 'code', 'name', 'amount', 'total', 'text'])),
    ).not.toThrow();
  });

  it('reads every column as recorded, whatever its header words and cells suggest', () => {
    const t = recorded(
      base(),
      ['code', 'code', 'code', 'name', 'amount', 'total', 'text'],
      ['类', '款', '项', null, null, null, null],
    );
    const v = viewOf(t);
    expect(kinds(t)).toEqual(['code', 'code', 'code', 'name', 'amount', 'amount', 'name']);
    expect(v.cols.map((c) => c.total)).toEqual([false, false, false, false, false, true, false]);
    // One code split over 类 | 款 | 项: one group, its code column the 类 column, its amounts the recorded ones.
    expect(v.groups).toHaveLength(1);
    expect(v.groups[0]!.codeCol).toBe(0);
    expect(v.groups[0]!.amountCols.map((c) => c.index)).toEqual([4, 5]);
  });

  it('keeps adjacent code columns apart unless the later one is recorded as a part of the code', () => {
    const t = tbl(
      't2',
      '支出预算表',
      [['功能科目编码', '经济科目编码', '科目名称', '金额']],
      [
        ['2010301', '30101', '基本工资', '1.00'],
        ['2010301', '30102', '津贴补贴', '2.00'],
      ],
    );
    // Guessed: adjacent code columns are read as one code.
    expect(viewOf(t).groups).toHaveLength(1);
    // Recorded as two whole codes: each starts a group of its own.
    const v = viewOf(recorded(t, ['code', 'code', 'name', 'total']));
    expect(v.groups.map((g) => g.codeCol)).toEqual([0, 1]);
  });
});

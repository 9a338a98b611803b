import { describe, expect, it } from 'vitest';
import type { ExtractedDocument, Table } from '../model/document';
import { docOf, tbl } from '../validation/testing/fixtures';
import { compareDocuments, departmentKey, sameDepartment } from './index';

function doc(
  tables: Table[],
  o: { year: number; kind: 'budget' | 'final'; dept?: string; narrative?: string[]; sha?: string },
): ExtractedDocument {
  const d = docOf(tables, { kind: o.kind, narrative: o.narrative });
  return {
    ...d,
    source: { file: `${o.year}-${o.kind}.pdf`, sha256: (o.sha ?? String(o.year)).padEnd(64, '0'), pages: 1 },
    meta: { ...d.meta, department: o.dept ?? '上海市普陀区司法局', year: o.year },
  };
}

const budgetExp = (op = '400.00') =>
  tbl(
    't5',
    '2024年一般公共预算支出功能分类预算表',
    [['科目编码', '科目名称', '合计', '基本支出', '项目支出']],
    [
      ['', '合计', '1000.00', '600.00', '400.00'],
      ['204', '公共安全支出', '1000.00', '600.00', '400.00'],
      ['20406', '司法', '1000.00', '600.00', '400.00'],
      ['2040601', '行政运行', '600.00', '600.00', ''],
      ['2040604', '基层司法业务', op, '', op],
    ],
    { type: 'gpb_exp' },
  );

const finalExp = (budgetOp = '400.00') =>
  tbl(
    't6',
    '一般公共预算财政拨款支出决算表',
    [
      ['科目编码', '科目名称', '年初预算数', '', '', '决算数', '', ''],
      ['', '', '合计', '基本支出', '项目支出', '合计', '基本支出', '项目支出'],
    ],
    [
      ['', '合计', '1000.00', '600.00', budgetOp, '950.00', '590.00', '360.00'],
      ['204', '公共安全支出', '1000.00', '600.00', budgetOp, '950.00', '590.00', '360.00'],
      ['20406', '司法', '1000.00', '600.00', budgetOp, '950.00', '590.00', '360.00'],
      ['2040601', '行政运行', '600.00', '600.00', '', '590.00', '590.00', ''],
      ['2040604', '基层司法业务', budgetOp, '', budgetOp, '360.00', '', '360.00'],
    ],
    { type: 'gpb_exp' },
  );

describe('department identity', () => {
  it('folds the spellings one department prints across years', () => {
    const keys = [
      '中国共产党江苏省委员会办公厅',
      '中共江苏省委办公厅',
      '江苏省委办公厅',
      '江苏省委 办公厅（本级）',
    ].map(departmentKey);
    expect(new Set(keys).size).toBe(1);
    expect(departmentKey('江苏省人民代表大会常务委员会办公厅')).toBe(departmentKey('江苏省人大常委会办公厅'));
    expect(departmentKey('江苏省人民检察院')).not.toBe(departmentKey('江苏省人大常委会办公厅'));
  });
  it('lets a printed unit code decide, and a name inside a longer one count as the same', () => {
    expect(sameDepartment({ departmentKey: 'x', unitCode: '101' }, { departmentKey: 'y', unitCode: '101' }).same).toBe(
      true,
    );
    expect(sameDepartment({ departmentKey: 'x', unitCode: '101' }, { departmentKey: 'x', unitCode: '102' }).same).toBe(
      false,
    );
    const a = { departmentKey: departmentKey('江苏省人大常委会'), unitCode: null };
    const b = { departmentKey: departmentKey('江苏省人大常委会办公厅'), unitCode: null };
    expect(sameDepartment(a, b)).toEqual({ same: true, basis: 'name-contained' });
    expect(sameDepartment({ departmentKey: '上海市', unitCode: null }, b).same).toBe(false);
  });
});

describe('F1: a 决算 年初预算数 against the budget document', () => {
  it('agrees line by line and measure by measure when the figures are the budget', () => {
    const r = compareDocuments(
      doc([budgetExp()], { year: 2024, kind: 'budget' }),
      doc([finalExp()], { year: 2024, kind: 'final' }),
    );
    expect(r.relation).toBe('budget-final');
    expect(r.findings).toEqual([]);
    const f1 = r.tallies.find((t) => t.rule === 'F1')!;
    // 5 lines × 3 measures, less the blank 行政运行 项目支出 and 基层司法业务 基本支出.
    expect(f1).toMatchObject({ compared: 13, agreed: 13, unmatched: 0 });
    // 决算数 columns are the year's outcome, not its budget: never compared with the budget.
    expect(r.comparisons.every((c) => !/决算数/u.test(c.label))).toBe(true);
  });
  it('reports a 年初预算数 that is not the budget, with the cell on each side', () => {
    const r = compareDocuments(
      doc([budgetExp()], { year: 2024, kind: 'budget' }),
      doc([finalExp('410.00')], { year: 2024, kind: 'final' }),
    );
    const rows = r.findings.filter((f) => f.rule === 'F1');
    expect(rows.length).toBeGreaterThan(0);
    const op = rows.find((f) => f.sides.b.some((x) => x.row === 4 && x.col === 2))!;
    expect(op).toBeDefined();
    expect(op.expected).toBe(400);
    expect(op.actual).toBe(410);
    expect(op.difference).toBe(10);
    expect(op.sides.a).toEqual([{ table: 't5', row: 4, col: 2 }]);
    expect(op.refs).toEqual(op.sides.b);
    expect(r.a.kind).toBe('budget');
    expect(r.b.kind).toBe('final');
  });
  it('puts the documents in order whichever way they are given', () => {
    const r = compareDocuments(
      doc([finalExp('410.00')], { year: 2024, kind: 'final' }),
      doc([budgetExp()], { year: 2024, kind: 'budget' }),
    );
    expect(r.swapped).toBe(true);
    expect(r.a.kind).toBe('budget');
    expect(r.findings.some((f) => f.rule === 'F1')).toBe(true);
  });
});

describe('Y1 / Y2: this year against last year', () => {
  const priorCols = (prev: string) =>
    tbl(
      't5',
      '2025年一般公共预算支出功能分类预算表',
      [['科目编码', '科目名称', '上年预算数', '本年预算数']],
      [
        ['', '合计', prev, '1100.00'],
        ['2040601', '行政运行', '600.00', '650.00'],
      ],
      { type: 'gpb_exp' },
    );
  const y2024 = () => doc([budgetExp()], { year: 2024, kind: 'budget' });

  it('Y1: a 上年预算数 column equal to last year’s budget passes, a different one is a finding', () => {
    const ok = compareDocuments(y2024(), doc([priorCols('1000.00')], { year: 2025, kind: 'budget' }));
    expect(ok.relation).toBe('year-over-year');
    expect(ok.tallies.find((t) => t.rule === 'Y1')).toMatchObject({ compared: 2, agreed: 2 });
    expect(ok.findings).toEqual([]);
    const bad = compareDocuments(y2024(), doc([priorCols('1001.00')], { year: 2025, kind: 'budget' }));
    const f = bad.findings.filter((x) => x.rule === 'Y1');
    expect(f).toHaveLength(1);
    expect(f[0]!.sides).toEqual({ a: [{ table: 't5', row: 0, col: 2 }], b: [{ table: 't5', row: 0, col: 2 }] });
  });

  const sentence = (delta: string) => [
    '2025年一般公共预算财政拨款支出预算1100.00万元，比上年增加' + delta + '万元，增长10.00%。',
  ];
  it('Y2: this year less the change is last year’s figure', () => {
    const ok = compareDocuments(y2024(), doc([], { year: 2025, kind: 'budget', narrative: sentence('100.00') }));
    expect(ok.tallies.find((t) => t.rule === 'Y2')).toMatchObject({ compared: 1, agreed: 1 });
    expect(ok.findings).toEqual([]);
    const bad = compareDocuments(y2024(), doc([], { year: 2025, kind: 'budget', narrative: sentence('90.00') }));
    const f = bad.findings.filter((x) => x.rule === 'Y2');
    expect(f).toHaveLength(1);
    expect(f[0]!.actual).toBe(1010);
    expect(f[0]!.expected).toBe(1000);
    expect(f[0]!.sides.a).toEqual([{ table: 't5', row: 0, col: 2 }]);
    expect(f[0]!.pages.b).toEqual([1]);
  });

  it('compares nothing across departments or non-consecutive years, and says why', () => {
    const other = compareDocuments(
      y2024(),
      doc([priorCols('1001.00')], { year: 2025, kind: 'budget', dept: '上海市普陀区规划和自然资源局' }),
    );
    expect(other.department.same).toBe(false);
    expect(other.tallies).toEqual([]);
    expect(other.findings.map((f) => f.rule)).toEqual(['D1']);
    const gap = compareDocuments(y2024(), doc([priorCols('1001.00')], { year: 2026, kind: 'budget' }));
    expect(gap.relation).toBe('unrelated');
    expect(gap.findings.map((f) => f.rule)).toEqual(['D1']);
  });
});

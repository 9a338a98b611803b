import { describe, expect, it } from 'vitest';
import { validate } from '../index';
import { byRule, docOf, tbl } from '../testing/fixtures';

const functional = (rows: string[][]) =>
  tbl('t05', '一般公共预算支出表', [['科目编码', '科目名称', '合计', '基本支出', '项目支出']], rows, {
    type: 'gpb_exp',
  });
const economic = tbl(
  't08',
  '一般公共预算基本支出表',
  [['科目编码', '科目名称', '合计']],
  [
    ['', '合计', '300.00'],
    ['301', '工资福利支出', '300.00'],
    ['30108', '机关事业单位基本养老保险缴费', '200.00'],
    ['30109', '职业年金缴费', '100.00'],
  ],
  { type: 'gpb_basic_econ' },
);

describe('X10: functional ↔ economic correspondences', () => {
  it('pairs 2080505 with 30108 and 2080506 with 30109 where the annuity has its own 项 (real budgets)', () => {
    const f = functional([
      ['', '合计', '300.00', '300.00', '0.00'],
      ['208', '社会保障和就业支出', '300.00', '300.00', '0.00'],
      ['20805', '行政事业单位养老支出', '300.00', '300.00', '0.00'],
      ['2080505', '机关事业单位基本养老保险缴费支出', '200.00', '200.00', '0.00'],
      ['2080506', '机关事业单位职业年金缴费支出', '100.00', '100.00', '0.00'],
    ]);
    expect(byRule(validate(docOf([f, economic])), 'X10')).toEqual([]);
    const off = functional([
      ['', '合计', '300.00', '300.00', '0.00'],
      ['208', '社会保障和就业支出', '300.00', '300.00', '0.00'],
      ['20805', '行政事业单位养老支出', '300.00', '300.00', '0.00'],
      ['2080505', '机关事业单位基本养老保险缴费支出', '210.00', '210.00', '0.00'],
      ['2080506', '机关事业单位职业年金缴费支出', '90.00', '90.00', '0.00'],
    ]);
    const fs = byRule(validate(docOf([off, economic])), 'X10');
    expect(fs.map((x) => [x.actual, x.expected])).toEqual([
      [210, 200],
      [90, 100],
    ]);
    expect(fs.every((x) => x.severity === 'warning')).toBe(true);
  });

  it('accepts 2080505 = 30108 + 30109 where no 2080506 is listed (the samples book the annuity there)', () => {
    const f = functional([
      ['', '合计', '300.00', '300.00', '0.00'],
      ['208', '社会保障和就业支出', '300.00', '300.00', '0.00'],
      ['20805', '行政事业单位养老支出', '300.00', '300.00', '0.00'],
      ['2080505', '机关事业单位基本养老保险缴费支出', '300.00', '300.00', '0.00'],
    ]);
    expect(byRule(validate(docOf([f, economic])), 'X10')).toEqual([]);
  });
});

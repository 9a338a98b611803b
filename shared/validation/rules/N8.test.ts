import { describe, expect, it } from 'vitest';
import { validate } from '../index';
import { byRule, docOf, tbl } from '../testing/fixtures';

/** sh-putuo-guihuaziyuan-2024-dept-final p25: 三公 预算数 / 决算数 pairs per item. */
const tp = tbl(
  't8',
  '财政拨款“三公”经费支出决算表',
  [
    [
      '合计',
      '合计',
      '因公出国(境)费',
      '因公出国(境)费',
      '公务用车购置及运行维护费',
      '公务用车购置及运行维护费',
      '公务接待费',
      '公务接待费',
    ],
    ['预算数', '决算数', '预算数', '决算数', '预算数', '决算数', '预算数', '决算数'],
  ],
  [['2.85', '0.39', '0.00', '0.00', '0.00', '0.00', '2.85', '0.39']],
  { type: 'three_public' },
);
const n8 = (s: string, kind: 'final' | 'budget' = 'final') =>
  byRule(validate(docOf([tp], { narrative: [s], kind })), 'N8').filter((f) => f.severity !== 'rounding');

describe('N8 年初预算 against 决算 in final accounts', () => {
  const ok =
    '“三公”经费财政拨款支出年初预算为2.85万元,支出决算为0.39万元,完成预算的13.68%,其中:因公出国(境)费决算为0.00万元,完成预算的0.00%;公务接待费支出决算为0.39万元,完成预算的13.68%。';
  it('agrees with the 三公 table pairs and its own rate', () => {
    expect(n8(ok)).toEqual([]);
  });
  it('a stated budget or outturn the table does not print, or a wrong rate, is found', () => {
    expect(n8(ok.replace('年初预算为2.85', '年初预算为2.58')).map((f) => f.expected)).toContain(2.85);
    expect(n8(ok.replace('支出决算为0.39', '支出决算为0.93')).map((f) => f.expected)).toContain(0.39);
    const rate = n8(ok.replace('完成预算的13.68%,其中', '完成预算的31.68%,其中'));
    expect(rate.map((f) => f.expected)).toEqual([13.68]);
    // The item's rate from the table's budget when the sentence states none.
    expect(
      n8(
        ok.replace('公务接待费支出决算为0.39万元,完成预算的13.68%', '公务接待费支出决算为0.39万元,完成预算的18.68%'),
      ).map((f) => f.expected),
    ).toEqual([13.68]);
  });
  it('recomputes the rate of a total the tables print no budget for, within 0.01', () => {
    const s = (pct: string) =>
      `一般公共预算财政拨款支出年初预算为10210.34万元,支出决算为9746.50万元,完成年初预算的${pct}。`;
    expect(n8(s('95.45%'))).toEqual([]);
    expect(n8(s('94.45%')).map((f) => f.expected)).toEqual([95.46]);
  });
  it('only in final accounts', () => {
    expect(n8(ok.replace('13.68%,其中', '31.68%,其中'), 'budget')).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { validate } from './index';
import { byRule, CORPUS, docOf, tbl, touchesRow } from './testing/fixtures';

// S1 (qz2022 final) 项目支出绩效自评表, fund block as printed (L627-633 法律援助工作经费; L599 一篮子 13.44% → 10).
const form = (o: { exec?: string; rate?: string; subRate?: string; score?: string; header?: boolean } = {}) =>
  tbl(
    'f1',
    '项目支出绩效自评表',
    [],
    [
      ['专项名称', '', '', '法律援助工作经费'],
      ...(o.header === false
        ? []
        : [['项目资金(万元)', '', '', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率（%）', '得分']]),
      ['', '年度资金总额', '', '45.00', '45.00', o.exec ?? '44.77', '10', o.rate ?? '99.49', o.score ?? '7'],
      ['', '其中：当年财政拨款', '', '45.00', '45.00', o.exec ?? '44.77', '—', o.subRate ?? o.rate ?? '99.49'],
      ['', '其他资金', '', '', '', '', '—', '0'],
      ['', '上年结转资金', '', '', '', '', '—', '0'],
      ['年度总体目标', '预期目标', '', '', '', '实际完成情况'],
    ],
    { type: 'performance' },
  );
const run = (rule: string, ...args: Parameters<typeof form>) =>
  byRule(validate(docOf([form(...args)], { kind: 'final' })), rule);

describe('P1 执行率 = 全年执行数 / 全年预算数', () => {
  it('S1 44.77 / 45.00 = 99.49% holds, with or without the header row', () => {
    expect(run('P1')).toEqual([]);
    expect(run('P1', { header: false })).toEqual([]);
  });
  it('a wrong rate is a warning on the rate, spent and budget cells', () => {
    const fs = run('P1', { rate: '94.49', subRate: '99.49' });
    expect(fs.map((f) => [f.severity, f.actual, f.expected])).toEqual([['warning', 94.49, 99.49]]);
    expect(touchesRow(fs[0]!, 'f1', 2)).toBe(true);
  });
  it('what the printed figures round to is rounding (S1 L1135: 9.57 / 10.00 printed as 95.67%)', () => {
    const fs = byRule(validate(CORPUS['qz2022-final']()), 'P1');
    expect(fs.every((f) => f.severity === 'rounding')).toBe(true);
    expect(fs.some((f) => f.actual === 95.67 && f.expected === 95.7)).toBe(true);
  });
});

describe('P3 执行率得分 ≤ 分值 × 执行率', () => {
  it('S1 99.49% → 7 is consistent', () => {
    expect(run('P3')).toEqual([]);
  });
  it('full marks at 13.44% execution (S1 L599) are a warning', () => {
    const fs = run('P3', { exec: '6.05', rate: '13.44', score: '10' });
    expect(fs.map((f) => [f.severity, f.actual, f.expected])).toEqual([['warning', 10, 1.34]]);
  });
  it('on S1 the forms scoring 10 below full execution are the ones flagged (DOMAIN §3.4 ✗)', () => {
    const fs = byRule(validate(CORPUS['qz2022-final']()), 'P3', 'warning');
    expect(fs.length).toBeGreaterThanOrEqual(5);
    expect(fs.every((f) => f.actual === 10 && f.expected! < 10)).toBe(true);
    expect(fs.some((f) => f.expected === 1.34)).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { checkedCells, validate } from './index';
import { byRule, CORPUS, docOf, tbl, touchesRow } from './testing/fixtures';

// S1 (qz2022 final) 公开01 and 公开04, as printed (DOMAIN §3.1 R8: 313.84 + 46.94 − 199.25 = 161.53).
const CLASSES = ['一、一般公共服务支出', '二、公共安全支出', '三、社会保障和就业支出', '四、卫生健康支出'];
function t01(o: { income?: string; opening?: string; closing?: string; total?: string; openLabel?: string } = {}) {
  return tbl(
    't01',
    '收入支出决算总表',
    [
      ['收入', '', '支出'],
      ['项目', '决算数', '项目(按支出功能分类)', '决算数'],
    ],
    [
      ['一、一般公共预算财政拨款收入', '3866.92', CLASSES[0]!, '644.07'],
      ['二、政府性基金预算财政拨款收入', '0.00', CLASSES[1]!, '3391.24'],
      ['三、其他收入', '313.84', CLASSES[2]!, '24.58'],
      ['', '', CLASSES[3]!, '14.69'],
      ['本年收入合计', o.income ?? '4180.76', '本年支出合计', '4074.57'],
      ['使用非财政拨款结余', '0.00', '结余分配', '0.00'],
      [o.openLabel ?? '年初结转和结余', o.opening ?? '55.63', '年末结转和结余', o.closing ?? '161.82'],
      ['总计', o.total ?? '4236.39', '总计', '4236.39'],
    ],
  );
}
function t04(o: { closing?: string; spending?: string } = {}) {
  return tbl(
    't04',
    '财政拨款收入支出决算总表',
    [
      ['收 入', '', '支 出'],
      ['项 目', '金额', '项目（按功能分类）', '合计', '一般公共预算财政拨款', '政府性基金预算财政拨款'],
    ],
    [
      ['一、一般公共预算财政拨款', '3866.92', CLASSES[0]!, '634.82', '634.82', '0.00'],
      ['二、政府性基金预算财政拨款', '0.00', CLASSES[1]!, '3201.24', '3201.24', '0.00'],
      ['', '', CLASSES[2]!, '24.58', '24.58', '0.00'],
      ['', '', CLASSES[3]!, '14.69', '14.69', '0.00'],
      ['本年收入合计', '3866.92', '本年支出合计', o.spending ?? '3875.32', o.spending ?? '3875.32', '0.00'],
      ['年初财政拨款结转和结余', '8.69', '年末财政拨款结转和结余', o.closing ?? '0.29', o.closing ?? '0.29', '0.00'],
      ['一般公共预算财政拨款', '8.69', '', '', '0.00', '0.00'],
      ['总计', '3875.61', '总计', '3875.61', '3875.61', '0.00'],
    ],
  );
}
const run = (a = t01(), b = t04(), kind: 'final' | 'budget' = 'final') =>
  byRule(validate(docOf([a, b], { kind })), 'R8');

describe('R8 non-appropriation remainder (决算 公开01 − 公开04)', () => {
  it('S1 balances: 313.84 + 46.94 − 199.25 = 161.53 = 161.82 − 0.29', () => {
    expect(run()).toEqual([]);
  });

  it('the cells of both summaries take part in the check', () => {
    const cells = checkedCells(docOf([t01(), t04()], { kind: 'final' }));
    expect(cells.has('t01:6:3')).toBe(true); // 年末结转和结余
    expect(cells.has('t04:5:3')).toBe(true); // 年末财政拨款结转和结余
  });

  it('a fiscal closing balance that does not match the remainder is an error pointing at both tables', () => {
    const fs = run(t01(), t04({ closing: '1.29' })).filter((f) => f.severity === 'error');
    expect(fs).toHaveLength(1);
    expect(fs[0]!.expected).toBe(161.53);
    expect(fs[0]!.actual).toBe(160.53);
    expect(touchesRow(fs[0]!, 't04', 5) && touchesRow(fs[0]!, 't01', 6) && touchesRow(fs[0]!, 't01', 4)).toBe(true);
    expect(fs[0]!.message.zh).toContain('非财政拨款');
  });

  it('a T01 opening balance broken by 10 is found (also under the label variant 年初结余)', () => {
    const fs = run(t01({ opening: '65.63', total: '4246.39', openLabel: '年初结余' }), t04());
    expect(fs.filter((f) => f.severity === 'error').map((f) => f.difference)).toEqual([-10]);
  });

  it('a one-cent difference is rounding, not an error', () => {
    const fs = run(t01({ closing: '161.83', total: '4236.39' }), t04());
    expect(fs.map((f) => f.severity)).toEqual(['rounding']);
  });

  it('a fiscal figure above its T01 line is a warning', () => {
    const fs = run(t01(), t04({ spending: '4080.00', closing: '-204.39' }));
    expect(fs.some((f) => f.severity === 'warning' && f.message.en.includes('cannot exceed'))).toBe(true);
  });

  it('does not apply to budgets, nor with one of the two tables missing', () => {
    expect(run(t01(), t04({ closing: '1.29' }), 'budget')).toEqual([]);
    expect(byRule(validate(docOf([t01()], { kind: 'final' })), 'R8')).toEqual([]);
  });

  it('holds on the S1 corpus document', () => {
    expect(byRule(validate(CORPUS['qz2022-final']()), 'R8')).toEqual([]);
  });
});

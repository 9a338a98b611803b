import { describe, expect, it } from 'vitest';
import { validate } from './index';
import { byRule, docOf, tbl, touchesRow } from './testing/fixtures';

// S2 (kfq2024, Hebei) 部门固定资产占用情况表: 资产总额 1566.10 = 设备 1396.94 + 其他固定资产 169.16 (DOMAIN R14).
const assets = (equipment = '1396.94', other = '169.16') =>
  tbl(
    'a1',
    '部门固定资产占用情况表',
    [['项目', '数量', '价值（金额单位：万元）']],
    [
      ['资产总额', '', '1566.10'],
      ['1、房屋（平方米）', '', ''],
      ['其中：办公用房（平方米）', '', ''],
      ['2、车辆（台、辆）', '', ''],
      ['3、单价在 20 万元以上的设备', '2', equipment],
      ['4、其他固定资产', '673', other],
    ],
    { type: 'assets' },
  );

const procurement = (o: { amount?: string; total?: string; sme?: string } = {}) =>
  tbl(
    'p1',
    '政府采购预算表',
    [['采购项目', '数量', '单价', '金额', '预留中小微企业份额']],
    [
      ['合计', '', '', o.total ?? '707.60', '150.00'],
      ['森林防火设施', '1', '443.10', '443.10', '100.00'],
      ['护林防火警示设施', '4', '0.35', '1.40', ''],
      ['雪亮工程链路维护', '1', '263.10', o.amount ?? '263.10', o.sme ?? '50.00'],
    ],
    { type: 'procurement' },
  );

describe('R14 资产总额 = Σ categories (asset table)', () => {
  it('S2 holds: numbered categories add up, 其中 lines and 数量 are not summed', () => {
    expect(byRule(validate(docOf([assets()])), 'R14')).toEqual([]);
  });
  it('a wrong category value is an error on the total and that row', () => {
    const fs = byRule(validate(docOf([assets('1369.94')])), 'R14', 'error');
    expect(fs).toHaveLength(1);
    expect(touchesRow(fs[0]!, 'a1', 0) && touchesRow(fs[0]!, 'a1', 4)).toBe(true);
  });
  it('a one-cent difference is rounding', () => {
    expect(byRule(validate(docOf([assets('1396.95')])), 'R14').map((f) => f.severity)).toEqual(['rounding']);
  });
});

describe('R12 政府采购 table with numbered categories over their detail (js-weiban-2018 p14)', () => {
  const grouped = (services: string) =>
    tbl(
      'p2',
      '2018年政府采购预算表',
      [['采购品目大类', '专项名称', '经济科目', '采购物品名称', '采购组织形式', '总计']],
      [
        ['合计', '', '', '', '', '1,449.50'],
        ['一、货物A', '', '', '', '', '90.00'],
        ['', '机要及电子政务业务费', '办公设备购置', '', '', '30.00'],
        ['', '', '', 'PC服务器', '分散自行组织', '30.00'],
        ['', '办公设备购置费', '办公设备购置', '', '', '60.00'],
        ['', '', '', '复印纸', '分散自行组织', '60.00'],
        ['三、服务C', '', '', '', '', services],
        ['', '省委办公厅承办的会议费', '会议费', '', '', '1,359.50'],
      ],
      { type: 'procurement' },
    );
  it('holds as printed: the categories add up to 合计', () => {
    expect(byRule(validate(docOf([grouped('1,359.50')])), 'R12', 'error')).toEqual([]);
  });
  it('a changed category breaks the sum, on the total and that row', () => {
    const fs = byRule(validate(docOf([grouped('1,369.50')])), 'R12', 'error');
    expect(fs).toHaveLength(1);
    expect(touchesRow(fs[0]!, 'p2', 0) && touchesRow(fs[0]!, 'p2', 6)).toBe(true);
  });
});

describe('R12 政府采购 table', () => {
  it('合计 = Σ rows, 金额 = 数量 × 单价, 预留 ≤ 金额 hold', () => {
    expect(byRule(validate(docOf([procurement()])), 'R12')).toEqual([]);
  });
  it('an amount that is not 数量 × 单价 is an error (and breaks the 合计)', () => {
    const fs = byRule(validate(docOf([procurement({ amount: '236.10', total: '680.60' })])), 'R12', 'error');
    expect(fs).toHaveLength(1);
    expect(fs[0]!.message.en).toContain('quantity × unit price');
    expect(touchesRow(fs[0]!, 'p1', 3)).toBe(true);
  });
  it('a 合计 that is not Σ rows is an error; a reserved share above the amount is an error', () => {
    expect(byRule(validate(docOf([procurement({ total: '717.60' })])), 'R12', 'error')).toHaveLength(1);
    const sme = byRule(validate(docOf([procurement({ sme: '300.00' })])), 'R12', 'error');
    expect(sme.some((f) => f.message.en.includes('small enterprises') && touchesRow(f, 'p1', 3))).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { validate } from './index';
import { byRule, docOf, tbl, touchesRow } from './testing/fixtures';

// Numbers from the sample documents (DOMAIN.md §3.1): S0 = qz2024 budget, S1 = qz2022 final, S3 = cz2023 budget.

const T02_HEADER = [
  ['项目', '', '本年收入合计', '财政拨款收入', '上级补助收入', '事业收入', '经营收入', '附属单位上缴收入', '其他收入'],
  ['支出功能分类科目编码', '科目名称'],
];
const s1Income = (r20103 = '750.26') =>
  tbl('t02', '收入决算表', T02_HEADER, [
    ['类 款 项', '合 计', '4180.76', '3866.92', '0.00', '0.00', '0.00', '0.00', '313.84'],
    ['201', '一般公共服务支出', '750.26', '626.42', '0.00', '0.00', '0.00', '0.00', '123.84'],
    ['20103', '政府办公厅（室）及相关机构事务', r20103, '626.42', '0.00', '0.00', '0.00', '0.00', '123.84'],
    ['2010301', '行政运行', '551.17', '427.33', '0.00', '0.00', '0.00', '0.00', '123.84'],
    ['2010308', '信访事务', '101.48', '101.48', '0.00', '0.00', '0.00', '0.00', '0.00'],
    ['2010350', '事业运行', '97.60', '97.60', '0.00', '0.00', '0.00', '0.00', '0.00'],
    ['204', '公共安全支出', '3391.24', '3201.24', '0.00', '0.00', '0.00', '0.00', '190.00'],
    ['20499', '其他公共安全支出', '3391.24', '3201.24', '0.00', '0.00', '0.00', '0.00', '190.00'],
    ['2049999', '其他公共安全支出', '3391.24', '3201.24', '0.00', '0.00', '0.00', '0.00', '190.00'],
    ['208', '社会保障和就业支出', '24.58', '24.58', '0.00', '0.00', '0.00', '0.00', '0.00'],
    ['20805', '行政事业单位养老支出', '24.58', '24.58', '0.00', '0.00', '0.00', '0.00', '0.00'],
    ['2080505', '机关事业单位基本养老保险缴费支出', '24.58', '24.58', '0.00', '0.00', '0.00', '0.00', '0.00'],
    ['210', '卫生健康支出', '14.69', '14.69', '0.00', '0.00', '0.00', '0.00', '0.00'],
    ['21011', '行政事业单位医疗', '14.69', '14.69', '0.00', '0.00', '0.00', '0.00', '0.00'],
    ['2101101', '行政单位医疗', '14.69', '14.69', '0.00', '0.00', '0.00', '0.00', '0.00'],
  ]);

describe('R1 hierarchy', () => {
  it('reports S1 T02 20103 750.26 vs Σ项 750.25 as rounding, never error', () => {
    const fs = byRule(validate(docOf([s1Income()], { kind: 'final' })), 'R1');
    expect(fs.length).toBeGreaterThan(0);
    expect(fs.every((f) => f.severity === 'rounding')).toBe(true);
    expect(fs.some((f) => f.actual === 750.26 && f.expected === 750.25 && touchesRow(f, 't02', 2))).toBe(true);
  });

  it('reports a real break as an error referencing the 款 and its 项 rows', () => {
    const fs = byRule(validate(docOf([s1Income('760.26')], { kind: 'final' })), 'R1', 'error');
    expect(fs).toHaveLength(2); // 20103 ≠ Σ项 and 201 ≠ 20103
    const f = fs.find((x) => x.actual === 760.26)!;
    expect(f.expected).toBe(750.25);
    expect(touchesRow(f, 't02', 3) && touchesRow(f, 't02', 4) && touchesRow(f, 't02', 5)).toBe(true);
    expect(f.message.zh).toContain('20103');
    expect(f.message.en).toContain('sub-items');
  });
});

describe('R1 with a level missing', () => {
  it('a 类 adds up its 项 when the 款 row is not printed (and K2 reports the gap)', () => {
    const t = (v: string) =>
      tbl(
        't04',
        '支出总表',
        [['科目编码', '科目名称', '合计']],
        [
          ['201', '一般公共服务支出', v],
          ['2010301', '行政运行', '432.48'],
          ['2010302', '一般行政管理事务', '106.60'],
        ],
      );
    expect(byRule(validate(docOf([t('539.08')])), 'R1')).toEqual([]);
    expect(byRule(validate(docOf([t('593.08')])), 'R1', 'error')).toHaveLength(1);
    expect(byRule(validate(docOf([t('539.08')])), 'K2')).toHaveLength(2);
  });
});

describe('R2 total row', () => {
  const header = [
    ['科目编码', '科目名称', '合计', '基本支出', '项目支出', '事业单位经营支出', '上缴上级支出', '对附属单位补助支出'],
  ];
  const rows = (total: string) => [
    ['合计', '', total, '1637.31', '3568.18', '0.00', '0.00', '0.00'],
    ['2010301', '行政运行', '432.48', '432.48', '0.00', '0.00', '0.00', '0.00'],
    ['2010302', '一般行政管理事务', '106.60', '75.60', '31.00', '0.00', '0.00', '0.00'],
    ['2049999', '其他公共安全支出', '4666.41', '1129.23', '3537.18', '0.00', '0.00', '0.00'],
  ];
  it('sums 项 rows where only 项 are printed (S0)', () => {
    expect(byRule(validate(docOf([tbl('t04', '2024 年度支出预算总表', header, rows('5205.49'))])), 'R2')).toEqual([]);
  });
  it('flags a total that does not add up', () => {
    const fs = byRule(validate(docOf([tbl('t04', '2024 年度支出预算总表', header, rows('5250.49'))])), 'R2', 'error');
    expect(fs).toHaveLength(1);
    expect(fs[0]!.difference).toBe(45);
    expect(touchesRow(fs[0]!, 't04', 0)).toBe(true);
  });
  it('S3 866.53 vs 866.54 is rounding', () => {
    const t = tbl(
      't03',
      '2023年预算支出总表',
      [
        ['项目', '', '2023年预算数'],
        ['科目编码', '科目名称', '合计', '基本支出', '项目支出'],
      ],
      [
        ['合计', '', '866.53', '118.43', '748.10'],
        ['201', '一般公共服务支出', '838.21', '90.11', '748.10'],
        ['208', '社会保障和就业支出', '12.33', '12.33'],
        ['210', '卫生健康支出', '5.71', '5.71'],
        ['221', '住房保障支出', '10.29', '10.29'],
      ],
    );
    const fs = byRule(validate(docOf([t])), 'R2');
    expect(fs.length).toBe(2);
    expect(fs.every((f) => f.severity === 'rounding')).toBe(true);
  });
});

describe('R3 / R4 row sums by header words', () => {
  it('R3: S0 2040605 99.76 = 33.00 + 66.76 holds; 99.67 is an error on that row', () => {
    const header = [
      ['科目编码', '科目名称', '总计', '一般公共预算 拨款收入', '政府性基金 预算拨款收 入', '上年结 转结余'],
    ];
    const mk = (v: string) =>
      tbl('t03', '2024 年度收入预算总表', header, [['2040605', '普法宣传', v, '33.00', '0.00', '66.76']]);
    expect(byRule(validate(docOf([mk('99.76')])), 'R3')).toEqual([]);
    const fs = byRule(validate(docOf([mk('99.67')])), 'R3', 'error');
    expect(fs).toHaveLength(1);
    expect(fs[0]!.refs.map((r) => r.col)).toEqual([2, 3, 4, 5]);
  });
  it('R4: S1 204 3391.24 vs 991.11 + 2400.12 is rounding', () => {
    const t = tbl(
      't04',
      '支出决算表',
      [
        ['项目', '', '本年支出合计', '基本支出', '项目支出', '上缴上级支出', '经营支出', '对附属单位补助支出'],
        ['支出功能分类科目编码', '科目名称'],
      ],
      [['204', '公共安全支出', '3391.24', '991.11', '2400.12', '0.00', '0.00', '0.00']],
    );
    const fs = byRule(validate(docOf([t], { kind: 'final' })), 'R4');
    expect(fs.map((f) => f.severity)).toEqual(['rounding']);
  });
  it('columns in another order and full-width labels are matched by words, not positions', () => {
    const t = tbl(
      't06',
      '一般公共预算支出表',
      [['项目支出', '科目编码', '基本支出', '科目名称', '合　计']],
      [['31.00', '2010302', '75.60', '一般行政管理事务', '116.60']],
    );
    const fs = byRule(validate(docOf([t])), 'R4', 'error');
    expect(fs).toHaveLength(1);
    expect(fs[0]!.expected).toBe(106.6);
  });
  it('a template without component columns has no row-sum check', () => {
    const t = tbl(
      't09',
      '一般公共预算支出经济分类情况表',
      [['科目编码', '科目名称', '预算数']],
      [['301', '工资福利支出', '1573.53']],
    );
    expect(byRule(validate(docOf([t])), 'R4')).toEqual([]);
  });
});

describe('R5–R7 summary balance', () => {
  const s0 = (carry: string) =>
    tbl(
      't02',
      '2024 年度收支预算总表',
      [
        ['收入', '', '支出'],
        ['项目', '预算数', '项目', '预算数'],
      ],
      [
        ['一、一般公共预算拨款收入', '4641.18', '一、一般公共服务支出', '619.08'],
        ['二、政府性基金预算拨款收入', '0.00', '四、公共安全支出', '4551.68'],
        ['十、上年结转结余', carry, '八、社会保障和就业支出', '23.16'],
        ['', '', '九、卫生健康支出', '11.57'],
        ['收入合计', '5205.49', '支出合计', '5205.49'],
      ],
    );
  it('R5 holds on S0 and breaks when a line changes', () => {
    expect(validate(docOf([s0('564.31')])).filter((f) => f.rule === 'R5')).toEqual([]);
    const fs = byRule(validate(docOf([s0('546.31')])), 'R5', 'error');
    expect(fs.length).toBe(1);
    expect(touchesRow(fs[0]!, 't02', 2)).toBe(true);
  });
  it('R6: 4180.76 + 0 + 55.63 = 4236.39 = 4074.57 + 0 + 161.82 (S1 T01)', () => {
    const t = (end: string) =>
      tbl(
        't02',
        '收入支出决算总表',
        [
          ['收入', '', '支出'],
          ['项目', '决算数', '项目(按支出功能分类)', '决算数'],
        ],
        [
          ['一、一般公共预算财政拨款收入', '3866.92', '一、一般公共服务支出', '644.07'],
          ['八、其他收入', '313.84', '四、公共安全支出', '3391.24'],
          ['', '', '八、社会保障和就业支出', '24.58'],
          ['', '', '九、卫生健康支出', '14.69'],
          ['本年收入合计', '4180.76', '本年支出合计', '4074.58'],
          ['使用非财政拨款结余', '0.00', '结余分配', '0.00'],
          ['年初结转和结余', '55.63', '年末结转和结余', end],
          ['总计', '4236.39', '总计', '4236.39'],
        ],
      );
    expect(byRule(validate(docOf([t('161.81')], { kind: 'final' })), 'R6')).toEqual([]);
    const bad = byRule(validate(docOf([t('171.81')], { kind: 'final' })), 'R6', 'error');
    expect(bad.length).toBeGreaterThan(0);
    expect(bad.every((f) => touchesRow(f, 't02', 6) || touchesRow(f, 't02', 7))).toBe(true);
  });
  it('R7: fiscal summary with the 年初结转 fund breakdown (S1 T04)', () => {
    const t = (sub: string) =>
      tbl(
        't05',
        '财政拨款收入支出决算总表',
        [
          ['收 入', '', '支 出'],
          [
            '项 目',
            '金额',
            '项目（按功能分类）',
            '合计',
            '一般公共预算财政拨款',
            '政府性基金预算财政拨款',
            '国有资本经营预算财政拨款',
          ],
        ],
        [
          ['一、一般公共预算财政拨款', '3866.92', '一、一般公共服务支出', '634.82', '634.82', '0.00', '0.00'],
          ['', '', '四、公共安全支出', '3240.50', '3240.50', '0.00', '0.00'],
          ['本年收入合计', '3866.92', '本年支出合计', '3875.32', '3875.32', '0.00', '0.00'],
          ['年初财政拨款结转和结余', '8.69', '年末财政拨款结转和结余', '0.29', '0.29', '0.00', '0.00'],
          ['一般公共预算财政拨款', sub, '', '', '0.00', '0.00', '0.00'],
          ['政府性基金预算财政拨款', '0.00', '', '', '0.00', '0.00', '0.00'],
          ['总计', '3875.61', '总计', '3875.61', '3875.61', '0.00', '0.00'],
        ],
      );
    expect(byRule(validate(docOf([t('8.69')], { kind: 'final' })), 'R7')).toEqual([]);
    const fs = byRule(validate(docOf([t('6.89')], { kind: 'final' })), 'R7', 'error');
    expect(fs).toHaveLength(1);
    expect(touchesRow(fs[0]!, 't05', 4)).toBe(true);
  });
});

describe('R9 fund table balance', () => {
  const header = [
    ['项目', '', '年初结转和 结余', '本年收入', '本年支出', '', '', '年末结转和 结余'],
    ['支出功能分类 科目编码', '科目名称', '', '', '小计', '基本支出', '项目支出'],
    ['类 款 项', '栏次', '1', '2', '3', '4', '5', '6'],
  ];
  it('年初 + 收入 − 支出 = 年末 and 小计 = 基本 + 项目', () => {
    const ok = tbl('t09', '政府性基金预算财政拨款收入支出决算表', header, [
      ['2120801', '征地和拆迁补偿支出', '1.00', '5.00', '4.00', '1.50', '2.50', '2.00'],
    ]);
    expect(validate(docOf([ok], { kind: 'final' })).filter((f) => f.severity === 'error')).toEqual([]);
    const bad = tbl('t09', '政府性基金预算财政拨款收入支出决算表', header, [
      ['2120801', '征地和拆迁补偿支出', '1.00', '5.00', '4.00', '1.50', '2.50', '3.00'],
    ]);
    expect(byRule(validate(docOf([bad], { kind: 'final' })), 'R9', 'error')).toHaveLength(1);
  });
});

describe('R10 basic expenditure', () => {
  it('labelled totals of the three-group 决算 layout (S1 T06): 1513.41 = 1496.82 + 16.59', () => {
    const header = [
      ['人员经费', '', '', '公用经费'],
      ['经济分类科目编码', '科目名称', '金额', '经济分类科目编码', '科目名称', '金额'],
    ];
    const mk = (p: string) =>
      tbl('t07', '一般公共预算财政拨款基本支出决算表', header, [
        ['301', '工资福利支出', '1496.82', '302', '商品和服务支出', '41.90'],
        ['30101', '基本工资', '1496.82', '30201', '办公费', '41.90'],
        ['303', '对个人和家庭的补助', '16.59', '307', '债务利息及费用支出', '0.00'],
        ['30399', '其他对个人和家庭的补助', '16.59', '', '', '0.00'],
        ['人员经费合计', '', p, '公用经费合计', '', '41.90'],
      ]);
    expect(byRule(validate(docOf([mk('1513.41')], { kind: 'final' })), 'R10')).toEqual([]);
    const fs = byRule(validate(docOf([mk('1531.41')], { kind: 'final' })), 'R10', 'error');
    expect(fs).toHaveLength(1);
    expect(touchesRow(fs[0]!, 't07', 4) && touchesRow(fs[0]!, 't07', 0) && touchesRow(fs[0]!, 't07', 2)).toBe(true);
  });
  it('name-only rows (S3) get their classes from the names; 110.78 vs 110.77 is rounding', () => {
    const t = tbl(
      't06',
      '2023年一般公共预算安排基本支出分经济科目表',
      [
        ['部门预算支出经济科目名称', '政府预算支出经济科目名称', '2023年预算数'],
        ['', '', '合计', '人员经费', '公用经费'],
      ],
      [
        ['合计', '', '118.43', '110.89', '7.54'],
        ['工资福利支出', '', '110.77', '110.77'],
        ['基本工资', '工资福利支出', '42.57', '42.57'],
        ['绩效工资', '工资福利支出', '68.21', '68.21'],
        ['商品和服务支出', '', '7.54', '', '7.54'],
        ['办公费', '商品和服务支出', '7.54', '', '7.54'],
        ['对个人和家庭的补助', '', '0.12', '0.12'],
        ['奖励金', '社会福利和救助', '0.12', '0.12'],
      ],
    );
    const fs = validate(docOf([t]));
    expect(fs.filter((f) => f.severity === 'error')).toEqual([]);
    expect(byRule(fs, 'R1').map((f) => f.severity)).toEqual(['rounding', 'rounding']);
  });
});

describe('R11 三公', () => {
  const mk = (run: string) =>
    tbl(
      't11',
      '2024年度一般公共预算“三公”经费支出预算表',
      [['项目', '预算数']],
      [
        ['合计', '2.00'],
        ['1、因公出国（境）费用', '0.00'],
        ['2、公务接待费', '2.00'],
        ['3、公务用车购置及运行费', '0.00'],
        ['其中：（1）公务用车购置费', '0.00'],
        ['（2）公务用车运行费', run],
      ],
    );
  it('holds on S0 (2.00 = 0 + 2.00 + 0)', () => {
    expect(byRule(validate(docOf([mk('0.00')])), 'R11')).toEqual([]);
  });
  it('用车 = 购置 + 运行 breaks when 运行 changes', () => {
    const fs = byRule(validate(docOf([mk('1.00')])), 'R11', 'error');
    expect(fs).toHaveLength(1);
    expect(touchesRow(fs[0]!, 't11', 5) && touchesRow(fs[0]!, 't11', 3)).toBe(true);
  });
  it('a 行次 column is not an amount (S1 T07)', () => {
    const t = tbl(
      't08',
      '一般公共预算财政拨款“三公”经费支出决算表',
      [['项目', '行次', '决算数']],
      [
        ['合计', '1', '0.00'],
        ['1. 因公出国（境）费', '2', '0.00'],
        ['2. 公务用车购置及运行维护费', '3', '0.00'],
        ['其中：（1）公务用车购置费', '4', '0.00'],
        ['（2）公务用车运行维护费', '5', '0.00'],
        ['3. 公务接待费', '6', '0.00'],
      ],
    );
    expect(validate(docOf([t], { kind: 'final' })).filter((f) => f.rule === 'R11')).toEqual([]);
  });
});

describe('"三公"经费、会议费、培训费 tables (Jiangsu): the 三公 subtotal is the 三公 total', () => {
  const tp = '“三公”经费';
  const car = '公务用车购置及运行维护费';
  const mk = (meeting: string) =>
    tbl(
      't12',
      '“三公”经费、会议费、培训费支出预算表',
      [
        ['合计', tp, tp, tp, tp, tp, tp, '会议费', '培训费'],
        ['合计', '小计', '因公出国（境）费', car, car, car, '公务接待费', '会议费', '培训费'],
        [
          '合计',
          '小计',
          '因公出国（境）费',
          '小计',
          '公务用车购置费',
          '公务用车运行维护费',
          '公务接待费',
          '会议费',
          '培训费',
        ],
      ],
      [['1,471.70', '508.20', '70.00', '411.20', '', '411.20', '27.00', meeting, '30.00']],
      { type: 'three_public' },
    );
  it('holds as printed (js-weiban-2018 p11): 合计 = 三公 + 会议费 + 培训费, 三公 = 出国 + 用车 + 接待', () => {
    const fs = validate(docOf([mk('933.50')])).filter((f) => ['R4', 'R11'].includes(f.rule) && f.severity === 'error');
    expect(fs).toEqual([]);
  });
  it('a changed 会议费 breaks 合计, not the 三公 total', () => {
    const fs = validate(docOf([mk('903.50')])).filter((f) => f.severity === 'error');
    expect(fs.map((f) => f.rule)).toEqual(['R4']);
  });
});

describe('R5 on the Jiangsu 收支总表: 功能分类 and 支出用途 side by side, the subtotal label printed across both', () => {
  const mk = (sub: string) =>
    tbl(
      't13',
      '收支预算总表',
      [
        ['收入', '收入', '支出', '支出', '支出', '支出'],
        ['项目名称', '金额', '功能分类', '功能分类', '支出用途', '支出用途'],
        ['项目名称', '金额', '功能科目名称', '金额', '项目名称', '金额'],
      ],
      [
        ['一、财政拨款', '24,458.43', '一、一般公共服务支出', '20,153.75', '一、基本支出', '10,403.11'],
        ['1.一般公共预算', '24,458.43', '二、外交支出', '', '二、项目支出', '12,081.46'],
        ['二、财政专户管理资金', '', '三、社会保障和就业支出', '1,289.52', '三、单位预留机动经费', '1,973.86'],
        ['三、其他资金', '', '四、住房保障支出', '3,015.16'],
        ['当年收入小计', '24,458.43', '当年支出小计', '', '', sub],
        ['上年结转资金', '', '结转下年资金'],
        ['收入合计', '24,458.43', '支出合计', '', '', '24,458.43'],
      ],
      { type: 'income_expense_summary' },
    );
  it('holds as printed (js-weiban-2018 p3)', () => {
    expect(validate(docOf([mk('24,458.43')])).filter((f) => f.severity === 'error')).toEqual([]);
  });
  it('a changed subtotal is an error on that row', () => {
    const fs = byRule(validate(docOf([mk('24,448.43')])), 'R5', 'error');
    expect(fs.length).toBeGreaterThan(0);
    expect(fs.every((f) => touchesRow(f, 't13', 4))).toBe(true);
  });
});

function withCodes(t: ReturnType<typeof tbl>, codes: Record<number, string>): ReturnType<typeof tbl> {
  return { ...t, rows: t.rows.map((r, i) => (codes[i] ? { ...r, code: codes[i]! } : r)) };
}

describe('基本支出决算表 printed in two halves, the left half ending first (sh-putuo-guihuaziyuan-2024 p16)', () => {
  // The extractor gives a row the code it finds, here the right half's (310, 31002).
  const mk = (capital: string) =>
    withCodes(
      tbl(
        't14',
        '一般公共预算财政拨款基本支出决算表',
        [['经济分类科目编码', '科目名称', '决算数', '经济分类科目编码', '科目名称', '决算数']],
        [
          ['303', '对个人和家庭的补助', '67.96', '302', '商品和服务支出', '440.90'],
          ['30302', '退休费', '67.96', '30201', '办公费', '440.90'],
          ['', '', '', '310', '资本性支出', capital],
          ['', '', '', '31002', '办公设备购置', '39.76'],
        ],
        { type: 'gpb_basic_econ' },
      ),
      { 2: '310', 3: '31002' },
    );
  it('reads the right half’s code as the right half’s, not as a blank left-half row', () => {
    expect(byRule(validate(docOf([mk('39.76')], { kind: 'final' })), 'R1')).toEqual([]);
  });
  it('still finds a 310 that does not add up', () => {
    const fs = byRule(validate(docOf([mk('49.76')], { kind: 'final' })), 'R1', 'error');
    expect(fs).toHaveLength(1);
    expect(touchesRow(fs[0]!, 't14', 2)).toBe(true);
  });
});

describe('元 tables', () => {
  it('tolerance scales to the unit: 0.01 万元 = 100 元', () => {
    const mk = (v: string) =>
      tbl(
        't20',
        '项目支出表',
        [['项目名称', '合计', '一般公共预算', '单位资金']],
        [['甲', v, '4431000.00', '100.00']],
        { moneyUnit: '元' },
      );
    expect(byRule(validate(docOf([mk('4431150.00')])), 'R4').map((f) => f.severity)).toEqual(['rounding']);
    expect(byRule(validate(docOf([mk('4432100.00')])), 'R4').map((f) => f.severity)).toEqual(['error']);
  });
});

describe('column roles from the extractor', () => {
  it('are checked against the cells: a code column marked amount, a name column marked amount', () => {
    const base = tbl(
      't04',
      '支出总表',
      [['科目编码', '科目名称', '合计', '基本支出', '项目支出']],
      [
        ['合计', '', '539.08', '508.08', '31.00'],
        ['2010301', '行政运行', '432.48', '432.48', '0.00'],
        ['2010302', '一般行政管理事务', '106.60', '75.60', '31.00'],
      ],
    );
    const roles = ['amount', 'amount', 'amount', 'amount', 'amount'] as const;
    const t = { ...base, columns: base.columns.map((c, i) => ({ ...c, role: roles[i] })) };
    expect(validate(docOf([t])).filter((f) => f.severity === 'error' || f.rule.startsWith('K'))).toEqual([]);
    const broken = {
      ...t,
      rows: t.rows.map((r, i) =>
        i === 1 ? { ...r, cells: r.cells.map((c, j) => (j === 3 ? { ...c, text: '423.48', value: 423.48 } : c)) } : r,
      ),
    };
    const rules = new Set(
      validate(docOf([broken]))
        .filter((f) => f.severity === 'error')
        .map((f) => f.rule),
    );
    expect(rules).toEqual(new Set(['R2', 'R4']));
  });
});

describe('templates of other regions', () => {
  it('a grand total over a group with its own subtotal (合计 = 本年收入/小计 + 上年结转)', () => {
    const t = (v: string) =>
      tbl(
        't03',
        '收入总表',
        [
          ['科目编码', '科目名称', '合计', '本年收入', '', '', '上年结转'],
          ['', '', '', '小计', '一般公共预算', '单位资金'],
        ],
        [['201', '一般公共服务支出', v, '90.00', '80.00', '10.00', '10.00']],
      );
    expect(validate(docOf([t('100.00')])).filter((f) => f.rule === 'R3')).toEqual([]);
    expect(byRule(validate(docOf([t('90.00')])), 'R3', 'error')).toHaveLength(1);
  });
  it('a summary side that breaks its numbered lines down does not count the breakdown twice', () => {
    const t = tbl(
      't02',
      '收支总表',
      [
        ['收入', '', '支出'],
        ['项目', '预算数', '项目', '预算数'],
      ],
      [
        ['一、一般公共预算拨款收入', '100.00', '一、基本支出', '60.00'],
        ['', '', '（一）人员经费', '50.00'],
        ['', '', '（二）公用经费', '10.00'],
        ['', '', '二、项目支出', '40.00'],
        ['收入合计', '100.00', '支出合计', '100.00'],
      ],
    );
    expect(validate(docOf([t])).filter((f) => f.severity === 'error')).toEqual([]);
  });
});

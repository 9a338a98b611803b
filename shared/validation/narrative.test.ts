import { describe, expect, it } from 'vitest';
import { validate } from './index';
import { conceptOf, parseNarrative } from './narrative';
import { byRule, CORPUS, docOf, tbl } from './testing/fixtures';

const n = (...texts: string[]) => texts.map((text) => ({ page: 1, text }));

describe('narrative parsing', () => {
  it('attaches a change to the sentence subject before 其中, not the nearest figure (S3:L356 trap)', () => {
    const p = parseNarrative(
      n(
        '2023年度预算收入总计866.53万元，其中：本年收入866.53万元，上年结转0.00万元，比上年增加759.59万元，增加710.30%，主要原因是增加了森林防火设施经费。',
      ),
    );
    expect(p.changes).toHaveLength(1);
    expect(p.changes[0]).toMatchObject({ currentCents: 86653, deltaCents: 75959, pct: 710.3 });
    expect(p.changes[0]!.subject).toContain('收入总计');
  });

  it('reads thousands separators, spaces in decimals and 万/元 split over lines', () => {
    const p = parseNarrative(
      n(
        '部门收入预算为5,205.49万元。',
        '1. 基本支出 1564.57 万元。其中，人员支出 1513.42 万',
        '元，公用支出 3. 20 万元。',
      ),
    );
    expect(p.amounts.map((a) => a.cents)).toEqual([520549, 156457, 151342, 320]);
  });

  it('without 其中 the change belongs to the figure just before it', () => {
    const p = parseNarrative(
      n('（七）2040604-基层司法业务支出 67.08 万元，较上年决算数减少 23.05 万元，下降 25.57%。'),
    );
    expect(p.changes[0]).toMatchObject({ currentCents: 6708, deltaCents: -2305, pct: -25.57 });
  });
});

describe('N2 change sentences', () => {
  const run = (text: string) => byRule(validate(docOf([], { narrative: [text] })), 'N2');
  it('accepts consistent sentences from the samples', () => {
    expect(run('2024年度一般公共预算拨款支出5,205.49万元，比上年增加514.39万元，增长10.97%，主要原因是…')).toEqual([]);
    expect(run('（十二）2049999-其他公共安全支出 2876.78 万元，较上年决算数增加 1490.59 万元，增长 107.53%。')).toEqual(
      [],
    );
    expect(run('2024年预算安排 0.00 万元，比上年增加 0.00 万元，增长 0.00%，与上年持平。')).toEqual([]);
    expect(run('2024年预算安排2.00万元，比上年净增加2.00万元。')).toEqual([]);
    expect(run('（十七）2040199-其他武装警察部队支出 0.00 万元，较上年决算数减少 30.67 万元，下降 100%。')).toEqual([]);
  });
  it('flags a wrong percentage and a wrong "net increase"', () => {
    const bad = run('2024年度一般公共预算拨款支出5,205.49万元，比上年增加514.39万元，增长12.97%。');
    expect(bad.map((f) => f.severity)).toEqual(['warning']);
    expect(bad[0]!.expected).toBe(10.97);
    expect(run('2024年预算安排3.00万元，比上年净增加2.00万元。').map((f) => f.severity)).toEqual(['warning']);
  });
});

describe('N1 amounts against tables', () => {
  const gpb = (v: string) =>
    tbl(
      't06',
      '2024 年度一般公共预算拨款支出预算表',
      [
        ['科目编码', '科目名称', '合计', '其中：'],
        ['', '', '', '基本支出', '项目支出'],
      ],
      [
        ['合计', '', '539.08', '508.08', '31.00'],
        ['2010301', '行政运行', v, '432.48', '0.00'],
        ['2010302', '一般行政管理事务', '106.60', '75.60', '31.00'],
      ],
    );
  const text = [
    '（一）2010301-行政运行 432.48 万元。主要用于人员经费及公用经费等支出。',
    '2024年度一般公共预算拨款基本支出 508.08 万元，其中：',
  ];
  it('a bare 年初预算 / 支出决算 pair reports the item named before it, not the document totals', () => {
    const item = [
      '2、社会保障和就业支出(类)行政事业单位养老支出(款)事业单位离退休(项)。主要用于:事业单位退休人员支出。年初预算为28.11万元,支出决算为28.11万元,完成年初预算的100.00%。',
    ];
    expect(byRule(validate(docOf([gpb('432.48')], { narrative: item, kind: 'final' })), 'N1')).toEqual([]);
  });

  it('a 项 amount stated with its code must equal the table: error when it does not', () => {
    expect(byRule(validate(docOf([gpb('432.48')], { narrative: text })), 'N1')).toEqual([]);
    const fs = byRule(validate(docOf([gpb('423.48')], { narrative: text })), 'N1');
    expect(fs.map((f) => f.severity)).toEqual(['error']);
    expect(fs[0]!.refs.some((r) => r.table === 't06' && r.row === 1)).toBe(true);
  });
  it('keyword subjects (基本支出) are checked against the tables that carry them, as warnings', () => {
    const fs = byRule(
      validate(docOf([gpb('432.48')], { narrative: ['2024年度一般公共预算拨款基本支出 518.08 万元，其中：'] })),
      'N1',
    );
    expect(fs.map((f) => f.severity)).toEqual(['warning']);
  });
  it('amounts that name no table figure are left alone', () => {
    expect(
      byRule(
        validate(
          docOf([gpb('432.48')], {
            narrative: ['按“一镇一所”原则投入 31.2 万元配备村级法律顾问。', '政府采购预算总额426.80万元。'],
          }),
        ),
        'N1',
      ),
    ).toEqual([]);
  });
  it('every amount of the three sample explanations matches its table (N1 ✓ in S0, S1, S3)', () => {
    for (const d of Object.values(CORPUS)) {
      expect(byRule(validate(d()), 'N1')).toEqual([]);
      expect(byRule(validate(d()), 'N2')).toEqual([]);
    }
  });
  it('a changed table figure is caught through the S1 explanation (2049999 2876.78)', () => {
    const doc = CORPUS['qz2022-final']();
    const narrative = doc.narrative!.map((x) => ({
      ...x,
      text: x.text.replace('2049999-其他公共安全支出 2876.78', '2049999-其他公共安全支出 2867.78'),
    }));
    const fs = byRule(validate({ ...doc, narrative }), 'N1', 'error');
    expect(fs).toHaveLength(1);
    expect(fs[0]!.expected).toBe(2876.78);
  });
});

describe('narrative subjects on the Jiangsu explanations', () => {
  it('a change, a 会议费 or 培训费 line names no table figure; 基本支出预算 is the basic measure', () => {
    expect(conceptOf('增加基本支出')).toBeNull();
    // Jiangsu's 三、其他资金 is the other-income source.
    expect(conceptOf('其他资金收入预算总计')).toEqual({ k: 'source', src: 'other' });
    expect(conceptOf('省检察院2017年度一般公共预算拨款安排的会议费预算支出')).toBeNull();
    expect(conceptOf('江苏省人大常委会办公厅2018年度财政拨款基本支出预算')).toEqual({ k: 'measure', m: 'basic' });
  });
});

describe('N1 on a 项 named by its 类 and 款 (Jiangsu: "公共安全(类)1.检察(款)行政运行(项)支出")', () => {
  const t = tbl(
    't05',
    '五、财政拨款支出预算表',
    [['功能科目编码', '功能科目名称', '合计', '基本支出', '项目支出']],
    [
      ['', '合计', '13,641.34', '12,308.48', '1,332.86'],
      ['204', '公共安全支出', '13,641.34', '12,308.48', '1,332.86'],
      ['20404', '检察', '13,641.34', '12,308.48', '1,332.86'],
      ['2040401', '行政运行', '7,968.14', '7,968.14', ''],
      ['2040402', '一般行政管理事务', '5,673.20', '4,340.34', '1,332.86'],
    ],
    { type: 'gpb_exp' },
  );
  const said = (v: string) => [`公共安全(类)1.检察(款)行政运行(项)支出${v}万元，主要用于机关运转。`];
  it('agrees with the 项 row, not the class', () => {
    expect(byRule(validate(docOf([t], { narrative: said('7968.14') })), 'N1')).toEqual([]);
  });
  it('flags a changed amount against that row', () => {
    const fs = byRule(validate(docOf([t], { narrative: said('7986.14') })), 'N1');
    expect(fs).toHaveLength(1);
    expect(fs[0]!.expected).toBe(7968.14);
  });
});

describe('narrative reading on real text (spacing, full width, magnitudes, broken figures, subjects)', () => {
  const summary = (total: string, unit: '万元' | '元' = '万元') =>
    tbl(
      't04',
      '财政拨款收支总表',
      [['收入', '', '支出', '']],
      [
        ['一般公共预算拨款', total, '一般公共服务支出', total],
        ['收入总计', total, '支出总计', total],
      ],
      { type: 'fiscal_summary', moneyUnit: unit },
    );
  const n1 = (tables: ReturnType<typeof summary>[], ...narrative: string[]) =>
    byRule(validate(docOf(tables, { narrative })), 'N1').filter((f) => f.severity !== 'rounding');

  it('reads letter-spaced CJK like the unspaced sentence, and checks it', () => {
    const p = parseNarrative(n('财 政 拨款 收 入 支 出 总 计2961.68 万元。'));
    expect(p.amounts).toHaveLength(1);
    expect(p.amounts[0]).toMatchObject({ subject: '财政拨款收入支出总计', cents: 296168 });
    expect(n1([summary('2961.68')], '财 政 拨款 收 入 支 出 总 计2961.68 万元。')).toEqual([]);
    expect(n1([summary('2961.68')], '财 政 拨款 收 入 支 出 总 计2916.68 万元。')).toHaveLength(1);
  });

  it('reads full-width digits and punctuation', () => {
    const p = parseNarrative(
      n('一般公共预算拨款支出５，２０５．４９万元，比上年增加５１４．３９万元，增长１０．９７％。'),
    );
    expect(p.amounts.map((a) => a.cents)).toEqual([520549]);
    expect(p.changes[0]).toMatchObject({ deltaCents: 51439, pct: 10.97 });
  });

  it('converts 元 and 亿元 to 万元, and compares a 元 table in 元', () => {
    const p = parseNarrative(n('收入总计29,616,800.00元，支出总计1.2亿元，人均1000元。'));
    expect(p.amounts.map((a) => [a.unit, a.cents])).toEqual([
      ['元', 296168],
      ['亿元', 1200000],
      ['元', 10],
    ]);
    // 元 in the text against a 万元 table: equal at the table's 0.01 万元.
    expect(n1([summary('2961.68')], '财政拨款收入总计29,616,812.00元。')).toEqual([]);
    expect(n1([summary('2961.68')], '财政拨款收入总计29,716,800.00元。')).toHaveLength(1);
    // 亿元 to two decimals against 万元: equal at 0.01 亿元 (12,003.55万元 is 1.20亿元).
    expect(n1([summary('12003.55')], '财政拨款收入总计1.20亿元。')).toEqual([]);
    expect(n1([summary('12903.55')], '财政拨款收入总计1.20亿元。')).toHaveLength(1);
    // A 元 table against a 元 figure: exact in 元, a 0.10 元 difference is found.
    expect(n1([summary('29,616,812.34', '元')], '财政拨款收入总计29,616,812.34元。')).toEqual([]);
    expect(n1([summary('29,616,812.34', '元')], '财政拨款收入总计29,616,812.44元。')).toHaveLength(1);
    // 万元 in the text against a 元 table.
    expect(n1([summary('29,616,812.34', '元')], '财政拨款收入总计2961.68万元。')).toEqual([]);
  });

  it('joins a figure broken by a line break, inside the number or before its unit', () => {
    const p = parseNarrative(
      n('一般公共预算支出合计1093', '.83万元，基本支出720.', '32 万元，项目支出373.5', '1万元，其他 0.00', '万元。'),
    );
    expect(p.amounts.map((a) => a.cents)).toEqual([109383, 72032, 37351, 0]);
    // The number's place in the original entries is kept (the mutation suite edits it there).
    expect(p.amounts[3]!.src).toMatchObject({ entry: 3 });
    expect(p.amounts[1]!.src).toBeNull();
  });

  it('takes the nearest noun phrase of the clause as the subject, not an earlier one (DOMAIN §3.3)', () => {
    const p = parseNarrative(n('其中基本支出800.00万元和项目支出200.00万元，人员经费100.00万元及公用经费50.00万元。'));
    expect(p.amounts.map((a) => a.subject)).toEqual(['基本支出', '项目支出', '人员经费', '公用经费']);
  });
});

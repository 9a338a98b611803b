import { describe, expect, it } from 'vitest';
import type { ExtractedDocument } from '../model/document';
import { validate } from './index';
import { readSums } from './narrative-sums';
import { byRule, CORPUS, docOf } from './testing/fixtures';

// Sentences from the sample explanations (DOMAIN §3.1 R12/R14, §3.3 N3/N4); S2 = kfq2024 (Hebei), text re-wrapped.
const n = (...texts: string[]) => texts.map((text) => ({ page: 1, text }));
const run = (rule: string, ...texts: string[]) => byRule(validate(docOf([], { narrative: texts })), rule);

const S1_BASIC = (staff = '1513.42') => [
  '1. 基本支出 1564.57 万元。其中，人员支出 ' + staff + ' 万',
  '元，公用支出 51.15 万元。',
  '2. 项目支出 2510.00 万元。',
];
const S2_SPENDING = (wage = '516.41', agri = '193.56') => [
  `部门预算中支出预算的总体情况。2024年支出预算 1093.83万元，其中基本支出 559.49万元，包括人员经费 ${wage}万元`,
  ` 和日常公用经费 43.08万元；项目支出 534.34万元，主要为一般公共服务支出 285.5万元、农林水支出 ${agri}万元、社会`,
  '',
  '保障和就业支出 15万元、灾害防治及应急管理支出 31.06万元、公共安全支出 9.22万元。',
  '3、比上年增减情况',
];
const S2_DECREASE = (basic = '7.52') => [
  `2024年预算收支安排 1093.83万元，较 2023年预算减少 349.94万元，其中：基本支出减少 ${basic}万元，主要为在职人`,
  '员工资（含绩效）减少，相应的公务交通补贴、通讯补贴、养老保险、住房公积金都有相应减少。项目支出减少 342.42',
  '万元，主要为东汪镇、火炬办归属襄都区，相应专项都有减少。',
];
const S1_PROCUREMENT = (services = '235.13', goods = '17.09') =>
  `本部门2022年度政府采购支出总额252.22万元，其中：政府采购货物支出${goods}万元、政府采购工程支出0.00万元、政府采购服务支出${services}万元。授予中小企业合同金额65.32 万元，占政府采购支出总额的25.90%，其中：授予小微企业合同金额0万元，占授予中小企业合同金额的0.00%。`;

describe('component sums in the text are read by structure', () => {
  it('nested lists: 1093.83 = 559.49 + 534.34, 559.49 = 516.41 + 43.08, 534.34 = five classes (S2)', () => {
    const claims = readSums(n(...S2_SPENDING()));
    const byHead = new Map(claims.map((c) => [c.head.cents, c.parts.map((p) => p.cents)]));
    expect(byHead.get(109383)).toEqual([55949, 53434]);
    expect(byHead.get(55949)).toEqual([51641, 4308]);
    expect(byHead.get(53434)).toEqual([28550, 19356, 1500, 3106, 922]);
  });
  it('a list of decreases runs on into the next sentence (S2: 349.94 = 7.52 + 342.42)', () => {
    const [c] = readSums(n(...S2_DECREASE()));
    expect([c!.head.cents, ...c!.parts.map((p) => p.cents)]).toEqual([-34994, -752, -34242]);
  });
  it('a list of enumerated paragraphs after "具体情况如下：" (S1: 收入 4180.76 = 8 sources)', () => {
    const doc = CORPUS['qz2022-final']();
    const c = readSums(doc.narrative!).find((x) => x.head.cents === 418076)!;
    expect(c.enumerated).toBe(true);
    expect(c.parts).toHaveLength(8);
  });
  it('a threshold in a label ("单价在20万元以上的设备") is not an amount', () => {
    const [c] = readSums(n('资产总额1566.10万元，其中：单价在20万元以上的设备1396.94万元、其他固定资产169.16万元。'));
    expect(c!.parts.map((p) => p.cents)).toEqual([139694, 16916]);
  });
});

describe('N3 component sums', () => {
  it('a figure stated as a share of something is a part, not the total of the list that follows (Jiangsu 三公)', () => {
    const text =
      '2017年度一般公共预算拨款安排的“三公”经费预算支出中，因公出国(境)费支出110万元，占“三公”经费的18.85%；' +
      '公务用车购置及运行费支出317.8万元，占“三公”经费的54.43%；公务接待费支出156.55万元，占“三公”经费的26.72%。具体情况如下：';
    expect(
      run(
        'N3',
        text,
        '1.因公出国(境)费预算支出110万元。',
        '2.公务用车购置及运行费预算支出317.8万元。',
        '3.公务接待费预算支出156.55万元。',
      ),
    ).toEqual([]);
  });

  it('a figure in the reason of the sentence before is not the total the next list breaks down (Jiangsu 2017)', () => {
    const text =
      '收入、支出预算总计13649.07万元，各增加844.15万元。主要原因是政策性增资等原因，增加基本支出844.15万元。' +
      '其中：(一)收入预算总计13649.07万元。全部由省财政拨款。(二)支出预算总计13649.07万元。';
    expect(run('N3', text)).toEqual([]);
  });

  it('a numbered sibling’s own 其中 list is its detail, not more parts of the total (Shanghai 三公)', () => {
    const text =
      '2026年“三公”经费预算数为10.81万元，比2025年预算持平。其中：(一)因公出国(境)费0万元，与2025年预算持平。' +
      '(二)公务用车购置及运行费9.98万元，与2025年预算持平。其中：公务用车购置费0万元，与2025年预算持平；' +
      '公务用车运行费9.98万元，与2025年预算持平。(三)公务接待费0.83万元。与2025年预算持平。';
    expect(run('N3', text)).toEqual([]);
    expect(run('N3', text.replace('公务接待费0.83', '公务接待费0.93'))).toHaveLength(1);
  });

  it('"比上年预算增加(减少)0万元" is a change, not one of the parts (Jiangsu 2019 三公 template)', () => {
    const text =
      '2.公务用车购置及运行费预算支出183.6万元。其中：(1)公务用车购置预算支出0万元，比上年预算增加(减少)0万元。' +
      '(2)公务用车运行维护费预算支出183.6万元，比上年预算增加(减少)0万元。';
    expect(run('N3', text)).toEqual([]);
    expect(run('N3', text.replace('维护费预算支出183.6', '维护费预算支出180.6'))).toHaveLength(1);
  });

  it('hold in the samples: S1 基本 1564.57 = 1513.42 + 51.15; S2 nested lists and decreases', () => {
    expect(run('N3', ...S1_BASIC())).toEqual([]);
    expect(run('N3', ...S2_SPENDING())).toEqual([]);
    expect(run('N3', ...S2_DECREASE())).toEqual([]);
  });
  it('a broken component is a warning with expected / actual', () => {
    const fs = run('N3', ...S1_BASIC('1523.42'));
    expect(fs.map((f) => [f.severity, f.actual, f.expected])).toEqual([['warning', 1564.57, 1574.57]]);
    expect(run('N3', ...S2_SPENDING('526.41')).map((f) => f.severity)).toEqual(['warning']);
  });
  it('a list announced as the main items ("主要为") may fall short (info), not exceed (warning)', () => {
    expect(run('N3', ...S2_SPENDING('516.41', '183.56')).map((f) => f.severity)).toEqual(['info']);
    expect(run('N3', ...S2_SPENDING('516.41', '203.56')).map((f) => f.severity)).toEqual(['warning']);
  });
  it('S1 GPB basic 1555.32 vs 人员 1513.41 + 公用 41.90 is rounding, never a warning', () => {
    const fs = byRule(validate(CORPUS['qz2022-final']()), 'N3');
    expect(fs.map((f) => [f.severity, f.actual, f.expected])).toEqual([['rounding', 1555.32, 1555.31]]);
  });
  it('the three sample explanations raise no N3, R12, R14 or N4 warning', () => {
    for (const d of Object.values(CORPUS)) {
      const fs = validate(d()).filter((f) => ['N3', 'R12', 'R14', 'N4'].includes(f.rule));
      expect(fs.filter((f) => f.severity === 'warning' || f.severity === 'error')).toEqual([]);
    }
  });
  it('links the stated figures to the table cells that hold them', () => {
    const doc = CORPUS['qz2022-final']();
    const narrative = doc.narrative!.map((x) => ({
      ...x,
      text: x.text.replace('人员支出 1513.42', '人员支出 1523.42'),
    }));
    const fs = byRule(validate({ ...doc, narrative }), 'N3', 'warning');
    expect(fs).toHaveLength(1);
    const basic = doc.tables.find((t) => t.type === 'expenditure')!;
    expect(fs[0]!.refs.some((r) => r.table === basic.id)).toBe(true);
  });
});

describe('R12 政府采购 in the text', () => {
  it('S1 252.22 = 17.09 + 0 + 235.13 and S3 707.6 = 444.6 + 263 (marker opening the next sentence) hold', () => {
    expect(run('R12', S1_PROCUREMENT())).toEqual([]);
    expect(
      run(
        'R12',
        '2023年长治市上党区社会治安综合治理中心部门各单位政府采购预算总额707.6万元。其中: 政府采购货物预算444.6万元、政府采购工程预算 0万元、政府采购服务预算263万元。',
      ),
    ).toEqual([]);
  });
  it('a wrong category is a warning; one cent off is rounding', () => {
    const fs = run('R12', S1_PROCUREMENT('253.13'));
    expect(fs.map((f) => [f.severity, f.actual, f.expected])).toEqual([['warning', 252.22, 270.22]]);
    expect(run('R12', S1_PROCUREMENT('235.13', '17.10')).map((f) => f.severity)).toEqual(['rounding']);
  });
});

describe('R14 资产 in the text', () => {
  it('S2 1566.10 = 1396.94 + 169.16 holds; a wrong category is a warning', () => {
    const t = (v: string) =>
      `上年末资产总额1566.10万元，其中：单价在20万元以上的设备${v}万元、其他固定资产169.16万元。`;
    expect(run('R14', t('1396.94'))).toEqual([]);
    expect(run('R14', t('1369.94')).map((f) => f.severity)).toEqual(['warning']);
  });
});

describe('N4 counts', () => {
  const edit = (doc: ExtractedDocument, from: string, to: string) => ({
    ...doc,
    narrative: doc.narrative!.map((x) => ({ ...x, text: x.text.replace(from, to) })),
  });
  it('S0: 10 forms, Σ 2339.47; S1: 24 forms, Σ 2605.10, 23 + 1 + 0 + 0 = 24; S3: 5 forms, 748.1', () => {
    for (const d of Object.values(CORPUS)) expect(byRule(validate(d()), 'N4')).toEqual([]);
  });
  it('a stated count or total that the forms do not bear out is a warning', () => {
    const s0 = CORPUS['qz2024-budget']();
    expect(byRule(validate(edit(s0, '共设置10个项目', '共设置11个项目')), 'N4').map((f) => f.expected)).toEqual([10]);
    const amount = byRule(validate(edit(s0, '资金2,339.47万元', '资金2,393.47万元')), 'N4');
    expect(amount.map((f) => [f.severity, f.actual, f.expected])).toEqual([['warning', 2393.47, 2339.47]]);
    expect(amount[0]!.refs.length).toBe(10);
  });
  it('graded counts that do not add up to the number of projects are a warning (S1 23 + 1 + 0 + 0)', () => {
    const fs = byRule(validate(edit(CORPUS['qz2022-final'](), '分别是 23 个', '分别是 22 个')), 'N4');
    expect(fs.map((f) => [f.actual, f.expected])).toEqual([[23, 24]]);
  });
});

import { describe, expect, it } from 'vitest';
import type { ExtractedDocument } from '../model/document';
import { applyOp, emptyOverlay, setCellOp } from '../model/edits';
import { validate } from './index';
import { formsOf } from './forms';
import { byRule, CORPUS, docOf, tbl, touchesRow } from './testing/fixtures';

// S0 (qz2024 budget) 绩效目标表, S3 (cz2023 budget) 项目支出预算表 and 申报表 (元), S1 (qz2022 final) 自评表.
const s0Form = (
  id: string,
  title: string,
  o: { total?: string; fiscal?: string; current?: string; other?: string } = {},
) =>
  tbl(
    id,
    title,
    [],
    [
      ['专项资金情况（万元）', '资金总额：', o.total ?? '1200.00'],
      ['', '财政拨款：', o.fiscal ?? '1200.00'],
      ['', '其中：当年财政拨款：', o.current ?? '1,200.00'],
      ['', '上年结转结余财政拨款：', '0.00'],
      ['', '其他资金：', o.other ?? '0.00'],
      ['项目实施期目标', '助推平安台商区建设，有效提升人民群众幸福感、安全感、获得感。'],
      ['绩效目标指标', '一级指标', '二级指标', '三级指标', '目标值'],
    ],
    { type: 'performance' },
  );

const expenditure = (project: string) =>
  tbl(
    't03',
    '2023年预算支出总表',
    [
      ['项目', '', '2023年预算数'],
      ['科目编码', '科目名称', '合计', '基本支出', '项目支出'],
    ],
    [
      ['合计', '', '866.53', '118.43', project],
      ['204', '公共安全支出', '866.53', '118.43', project],
    ],
  );

const s3Projects = (o: { head?: string; xueliang?: string } = {}) =>
  tbl(
    't12',
    '2023年项目支出预算表（本年预算）',
    [
      ['项目名称', '合计', '2023年财政拨款', '', '', '财政专户管理 资金', '单位资金'],
      ['', '', '一般公共预算', '政府性 基金预 算', '国有资本经营 预算'],
    ],
    [
      ['长治市上党区社会治安综合治理中心', o.head ?? '748.10', o.head ?? '748.10'],
      ['社会治理专项经费', '30.00', '30.00'],
      ['应急值班工作经费', '1.20', '1.20'],
      ['护林防火警示设施经费', '13.80', '13.80'],
      ['森林防火设施经费', '443.10', '443.10'],
      ['雪亮工程链路维护费', o.xueliang ?? '260.00', o.xueliang ?? '260.00'],
    ],
  );

const s3Form = (id: string, name: string, yuan: string, o: { local?: string; unit?: string } = {}) =>
  tbl(
    id,
    '上党区县(区)级预算部门(单位)项目支出绩效目标申报表',
    [],
    [
      ['项目名称', '', name],
      [`项目资金(${o.unit ?? '元'})`, '', '实施期资金总额:', '', yuan, '', '年度资金总额:', '', yuan],
      ['', '', '其中:中央财政资金', '', '0', '', '其中:中央财政资金', '', '0'],
      ['', '', '省级财政资金', '', '0', '', '省级财政资金', '', '0'],
      ['', '', '市县(区)财政资金', '', o.local ?? yuan, '', '市县(区)财政资金', '', o.local ?? yuan],
      ['', '', '单位自筹', '', '0', '', '单位自筹', '', '0'],
      ['其他资金', '', '', '', '其他资金'],
      ['项目概况', '', '用于护林防火和警示工程点位。'],
    ],
    { type: 'performance' },
  );

const s3Forms = (xueliang = '2,600,000') => [
  s3Form('f1', '森林防火设施经费', '4,431,000'),
  s3Form('f2', '护林防火警示设施经费', '138,000'),
  s3Form('f3', '社会治理专项经费', '300,000'),
  s3Form('f4', '应急值班工作经费', '12,000'),
  // S3 prints the same project as 雪亮 / 警亮 / 晋亮 (DOMAIN §3.5): matched by meaning, not by exact name.
  s3Form('f5', '警亮工程链路维护费', xueliang),
];

describe('project forms are read by their labels', () => {
  it('reads the three families: FJ 绩效目标表, SX 申报表 (元, two pairs per row) and the MoF 自评表', () => {
    const [a] = formsOf(s0Form('f', '平安村“3个10%”奖励绩效目标表'));
    expect(a!.name).toBe('平安村3个10%奖励'); // quotes dropped by the label normalisation
    expect(a!.lines.map((l) => l.key)).toEqual(['total', 'fiscal', 'current', 'carry', 'other']);
    const [b] = formsOf(s3Form('f', '森林防火设施经费', '4,431,000'));
    expect(b!.scale).toBe(10000);
    expect(b!.lines.filter((l) => l.key === 'level')).toHaveLength(3);
    expect([...b!.lines[0]!.cells.values()].map((c) => c.cents)).toEqual([443100000, 443100000]);
    const s1 = CORPUS['qz2022-final']().tables.flatMap(formsOf);
    expect(s1).toHaveLength(24);
  });
});

describe('X12 per project form', () => {
  const run = (...t: Parameters<typeof docOf>[0]) => byRule(validate(docOf(t)), 'X12');
  it('S0 form: 1200 = 1200 + 0 and 1200 = 1200 + 0 hold', () => {
    expect(run(s0Form('f', '平安村“3个10%”奖励绩效目标表'))).toEqual([]);
  });
  it('a total that is not 财政拨款 + 其他资金 is an error on the form cells', () => {
    const fs = run(s0Form('f', 'x绩效目标表', { total: '1210.00' }));
    expect(fs.map((f) => f.severity)).toEqual(['error']);
    expect(touchesRow(fs[0]!, 'f', 0) && touchesRow(fs[0]!, 'f', 1) && touchesRow(fs[0]!, 'f', 4)).toBe(true);
  });
  it('财政拨款 ≠ 当年 + 上年结转 is an error', () => {
    const fs = run(s0Form('f', 'x绩效目标表', { current: '1100.00' }));
    expect(fs.map((f) => f.message.en)).toEqual([expect.stringContaining("this year's appropriation")]);
  });
  it('a 元 form adds up in 元, with the 万元 tolerance × 10⁴ (one-yuan slips are rounding)', () => {
    expect(run(s3Form('f', 'x', '4,431,000'))).toEqual([]);
    expect(run(s3Form('f', 'x', '4,431,000', { local: '4,430,999' })).map((f) => f.severity)).toEqual([
      'rounding',
      'rounding',
    ]);
    expect(run(s3Form('f', 'x', '4,431,000', { local: '4,421,000' })).map((f) => f.severity)).toEqual([
      'error',
      'error',
    ]);
  });
  it('S3: each 元 form = its project row × 10⁴, names matched by meaning (警亮 ↔ 雪亮)', () => {
    expect(run(expenditure('748.10'), s3Projects(), ...s3Forms())).toEqual([]);
    const fs = run(expenditure('748.10'), s3Projects(), ...s3Forms('2,700,000'));
    expect(fs.filter((f) => f.severity === 'error')).toHaveLength(1);
    expect(touchesRow(fs[0]!, 't12', 5) && touchesRow(fs[0]!, 'f5', 1)).toBe(true);
  });
  it('a form printing 万元 figures under a 元 label is named as a unit slip', () => {
    const forms = [...s3Forms().slice(0, 4), s3Form('f5', '雪亮工程链路维护费', '260.00')];
    const fs = run(expenditure('748.10'), s3Projects(), ...forms);
    expect(fs).toHaveLength(1);
    expect(fs[0]!.message.zh).toContain('表中数字为万元，但标为元');
  });
  it('S1 自评表 (24 forms, six figures a row, sub-lines with dashes) holds as printed', () => {
    expect(byRule(validate(CORPUS['qz2022-final']()), 'X12')).toEqual([]);
  });
  it('S1 自评表: a 全年执行数 that its sources do not add up to is found', () => {
    const doc = CORPUS['qz2022-final']();
    const t = doc.tables.find((x) => x.type === 'performance')!;
    const row = t.rows.findIndex((r) => r.cells.some((c) => c.text === '年度资金总额'));
    const col = t.rows[row]!.cells.findIndex((c) => c.value === 0.43); // printed "0. 43"
    const next = applyOp(doc, emptyOverlay(), setCellOp(doc, t.id, row, col, '0.53')).doc;
    const fs = byRule(validate(next), 'X12', 'error');
    expect(fs).toHaveLength(1);
    expect(fs[0]!.message.zh).toContain('全年执行数');
  });
});

describe('X11 Σ projects = 支出总表 项目支出', () => {
  it('S3: 748.10 = Σ 5 projects = 项目支出', () => {
    expect(byRule(validate(docOf([expenditure('748.10'), s3Projects(), ...s3Forms()])), 'X11')).toEqual([]);
  });
  it('a project row changed: the unit subtotal no longer matches (error with the row); the 本年-only total is info', () => {
    const fs = byRule(validate(docOf([expenditure('748.10'), s3Projects({ xueliang: '250.00' })])), 'X11');
    expect(fs.map((f) => f.severity).sort()).toEqual(['error', 'info']);
    expect(fs.every((f) => touchesRow(f, 't12', 5))).toBe(true);
    const carry = tbl('t13', '2023年项目支出预算表（上年结转）', [['项目名称', '合计']], []);
    const both = byRule(validate(docOf([expenditure('748.10'), s3Projects({ xueliang: '250.00' }), carry])), 'X11');
    expect(both.map((f) => f.severity)).toEqual(['error', 'error']);
  });
  it('a complete project table short of the total is an error; one printing only this year is information', () => {
    const short = tbl('t12', '项目支出预算表', [['项目名称', '合计']], [['社会治理专项经费', '30.00']]);
    expect(byRule(validate(docOf([expenditure('748.10'), short])), 'X11').map((f) => f.severity)).toEqual(['error']);
    const thisYear = { ...short, title: '2023年项目支出预算表（本年预算）' };
    expect(byRule(validate(docOf([expenditure('748.10'), thisYear])), 'X11').map((f) => f.severity)).toEqual(['info']);
  });
  it('S0: 10 key-project forms (2339.47 < 3568.18) are information, not an error', () => {
    const fs = byRule(validate(CORPUS['qz2024-budget']()), 'X11');
    expect(fs.map((f) => [f.severity, f.actual, f.expected])).toEqual([['info', 2339.47, 3568.18]]);
  });
  it('forms adding up to more than the project expenditure are an error', () => {
    const doc: ExtractedDocument = docOf([expenditure('1000.00'), s0Form('f', 'x绩效目标表')]);
    const fs = byRule(validate(doc), 'X11', 'error');
    expect(fs).toHaveLength(1);
    expect(touchesRow(fs[0]!, 'f', 0) && touchesRow(fs[0]!, 't03', 0)).toBe(true);
  });
});

describe('X12 on the Hebei 绩效目标表 layout (S2)', () => {
  // S2:L1897 "预算数 40.00 其中：财政 资金 40.00 其他资金" — total and sources side by side on one row.
  const hb = (fiscal: string, last = '40.00') =>
    tbl(
      'h1',
      '2024 年群众工作中心运行经费绩效目标表',
      [],
      [
        ['项目编码', '13051124P00004610003K', '项目名称', '2024 年群众工作中心运行经费'],
        ['预算规模及资金用途', '预算数', '40.00', '其中：财政资金', fiscal, '其他资金', ''],
        ['', '用于维持群众工作中心正常运行。'],
        ['资金支出计划（%）', '3 月底', '6 月底', '10 月底', '12 月底'],
        ['', '10.00', '20.00', '30.00', last],
        ['绩效目标', '1.建立完善开发区群众工作中心工作制度'],
      ],
      { type: 'performance' },
    );
  it('预算数 = 财政资金 + 其他资金 read across the row', () => {
    const [f] = formsOf(hb('40.00'));
    expect(f!.name).toBe('2024年群众工作中心运行经费');
    expect(byRule(validate(docOf([hb('40.00')])), 'X12')).toEqual([]);
    expect(byRule(validate(docOf([hb('4.00')])), 'X12').map((x) => x.severity)).toEqual(['error']);
  });
  it('the last point of the cumulative spending plan = 预算数 (S2 40.00); a per-cent plan is left alone', () => {
    expect(formsOf(hb('40.00'))[0]!.plan.map((p) => p.cents)).toEqual([1000, 2000, 3000, 4000]);
    const fs = byRule(validate(docOf([hb('40.00', '35.00')])), 'X12');
    expect(fs.map((x) => [x.severity, x.actual, x.expected])).toEqual([['error', 35, 40]]);
    expect(byRule(validate(docOf([hb('40.00', '100.00')])), 'X12')).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { validate } from '../index';
import { byRule, docOf, tbl } from '../testing/fixtures';

const n5 = (narrative: string[], tables = [] as ReturnType<typeof tbl>[]) =>
  byRule(validate(docOf(tables, { narrative })), 'N5').filter((f) => f.severity !== 'rounding');

const threePublic = tbl(
  't07',
  '一般公共预算“三公”经费、会议费、培训费支出预算表',
  [
    ['合计', '“三公”经费', '“三公”经费', '“三公”经费', '“三公”经费', '会议费'],
    ['合计', '小计', '因公出国(境)费', '公务用车购置及运行维护费', '公务接待费', '会议费'],
  ],
  [['1,033.60', '833.60', '222.50', '183.60', '427.50', '200.00']],
  { type: 'three_public' },
);

describe('N5 shares', () => {
  it('a bare share is of the figure the list opens with (cz2023 支出结构)', () => {
    const ok = '2023年度支出预算866.53万元，其中：基本支出118.43万元，占13.67%；项目支出748.1万元，占86.33%。';
    expect(n5([ok])).toEqual([]);
    const bad = n5([ok.replace('13.67%', '31.67%')]);
    expect(bad).toHaveLength(1);
    expect(bad[0]!.expected).toBe(13.67);
  });

  it('a named base is the nearest earlier figure of that name (qz2022 中小企业 share)', () => {
    const t = (pct: string) => [
      '本部门2022年度政府采购支出总额252.22万元。授予中小企业合同金额65.32 万元，占政府采购支出总额的' + pct + '。',
    ];
    expect(n5(t('25.90%'))).toEqual([]);
    expect(n5(t('35.90%')).map((f) => f.expected)).toEqual([25.9]);
  });

  it('"占“三公”经费的" is of 出国 + 用车 + 接待, not a Jiangsu 合计 that holds 会议费 (js-rendaban-2017 p28)', () => {
    expect(n5(['因公出国(境)费支出222.5万元，占“三公”经费的26.69%。'], [threePublic])).toEqual([]);
    const bad = n5(['因公出国(境)费支出222.5万元，占“三公”经费的8.75%。'], [threePublic]);
    expect(bad.map((f) => f.expected)).toEqual([26.69]);
  });

  it('accepts the printed rounding (100% to no decimals) and leaves shares of no known base alone', () => {
    expect(
      n5(['本年收入合计15897.44万元，其中：一般公共预算收入15897.44万元，占100 %；其他资金0万元，占0 %。']),
    ).toEqual([]);
    expect(n5(['其中“即办件”17 项，占比 19.5%。', '示范点占比率达30.7%。'])).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { validate } from '../index';
import { byRule, docOf } from '../testing/fixtures';

const n7 = (...narrative: string[]) => byRule(validate(docOf([], { narrative })), 'N7');

describe('N7 a change against last year is explained', () => {
  const total = '2024年度一般公共预算拨款支出5,205.49万元，比上年增加514.39万元，增长10.97%';
  it('a reason in the sentence or the next one', () => {
    expect(n7(`${total}，主要原因是人员增加。`)).toEqual([]);
    expect(n7(`${total}。主要是新增项目。`)).toEqual([]);
    expect(n7(`${total}。由于机构调整。`)).toEqual([]);
    expect(n7('（一）2010301-行政运行 432.48 万元，比上年增加12.00万元。主要用于人员经费。')).toEqual([]);
  });
  it('a total or 三公 change without one is a warning, an item change information', () => {
    expect(n7(`${total}。二、收入预算情况说明。`).map((f) => f.severity)).toEqual(['warning']);
    expect(n7('“三公”经费预算3.00万元，比上年减少1.00万元。').map((f) => f.severity)).toEqual(['warning']);
    expect(n7('（一）2010301-行政运行 432.48 万元，比上年增加12.00万元。（二）其他。').map((f) => f.severity)).toEqual([
      'info',
    ]);
  });
  it('no change, or a change restated after its reason was given, needs none (js-rendaban-2017)', () => {
    expect(n7('2024年预算安排 0.00 万元，比上年增加 0.00 万元，增长 0.00%。')).toEqual([]);
    expect(
      n7(
        '收入、支出预算总计13649.07万元，与上年相比收、支预算总计各增加844.15万元，增长6.59%。主要原因是政策性增资。',
        '一般公共预算财政拨款支出预算13649.07万元，与上年相比增加844.15万元，增长6.59%。九、基本支出。',
      ),
    ).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { validate } from '../index';
import { byRule, docOf, tbl } from '../testing/fixtures';

const summary = (v: string, unit: '万元' | '元' = '万元') =>
  tbl('t04', '财政拨款收支总表', [['收入', '', '支出', '']], [['收入总计', v, '支出总计', v]], {
    type: 'fiscal_summary',
    moneyUnit: unit,
  });
const run = (t: ReturnType<typeof summary>, s: string) => {
  const fs = validate(docOf([t], { narrative: [s] })).filter((f) => f.severity !== 'rounding');
  return { n1: byRule(fs, 'N1'), n6: byRule(fs, 'N6') };
};

describe('N6 万元 written as 元 or the reverse', () => {
  it('a 万元 figure written as 元 is named against its cell, not reported as an N1 difference', () => {
    const r = run(summary('2961.68'), '财政拨款收入总计2961.68元。');
    expect(r.n1).toEqual([]);
    expect(r.n6).toHaveLength(1);
    expect(r.n6[0]!.refs).toEqual([{ table: 't04', row: 0, col: 1 }]);
    expect(r.n6[0]!.message.zh).toContain('财政拨款收支总表 收入总计');
  });
  it('a 元 table figure written as 万元 (the number not converted)', () => {
    const r = run(summary('29,616,800.00', '元'), '财政拨款收入总计29616800万元。');
    expect(r.n6).toHaveLength(1);
    expect(r.n1).toEqual([]);
  });
  it('a correct conversion or another number is not a unit slip', () => {
    expect(run(summary('2961.68'), '财政拨款收入总计29,616,800元。').n6).toEqual([]);
    const r = run(summary('2961.68'), '财政拨款收入总计2916.68元。');
    expect(r.n6).toEqual([]);
    expect(r.n1).toHaveLength(1);
  });
});

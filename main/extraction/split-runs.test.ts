import { describe, expect, it } from 'vitest';
import type { TextRun } from '../pdf/types';
import { splitAcrossRules } from './split-runs';

const run = (str: string, x0: number, x1: number): TextRun => ({ str, x0, x1, y0: 100, y1: 110, fontSize: 9.84 });
const rule = (x: number) => ({ x0: x, x1: x, y0: 50, y1: 200 });

describe('a text run crossing a ruling line', () => {
  it('is cut at the rule: the amount stays in its cell, the name goes to the next', () => {
    // As Acrobat Distiller wrote it on js-rendaban-2019 page 1: the 金额 column's rule is at x = 317.
    const parts = splitAcrossRules([run('18,330.37 一、一般公共服务支出', 270.69, 417.57)], [rule(317)]);
    expect(parts.map((p) => p.str)).toEqual(['18,330.37', '一、一般公共服务支出']);
    expect(parts[0]!.x1).toBeLessThan(317);
    expect(parts[1]!.x0).toBeGreaterThan(317);
  });

  it('is cut between characters when nothing separates them', () => {
    // "1,496.82" right-aligned against the rule, the next cell's "302" touching it.
    const parts = splitAcrossRules([run('1,496.82302', 100, 100 + 11 * 4.92)], [rule(100 + 8 * 4.92)]);
    expect(parts.map((p) => p.str)).toEqual(['1,496.82', '302']);
  });

  it('leaves runs alone that a rule does not pass through, or only grazes', () => {
    const runs = [run('一般公共服务支出', 10, 90), run('100.00', 120, 150)];
    expect(splitAcrossRules(runs, [rule(95), rule(149)])).toEqual(runs);
    // A right-aligned amount whose first digit overhangs a narrow cell's left rule.
    const overhang = run('200,000.00', 100, 100 + 10 * 4.92);
    expect(splitAcrossRules([overhang], [rule(104)])).toEqual([overhang]);
    // A rule above or below the run does not cut it.
    expect(splitAcrossRules([run('18,330.37 一', 0, 60)], [{ x0: 30, x1: 30, y0: 120, y1: 200 }])).toHaveLength(1);
  });

  it('does not cut a name that overflows into the next cell', () => {
    const overflow = run('一般公共预算财政拨款基本支出', 10, 150);
    expect(splitAcrossRules([overflow], [rule(80)])).toEqual([overflow]);
  });

  it('cuts a run that crosses several rules into one piece per cell', () => {
    const parts = splitAcrossRules([run('1.00 2.00 3.00', 0, 70)], [rule(23), rule(47)]);
    expect(parts.map((p) => p.str)).toEqual(['1.00', '2.00', '3.00']);
  });
});

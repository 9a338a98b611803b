import { describe, expect, it } from 'vitest';
import { cellText } from './celltext';
import { run } from './testing/synthetic';

describe('cell text', () => {
  it('joins a wrapped Chinese cell in reading order without spaces', () => {
    const runs = [run('行政事业单位', 10, 100), run('养老支出', 10, 88), run('机关事业', 10, 112)];
    const t = cellText(runs);
    expect(t.text).toBe('机关事业行政事业单位养老支出');
    expect(t.repairs).toContain('joined-lines');
    expect(t.confidence).toBeLessThan(1);
  });

  it('joins single-glyph runs on one line and keeps a space between Latin words', () => {
    const t = cellText([run('部', 10, 100), run('门', 19, 100), run('Budget', 40, 80), run('review', 80, 80)]);
    expect(t.text).toBe('部门Budget review');
  });

  it('repairs an amount broken over two lines ("1093" + ".83") and lowers confidence', () => {
    const t = cellText([run('1093', 10, 100), run('.83', 10, 88)]);
    expect(t.text).toBe('1093.83');
    expect(t.repairs).toEqual(expect.arrayContaining(['joined-lines', 'number-repaired']));
    expect(t.confidence).toBeLessThan(0.9);
  });

  it('removes a space inside a decimal ("3. 20") and keeps thousands separators as printed', () => {
    expect(cellText([run('3.', 10, 100), run('20', 30, 100)]).text).toBe('3.20');
    const k = cellText([run('4,641.18', 10, 100)]);
    expect(k.text).toBe('4,641.18');
    expect(k.repairs).toEqual([]);
    expect(k.confidence).toBe(1);
  });

  it('puts a code split over lines back together ("2010" / "3")', () => {
    expect(cellText([run('2010', 10, 100), run('3', 10, 88)]).text).toBe('20103');
  });

  it('leaves a blank cell blank', () => {
    expect(cellText([])).toEqual({ text: '', bbox: null, repairs: [], confidence: 1 });
  });
});

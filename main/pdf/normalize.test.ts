import { describe, expect, it } from 'vitest';
import { validate } from '../../shared/validation';
import { byRule, CORPUS } from '../../shared/validation/testing/fixtures';
import { normalizeText } from './normalize';

describe('text normalisation', () => {
  it('maps Kangxi radicals and full-width forms (NFKC)', () => {
    expect(normalizeText('\u2F2F作（万元）：１２')).toBe('工作(万元):12');
  });
  it('maps radical-supplement and Kangxi look-alikes to the simplified character they stand for', () => {
    expect(normalizeText('部\u2ED4预算')).toBe('部门预算');
  });

  it('takes out the spaces justified text puts between Chinese characters, and only those', () => {
    expect(normalizeText('财 政 拨款 收 入 支 出 总 计2961.68 万元')).toBe('财政拨款收入支出总计2961.68 万元');
    expect(normalizeText('1. 一 般 公共预算')).toBe('1. 一般公共预算');
    expect(normalizeText('PC 服务器 2 台')).toBe('PC 服务器 2 台');
    expect(normalizeText('财政专\u2F3E')).toBe('财政专户');
  });
});

describe('N1 on justified (spaced-out) text, as read from the page', () => {
  const said = (total: string) => [normalizeText(`2024 年 度 财 政 拨款 收 入 支 出 总 计${total} 万元。`)];
  it('reads the sentence and agrees with the table as printed', () => {
    const doc = CORPUS['qz2024-budget']();
    expect(byRule(validate({ ...doc, narrative: said('5205.49').map((text) => ({ page: 2, text })) }), 'N1')).toEqual(
      [],
    );
  });
  it('flags a changed total, referring to the table row it disagrees with', () => {
    const doc = CORPUS['qz2024-budget']();
    const fs = byRule(validate({ ...doc, narrative: said('5250.49').map((text) => ({ page: 2, text })) }), 'N1');
    expect(fs).toHaveLength(1);
    expect(fs[0]!.refs.some((r) => r.table !== 'narrative' && r.row >= 0)).toBe(true);
  });
});

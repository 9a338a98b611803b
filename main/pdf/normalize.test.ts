import { describe, expect, it } from 'vitest';
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

import { describe, expect, it } from 'vitest';
import { normalizeText } from './normalize';

describe('text normalisation', () => {
  it('maps Kangxi radicals and full-width forms (NFKC)', () => {
    expect(normalizeText('\u2F2F作（万元）：１２')).toBe('工作(万元):12');
  });
  it('maps radical-supplement and Kangxi look-alikes to the simplified character they stand for', () => {
    expect(normalizeText('部\u2ED4预算')).toBe('部门预算');
    expect(normalizeText('财政专\u2F3E')).toBe('财政专户');
  });
});

import { describe, expect, it } from 'vitest';
import { normalizedCopy } from './textSelection';

describe('copied page text', () => {
  it('is in ordinary characters: Kangxi radicals mapped to the ideographs they stand for', () => {
    expect(normalizedCopy('⼀般公共预算⽀出')).toBe('一般公共预算支出');
    expect(normalizedCopy('收⼊')).toBe('收入');
  });

  it('keeps full-width punctuation as printed', () => {
    expect(normalizedCopy('收入，支出（万元）')).toBe('收入，支出（万元）');
  });
});

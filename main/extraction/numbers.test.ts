import { describe, expect, it } from 'vitest';
import { cellValue, isDataAmount, isSubjectCode, repairAmount } from './numbers';

describe('amounts', () => {
  it('keeps blank and dashes as no value, and a printed zero as 0', () => {
    expect(cellValue('')).toBeNull();
    expect(cellValue('——')).toBeNull();
    expect(cellValue('-')).toBeNull();
    expect(cellValue('0.00')).toBe(0);
    expect(cellValue('0')).toBe(0);
  });
  it('parses thousands separators and bracketed negatives', () => {
    expect(cellValue('4,641.18')).toBe(4641.18);
    expect(cellValue('4,431,000')).toBe(4431000);
    expect(cellValue('(12.50)')).toBe(-12.5);
  });
  it('gives words no value', () => {
    expect(cellValue('≥95%')).toBeNull();
    expect(cellValue('行政运行')).toBeNull();
    expect(repairAmount('12 ab')).toBeNull();
  });
  it('tells decimals (data) from column numbers and codes', () => {
    expect(isDataAmount('12.30')).toBe(true);
    expect(isDataAmount('3')).toBe(false);
    expect(isSubjectCode('2010301')).toBe(true);
    expect(isSubjectCode('20103')).toBe(true);
    expect(isSubjectCode('2010')).toBe(false);
  });
});

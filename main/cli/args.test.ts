import { describe, expect, it } from 'vitest';
import { oneOf, parseArgs, UsageError } from './args';

describe('CLI option parsing', () => {
  it('reads values, inline values, flags and positionals', () => {
    const p = parseArgs(['a.pdf', '--format', 'csv', '--out=x.csv', '--quiet'], {
      values: ['format', 'out'],
      flags: ['quiet'],
    });
    expect(p).toEqual({ positional: ['a.pdf'], options: { format: 'csv', out: 'x.csv', quiet: true } });
  });
  it('refuses unknown options and missing values', () => {
    expect(() => parseArgs(['--nope'], {})).toThrow(UsageError);
    expect(() => parseArgs(['--out'], { values: ['out'] })).toThrow(/needs a value/);
  });
  it('checks enumerated values', () => {
    expect(oneOf('json', ['json', 'csv'], 'json', 'format')).toBe('json');
    expect(oneOf(undefined, ['json', 'csv'], 'csv', 'format')).toBe('csv');
    expect(() => oneOf('xml', ['json', 'csv'], 'json', 'format')).toThrow(/one of json, csv/);
  });
});

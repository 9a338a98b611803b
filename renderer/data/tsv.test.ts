import { describe, expect, it } from 'vitest';
import { parseTsv, toTsv } from './tsv';

describe('clipboard TSV', () => {
  it('reads an Excel block with CRLF line ends and a trailing line break', () => {
    expect(parseTsv('201\t一般公共服务\t30.00\r\n20101\t人大事务\t12.00\r\n')).toEqual([
      ['201', '一般公共服务', '30.00'],
      ['20101', '人大事务', '12.00'],
    ]);
  });

  it('reads LF-only text (WPS on Linux) and keeps empty cells', () => {
    expect(parseTsv('1\t\t3\n\t5\t\n')).toEqual([
      ['1', '', '3'],
      ['', '5', ''],
    ]);
  });

  it('unquotes fields holding tabs, line breaks and doubled quotes', () => {
    expect(parseTsv('"一般\r\n公共"\t"a\tb"\t"say ""hi"""\r\nx\ty\tz')).toEqual([
      ['一般\n公共', 'a\tb', 'say "hi"'],
      ['x', 'y', 'z'],
    ]);
  });

  it('takes a stray quote inside a field literally', () => {
    expect(parseTsv('5"\t"6" wide\n')).toEqual([['5"', '"6" wide']]);
  });

  it('round-trips what it writes', () => {
    const block = [
      ['a\tb', '1,234.00', ''],
      ['line\nbreak', '"q"', '-'],
    ];
    expect(toTsv(block)).toBe('"a\tb"\t1,234.00\t\r\n"line\nbreak"\t"""q"""\t-\r\n');
    expect(parseTsv(toTsv(block))).toEqual(block);
  });

  it('reads nothing from an empty clipboard', () => {
    expect(parseTsv('')).toEqual([]);
    expect(parseTsv('\r\n')).toEqual([['']]);
  });
});

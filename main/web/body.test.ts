import { describe, expect, it } from 'vitest';
import { toWire } from '../../shared/api';
import { parseWireBody } from './body';

const parse = (s: string, depth = 64) => parseWireBody(Buffer.from(s), depth);

describe('request bodies', () => {
  it('decodes byte fields as wire.ts writes them, and in any other spelling', () => {
    for (const n of [0, 1, 2, 3, 4, 5, 1000]) {
      const bytes = new Uint8Array(n).map((_, i) => (i * 37) & 255);
      const out = parse(toWire({ name: 'a "{[" b', bytes, nested: [{ bytes }] })) as {
        name: string;
        bytes: Uint8Array;
        nested: [{ bytes: Uint8Array }];
      };
      expect(out.name).toBe('a "{[" b');
      expect(Array.from(out.bytes)).toEqual(Array.from(bytes));
      expect(Array.from(out.nested[0].bytes)).toEqual(Array.from(bytes));
    }
    expect(Array.from((parse('{"b": { "$bytes" : "AQID" }}') as { b: Uint8Array }).b)).toEqual([1, 2, 3]);
    expect(parse('')).toEqual({});
  });

  it('refuses bad base64, bad JSON and nesting deeper than the limit', () => {
    expect(() => parse('{"b":{"$bytes":"A*=="}}')).toThrow(expect.objectContaining({ status: 400 }));
    expect(() => parse('{"a":')).toThrow(expect.objectContaining({ status: 400, code: 'bad_request' }));
    expect(() => parse('['.repeat(65) + ']'.repeat(65))).toThrow(
      expect.objectContaining({ status: 400, code: 'too_deep' }),
    );
    expect(parse('['.repeat(64) + ']'.repeat(64))).toBeInstanceOf(Array);
    // Brackets inside strings do not count.
    expect(parse(JSON.stringify({ s: '['.repeat(500) }))).toEqual({ s: '['.repeat(500) });
  });
});

import { describe, expect, it } from 'vitest';
import { fromWire, toWire } from './wire';

class BufferLike extends Uint8Array {
  toJSON() {
    return { type: 'Buffer', data: Array.from(this) };
  }
}

describe('wire format', () => {
  it('carries bytes as base64, also for Uint8Array subclasses with toJSON (Node Buffer)', () => {
    const text = toWire({ a: new BufferLike([1, 2, 250]), b: [new Uint8Array([7])] });
    expect(JSON.parse(text)).toEqual({ a: { $bytes: 'AQL6' }, b: [{ $bytes: 'Bw==' }] });
    const back = fromWire(text) as { a: Uint8Array; b: Uint8Array[] };
    expect(back.a).toBeInstanceOf(Uint8Array);
    expect(Array.from(back.a)).toEqual([1, 2, 250]);
    expect(Array.from(back.b[0]!)).toEqual([7]);
  });

  it('carries bytes at the top level too', () => {
    expect(Array.from(fromWire(toWire(new BufferLike([9, 8]))) as Uint8Array)).toEqual([9, 8]);
  });
});

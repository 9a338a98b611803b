import { describe, expect, it } from 'vitest';
import { clampSplit, parseLayout } from './ui';

describe('remembered layout', () => {
  it('reads back what was saved', () => {
    const saved = { split: 0.35, thumbnails: false, zoom: { kind: 'percent', value: 1.5 } };
    expect(parseLayout(JSON.stringify(saved))).toEqual(saved);
    expect(parseLayout(JSON.stringify({ split: 0.6, thumbnails: true, zoom: { kind: 'fit-page' } })).zoom).toEqual({
      kind: 'fit-page',
    });
  });

  it('repairs missing, out-of-range or foreign values field by field', () => {
    expect(parseLayout(null)).toEqual({ split: 0.4, thumbnails: true, zoom: { kind: 'fit-width' } });
    expect(parseLayout('not json').split).toBe(0.4);
    const repaired = parseLayout(JSON.stringify({ split: 3, thumbnails: 'yes', zoom: { kind: 'percent', value: 90 } }));
    expect(repaired).toEqual({ split: 0.8, thumbnails: true, zoom: { kind: 'percent', value: 5 } });
    expect(parseLayout(JSON.stringify({ zoom: { kind: 'spin' } })).zoom).toEqual({ kind: 'fit-width' });
  });

  it('keeps both panes usable', () => {
    expect(clampSplit(0.05)).toBe(0.2);
    expect(clampSplit(Number.NaN)).toBe(0.4);
  });
});

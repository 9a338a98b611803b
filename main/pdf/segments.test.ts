import { describe, expect, it } from 'vitest';
import { mergeSegments, PathCollector } from './segments';

const I: [number, number, number, number, number, number] = [1, 0, 0, 1, 0, 0];

describe('ruling segments', () => {
  it('joins per-cell border pieces on one line and snaps half-point offsets', () => {
    const merged = mergeSegments([
      { x0: 10, y0: 100, x1: 50, y1: 100 },
      { x0: 50.5, y0: 100.4, x1: 90, y1: 100.4 },
      { x0: 200, y0: 100, x1: 240, y1: 100 },
    ]);
    const h = merged.filter((s) => s.y0 === s.y1);
    expect(h).toHaveLength(2);
    expect(h[0]).toMatchObject({ x0: 10, x1: 90 });
  });

  it('reads thin filled rectangles as lines and keeps larger fills as shading', () => {
    const c = new PathCollector();
    // moveTo/lineTo/close rectangle paths: 0 x y, 1 x y, 4
    const rect = (x: number, y: number, w: number, h: number) => [
      0,
      x,
      y,
      1,
      x + w,
      y,
      1,
      x + w,
      y + h,
      1,
      x,
      y + h,
      4,
    ];
    c.addPath(rect(10, 100, 200, 0.5), I, 'fill', 1);
    c.addPath(rect(10, 100, 0.5, 80), I, 'fill', 1);
    c.addPath(rect(10, 100, 100, 20), I, 'fill', 1);
    expect(c.lines).toHaveLength(2);
    expect(c.rects).toEqual([[10, 100, 110, 120]]);
  });

  it('turns a stroked rectangle into four edges and applies the transform', () => {
    const c = new PathCollector();
    c.addPath([0, 0, 0, 1, 10, 0, 1, 10, 5, 1, 0, 5, 4], [2, 0, 0, 2, 100, 100], 'stroke', 0.5);
    const segs = mergeSegments(c.lines);
    expect(segs).toHaveLength(4);
    expect(segs).toContainEqual({ x0: 100, y0: 100, x1: 120, y1: 100 });
    expect(segs).toContainEqual({ x0: 120, y0: 100, x1: 120, y1: 110 });
  });

  it('ignores curves (rounded boxes, circles)', () => {
    const c = new PathCollector();
    c.addPath([0, 0, 0, 2, 1, 1, 2, 2, 3, 3], I, 'stroke', 1);
    expect(c.lines).toHaveLength(0);
  });
});

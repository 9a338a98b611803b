import { describe, expect, it } from 'vitest';
import { detectRulings, dropCollinearPieces, estimateSkew, withoutTextStrokes, type GrayImage } from './rulings';

function blank(w: number, h: number): GrayImage {
  return { data: new Uint8Array(w * h).fill(255), width: w, height: h };
}
function ink(img: GrayImage, x: number, y: number): void {
  const xi = Math.round(x);
  const yi = Math.round(y);
  if (xi >= 0 && yi >= 0 && xi < img.width && yi < img.height) img.data[yi * img.width + xi] = 20;
}
/** Deterministic speckle, as a scanner leaves. */
function speckle(img: GrayImage, n: number): void {
  let s = 12345;
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    img.data[s % img.data.length] = 30;
  }
}

describe('ruling detection', () => {
  it('finds the grid of a table drawn with 2 px lines, through noise and small breaks, and ignores text strokes', () => {
    const img = blank(600, 400);
    const rows = [50, 120, 190, 260, 330];
    const cols = [40, 200, 380, 560];
    for (const y of rows)
      for (let x = 40; x <= 560; x++)
        if (x % 97 !== 0) {
          ink(img, x, y);
          ink(img, x, y + 1);
        }
    for (const x of cols)
      for (let y = 50; y <= 331; y++)
        if (y % 89 !== 0) {
          ink(img, x, y);
          ink(img, x + 1, y);
        }
    // A "一" stroke and a digit-sized blob: shorter than a ruling.
    for (let x = 60; x < 80; x++) ink(img, x, 85);
    for (let y = 140; y < 160; y++) ink(img, 250, y);
    speckle(img, 800);
    const lines = detectRulings(img, { minLength: 60, maxGap: 3, maxThickness: 6 });
    const h = lines.filter((l) => l.y0 === l.y1).sort((a, b) => a.y0 - b.y0);
    const v = lines.filter((l) => l.x0 === l.x1).sort((a, b) => a.x0 - b.x0);
    expect(h.map((l) => Math.round(l.y0))).toEqual(rows.map((y) => Math.round(y + 0.5)));
    expect(v.map((l) => Math.round(l.x0))).toEqual(cols.map((x) => Math.round(x + 0.5)));
    for (const l of h) expect([l.x0, l.x1]).toEqual([40, 561]);
    for (const l of v) expect(l.y1 - l.y0).toBeGreaterThan(270);
  });

  it('skips thick filled bands (shading, photos), which are not rulings', () => {
    const img = blank(300, 100);
    for (let y = 20; y < 60; y++) for (let x = 10; x < 290; x++) ink(img, x, y);
    expect(detectRulings(img, { minLength: 50, maxThickness: 6 }).filter((l) => l.y0 === l.y1)).toEqual([]);
  });
});

describe('skew estimation', () => {
  it('recovers the angle of a page of tilted lines', () => {
    for (const deg of [0.7, -1.2, 0]) {
      const img = blank(800, 600);
      const t = Math.tan((deg * Math.PI) / 180);
      for (let y = 60; y < 560; y += 40) for (let x = 50; x < 750; x++) if (x % 13 < 9) ink(img, x, y + x * t);
      speckle(img, 500);
      const est = (estimateSkew(img) * 180) / Math.PI;
      expect(Math.abs(est - deg)).toBeLessThan(0.11);
    }
  });
});

describe('ruling candidates', () => {
  it('keeps a rule with paper beside it and drops a run of text strokes with ink above and below', () => {
    const img = blank(400, 100);
    for (let x = 20; x <= 380; x++) ink(img, x, 20); // a rule
    for (let x = 20; x <= 380; x++) {
      ink(img, x, 60); // strokes of a bold line of text joined into one run…
      if (x % 6 < 3) {
        // …with the characters' other strokes just above and below
        for (let d = 2; d <= 5; d++) {
          ink(img, x, 60 - d);
          ink(img, x, 60 + d);
        }
      }
    }
    const lines = [
      { x0: 20, x1: 380, y0: 20, y1: 20, thickness: 1 },
      { x0: 20, x1: 380, y0: 60, y1: 60, thickness: 1 },
    ];
    expect(withoutTextStrokes(img, lines).map((l) => l.y0)).toEqual([20]);
  });

  it('takes a piece lying along a longer rule as that rule', () => {
    const out = dropCollinearPieces([
      { x0: 10, x1: 500, y0: 100, y1: 100, thickness: 1 },
      { x0: 300, x1: 400, y0: 101.5, y1: 101.5, thickness: 1 },
      { x0: 10, x1: 500, y0: 140, y1: 140, thickness: 1 },
      { x0: 10, x1: 10, y0: 100, y1: 140, thickness: 1 },
    ]);
    expect(out).toHaveLength(3);
    expect(out.filter((l) => l.y0 === l.y1).map((l) => [l.x0, l.x1])).toEqual([
      [10, 500],
      [10, 500],
    ]);
  });

  it('joins overlapping pieces a pixel apart into one rule spanning them', () => {
    const out = dropCollinearPieces([
      { x0: 10, x1: 300, y0: 100, y1: 100, thickness: 1 },
      { x0: 250, x1: 500, y0: 101, y1: 101, thickness: 1 },
    ]);
    expect(out).toHaveLength(1);
    expect([out[0]!.x0, out[0]!.x1]).toEqual([10, 500]);
  });
});

import { describe, expect, it } from 'vitest';
import { boxesFromProbMap, ctcDecode, cutAlongVerticals, mergeLineBoxes, type TextBox } from './ppocr';

describe('CTC decoding', () => {
  it('takes the best class per step, collapses repeats, drops blanks, keeps positions and probabilities', () => {
    const dict = ['8', '6', '.', '5', '3'];
    const classes = dict.length + 2; // blank + dictionary + space
    // Steps: 8 8 _ 6 _ 6 . 5 3 _
    const seq = [1, 1, 0, 2, 0, 2, 3, 4, 5, 0];
    const probs = new Float32Array(seq.length * classes);
    seq.forEach((c, t) => {
      probs[t * classes + c] = t === 7 ? 0.6 : 0.99;
    });
    const d = ctcDecode(probs, seq.length, classes, dict);
    expect(d.text).toBe('866.53');
    expect(d.chars.map((c) => c.at)).toEqual([0.05, 0.35, 0.55, 0.65, 0.75, 0.85]);
    expect(Math.min(...d.chars.map((c) => c.p))).toBeCloseTo(0.6, 5);
    expect(d.confidence).toBeCloseTo((0.99 * 5 + 0.6) / 6, 5);
  });
});

function mapWith(w: number, h: number, rects: Array<[number, number, number, number, number]>): Float32Array {
  const m = new Float32Array(w * h);
  for (const [x0, y0, x1, y1, p] of rects) for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) m[y * w + x] = p;
  return m;
}

describe('DB boxes', () => {
  it('finds each text region, grows it by the unclip margin, drops faint regions and specks', () => {
    const m = mapWith(200, 60, [
      [10, 10, 90, 16, 0.9],
      [110, 10, 180, 16, 0.4], // above the pixel threshold, below the box threshold
      [10, 40, 11, 41, 0.95], // a speck
    ]);
    const boxes = boxesFromProbMap(m, 200, 60);
    expect(boxes).toHaveLength(1);
    const b = boxes[0]!;
    expect(b.x0).toBeLessThan(10);
    expect(b.x1).toBeGreaterThan(90);
    expect(b.y0).toBeLessThan(10);
    expect(b.y1).toBeGreaterThan(16);
    expect(b.score).toBeCloseTo(0.9, 5);
  });

  it('keeps a thin 一 (one pixel high in the shrunk map)', () => {
    const boxes = boxesFromProbMap(mapWith(100, 40, [[20, 20, 34, 21, 0.9]]), 100, 40);
    expect(boxes).toHaveLength(1);
  });

  it('cuts a region in two along a vertical ruling', () => {
    const m = mapWith(200, 40, [[10, 10, 190, 18, 0.9]]);
    cutAlongVerticals(m, 200, 40, [{ x: 100, y0: 0, y1: 40 }], 1);
    expect(boxesFromProbMap(m, 200, 40)).toHaveLength(2);
  });
});

describe('joining boxes of one line', () => {
  const box = (x0: number, y0: number, x1: number, y1: number): TextBox => ({ x0, y0, x1, y1, score: 0.9 });
  it('joins a leading 二、 to its label, keeps column gaps, never joins across a ruling, drops specks inside', () => {
    const out = mergeLineBoxes(
      [
        box(100, 100, 130, 128), // 二、
        box(134, 101, 260, 127), // 政府性基金预算
        box(400, 100, 460, 128), // an amount a column away
        box(470, 100, 530, 128), // the next cell's amount, behind a ruling at 465
        box(200, 108, 206, 118), // a speck within the label
      ],
      [{ x: 465, y0: 50, y1: 200 }],
    );
    expect(out.map((b) => [b.x0, b.x1])).toEqual([
      [100, 260],
      [400, 460],
      [470, 530],
    ]);
  });
});

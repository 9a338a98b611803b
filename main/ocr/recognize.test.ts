import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { columnGaps, isSpeck, runsFromLines, splitAtRulings, type OcrLine } from './recognize';
import { ocrPages } from './scheduler';

const word = (text: string, x0: number, y0: number, x1: number, y1: number, confidence = 90) => ({
  text,
  confidence,
  bbox: { x0, y0, x1, y1 },
});

describe('words to runs', () => {
  it('joins single Chinese characters into one run, splits at column gaps, converts to PDF user space', () => {
    // 300 dpi: scale 300/72; page 800 pt tall.
    const scale = 300 / 72;
    const lines: OcrLine[] = [
      {
        words: [
          word('一', 100, 200, 140, 240),
          word('般', 142, 200, 182, 240),
          word('公', 186, 200, 226, 240),
          word('共', 228, 200, 268, 240),
          word('8O6,53', 900, 208, 1010, 238),
        ],
      },
      { words: [word('合', 100, 300, 140, 340), word('计', 144, 300, 184, 340), word('.', 400, 330, 404, 334, 10)] },
    ];
    const runs = runsFromLines(lines, scale, 800);
    expect(runs.map((r) => r.str)).toEqual(['一般公共', '806.53', '合计']);
    const [a, b] = runs;
    expect(a!.x0).toBeCloseTo(100 / scale, 1);
    expect(a!.x1).toBeCloseTo(268 / scale, 1);
    // Origin bottom-left: a word 200–240 px from the top sits near 800 − 52.8 pt.
    expect((a!.y0 + a!.y1) / 2).toBeCloseTo(800 - 220 / scale, 1);
    // The amount shares the line's size and centre band, so the engine groups it with its label.
    expect(b!.fontSize).toBeCloseTo(a!.fontSize, 1);
    expect(Math.abs((b!.y0 + b!.y1) / 2 - (a!.y0 + a!.y1) / 2)).toBeLessThan(2);
  });
});

describe('splitting at rulings', () => {
  it('cuts a recognised line where a vertical ruling crosses it, by character positions, one line per part', () => {
    const chars = [...'866.53一、一般'].map((ch, i) => ({ ch, x: 105 + i * 10, confidence: 99 }));
    const lines: OcrLine[] = [
      { words: [{ text: '866.53一、一般', confidence: 99, bbox: { x0: 100, y0: 10, x1: 200, y1: 30 }, chars }] },
    ];
    const out = splitAtRulings(lines, [{ x: 162, y0: 0, y1: 100 }]);
    expect(out.map((l) => l.words.map((w) => w.text))).toEqual([['866.53'], ['一、一般']]);
    // Each part ends where its characters do, on its own side of the ruling.
    expect(out[0]!.words[0]!.bbox.x1).toBeLessThanOrEqual(162);
    expect(out[0]!.words[0]!.bbox.x1).toBeGreaterThan(155);
    expect(out[1]!.words[0]!.bbox.x0).toBeGreaterThanOrEqual(162);
    // A ruling that does not reach the line's height cuts nothing.
    expect(splitAtRulings(lines, [{ x: 162, y0: 40, y1: 100 }])).toEqual(lines);
  });
});

describe('specks', () => {
  it('drops short reads the recogniser is unsure of, keeps confident short cells and long lines', () => {
    const w = (text: string, confidence: number) => ({ text, confidence, bbox: { x0: 0, y0: 0, x1: 10, y1: 10 } });
    expect(isSpeck(w('R', 40))).toBe(true);
    expect(isSpeck(w('饭', 70))).toBe(true);
    expect(isSpeck(w('合计', 99))).toBe(false);
    expect(isSpeck(w('0', 97))).toBe(false);
    expect(isSpeck(w('一般公共服务支出', 80))).toBe(false);
  });
});

describe('column gaps inside a recognised line', () => {
  it('finds the space between a code and its name, not the spacing of the name itself', () => {
    // Box 40 px high: ink ~30 px, Chinese one em apart, the code's digits half an em.
    const chars = [
      ...[...'201'].map((ch, i) => ({ ch, x: 108 + i * 16, confidence: 99 })),
      ...[...'一般公共'].map((ch, i) => ({ ch, x: 240 + i * 31, confidence: 99 })),
    ];
    const gaps = columnGaps({ text: '201一般公共', confidence: 99, bbox: { x0: 100, y0: 0, x1: 360, y1: 40 }, chars });
    expect(gaps).toHaveLength(1);
    expect(gaps[0]).toBeGreaterThan(148);
    expect(gaps[0]).toBeLessThan(225);
  });
  it('parts an amount from the label that follows it at a narrower space', () => {
    const chars = [
      ...[...'866.53'].map((ch, i) => ({ ch, x: 108 + i * 16, confidence: 99 })),
      ...[...'一、一般'].map((ch, i) => ({ ch, x: 228 + i * 31, confidence: 99 })),
    ];
    const word = { text: '866.53一、一般', confidence: 99, bbox: { x0: 100, y0: 0, x1: 340, y1: 40 }, chars };
    expect(columnGaps(word)).toHaveLength(1);
    // The same space inside a label is no gap.
    const label = [...'一般公共'].map((ch, i) => ({ ch, x: 108 + i * 31 + (i === 2 ? 12 : 0), confidence: 99 }));
    expect(columnGaps({ ...word, text: '一般公共', chars: label })).toHaveLength(0);
  });
});

describe('a small scanned table (PP-OCR in its worker)', () => {
  it('reads the cells, the amounts and the rulings of a 150-dpi scan crop', async () => {
    const bytes = new Uint8Array(
      readFileSync(path.resolve(import.meta.dirname, '../../test-fixtures/ocr/scan-cells.pdf')),
    );
    const progress: number[] = [];
    const [res] = await ocrPages(bytes, [1], { onPage: (d) => progress.push(d) });
    expect(progress).toEqual([1]);
    const page = res!.content;
    expect(page.hasImages).toBe(true);
    const texts = page.runs.map((r) => r.str.replace(/\s+/gu, ''));
    for (const t of ['866.53', '838.21', '一、一般公共服务支出', '二、政府性基金预算', '当年预算安排'])
      expect(texts).toContain(t);
    for (const r of page.runs) {
      expect(r.x0).toBeGreaterThanOrEqual(0);
      expect(r.x1).toBeLessThanOrEqual(page.width);
      expect(r.y0).toBeGreaterThanOrEqual(0);
      expect(r.y1).toBeLessThanOrEqual(page.height);
    }
    const h = page.segments.filter((s) => s.y0 === s.y1);
    const v = page.segments.filter((s) => s.x0 === s.x1);
    expect(h.length).toBeGreaterThanOrEqual(5);
    expect(new Set(v.map((s) => Math.round(s.x0 / 5))).size).toBeGreaterThanOrEqual(5);
    for (const s of v) expect(s.y0).toBeLessThan(s.y1);
    // Clean print: every word read with high confidence.
    expect(Math.min(...res!.boxes.map((b) => b.confidence))).toBeGreaterThan(0.8);
  }, 60_000);
});

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runsFromLines, type OcrLine } from './recognize';
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

describe('a scanned corpus page', () => {
  it('reads the amounts and rulings of the 收支总表 page of the cz2023 scan', async () => {
    const bytes = new Uint8Array(
      readFileSync(path.resolve(import.meta.dirname, '../../test-fixtures/corpus/cz2023-budget-scan.pdf')),
    );
    const progress: number[] = [];
    const [page] = await ocrPages(bytes, [3], { workers: 1, onPage: (d) => progress.push(d) });
    expect(progress).toEqual([1]);
    expect(page!.hasImages).toBe(true);
    const texts = page!.runs.map((r) => r.str.replace(/\s+/gu, ''));
    // Amounts printed in the truth for 2023年预算收支总表.
    for (const amount of ['866.53', '838.21', '10.29']) expect(texts).toContain(amount);
    expect(texts.some((t) => t.includes('一般公共服务支出'))).toBe(true);
    for (const r of page!.runs) {
      expect(r.x0).toBeGreaterThanOrEqual(0);
      expect(r.x1).toBeLessThanOrEqual(page!.width);
      expect(r.y0).toBeGreaterThanOrEqual(0);
      expect(r.y1).toBeLessThanOrEqual(page!.height);
    }
    // The table is ruled: many horizontal rows and at least the outer and inner column lines.
    const h = page!.segments.filter((s) => s.y0 === s.y1);
    const v = page!.segments.filter((s) => s.x0 === s.x1);
    expect(h.length).toBeGreaterThan(30);
    expect(new Set(v.map((s) => Math.round(s.x0 / 5))).size).toBeGreaterThanOrEqual(5);
  }, 90_000);
});

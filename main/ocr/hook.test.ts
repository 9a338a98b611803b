import { describe, expect, it } from 'vitest';
import type { ExtractedDocument } from '../../shared/model';
import { markOcrCells, ocrCellFactor } from './hook';

const cell = (text: string, bbox: [number, number, number, number]) => ({
  text,
  value: null,
  page: 3,
  bbox,
  confidence: 1,
});

describe('confidence of cells read by OCR', () => {
  it('follows the weakest character: clean reads stay above the low mark (0.8), doubtful ones fall below', () => {
    expect(ocrCellFactor(1)).toBeGreaterThan(0.9);
    expect(ocrCellFactor(0.99)).toBeGreaterThan(0.8);
    expect(ocrCellFactor(0.7)).toBeLessThan(0.8);
    expect(ocrCellFactor(null)).toBeLessThan(0.8);
  });

  it('scores each cell by the words under it, marks the cells "ocr" and notes the page', () => {
    const doc = {
      tables: [
        {
          rows: [
            {
              cells: [
                cell('866.53', [100, 500, 150, 512]),
                cell('838.21', [200, 500, 250, 512]),
                cell('', [300, 500, 350, 512]),
              ],
            },
          ],
        },
      ],
      notices: [{ page: 3, code: 'image-only', message: 'x' }],
    } as unknown as ExtractedDocument;
    markOcrCells(doc, {
      pages: new Set([3]),
      boxes: new Map([
        [
          3,
          [
            { x0: 101, y0: 501, x1: 149, y1: 511, text: '866.53', confidence: 0.999 },
            { x0: 201, y0: 501, x1: 249, y1: 511, text: '838.21', confidence: 0.55 },
          ],
        ],
      ]),
    });
    const [a, b, blank] = doc.tables[0]!.rows[0]!.cells;
    expect(a!.confidence).toBeGreaterThan(0.9);
    expect(b!.confidence).toBeLessThan(0.8);
    expect(blank!.confidence).toBe(1);
    expect(a!.repairs).toEqual(['ocr']);
    expect(doc.notices!.map((n) => n.code)).toEqual(['ocr']);
  });
});

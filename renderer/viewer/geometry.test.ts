import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { displaySpace } from '../../shared/geometry/page-space';
import {
  PDF_TO_CSS,
  cssPointToPdf,
  cssRectToPdfBox,
  currentPageIndex,
  layoutPages,
  nextZoom,
  pageTransform,
  pdfBoxToCss,
  resolveZoom,
  scrollTargetFor,
  visibleRange,
  type Transform,
} from './geometry';

const SAMPLE = path.resolve(import.meta.dirname, '../../resources/samples/qz2024-budget-ruled.pdf');

describe('zoom', () => {
  it('fit width and fit page follow the view and the page', () => {
    const a4 = { width: 595, height: 842 };
    const fw = resolveZoom({ kind: 'fit-width' }, a4, { width: 800, height: 600 });
    expect(fw * a4.width * PDF_TO_CSS).toBeCloseTo(800 - 24, 5);
    const fp = resolveZoom({ kind: 'fit-page' }, a4, { width: 800, height: 600 });
    expect(fp * a4.height * PDF_TO_CSS).toBeCloseTo(600 - 24, 5);
    expect(resolveZoom({ kind: 'percent', value: 40 }, a4, { width: 1, height: 1 })).toBe(5);
  });

  it('steps through the usual zoom levels', () => {
    expect(nextZoom(1, 1)).toBe(1.1);
    expect(nextZoom(1, -1)).toBe(0.9);
    expect(nextZoom(1.03, -1)).toBe(1);
    expect(nextZoom(4, 1)).toBe(5);
  });
});

describe('page layout and visibility', () => {
  const sizes = Array.from({ length: 194 }, (_, i) =>
    i % 3 === 2 ? { width: 842, height: 595 } : { width: 595, height: 842 },
  );
  const { boxes, height, width } = layoutPages(sizes, 1, 1000);

  it('stacks pages with gaps and centres them', () => {
    expect(boxes[0]!.top).toBe(12);
    expect(boxes[1]!.top).toBe(boxes[0]!.top + boxes[0]!.height + 12);
    expect(width).toBe(boxes[2]!.width + 24); // the widest (landscape) page sets the width
    expect(boxes[0]!.left).toBe(Math.round((width - boxes[0]!.width) / 2));
    expect(height).toBe(boxes[193]!.top + boxes[193]!.height + 12);
  });

  it('finds only the pages that intersect the view', () => {
    expect(visibleRange(boxes, 0, 800)).toEqual([0, 0]);
    const mid = boxes[100]!;
    const [first, last] = visibleRange(boxes, mid.top + 10, 900);
    expect(first).toBe(100);
    expect(last).toBeGreaterThanOrEqual(100);
    expect(last - first).toBeLessThanOrEqual(2);
    expect(currentPageIndex(boxes, mid.top + 10, 900)).toBe(100);
  });

  it('scrolls a box to the middle of the view', () => {
    const page = boxes[5]!;
    expect(scrollTargetFor(page, { left: 0, top: 300, width: 10, height: 20 }, 600)).toBe(page.top + 310 - 300);
    expect(scrollTargetFor(page, null, 600)).toBe(page.top - 12);
  });
});

describe('PDF ↔ page pixels', () => {
  it('agrees with pdf.js viewports, including rotation', async () => {
    const doc = await pdfjs.getDocument({ data: new Uint8Array(readFileSync(SAMPLE)), verbosity: 0 }).promise;
    const page = await doc.getPage(1);
    for (const rotation of [0, 90, 180, 270]) {
      const vp = page.getViewport({ scale: 1.5, rotation });
      const t = vp.transform as unknown as Transform;
      const bbox: [number, number, number, number] = [100, 200, 250, 230];
      const [a, b, c, d] = vp.convertToViewportRectangle(bbox);
      const want = {
        left: Math.min(a!, c!),
        top: Math.min(b!, d!),
        width: Math.abs(c! - a!),
        height: Math.abs(d! - b!),
      };
      const got = pdfBoxToCss(t, bbox);
      for (const k of ['left', 'top', 'width', 'height'] as const) expect(got[k]).toBeCloseTo(want[k], 6);
      const [px, py] = cssPointToPdf(t, 40, 70);
      const [qx, qy] = vp.convertToPdfPoint(40, 70);
      expect(px).toBeCloseTo(qx, 6);
      expect(py).toBeCloseTo(qy, 6);
      // A dragged rectangle comes back as the box it was drawn from.
      expect(cssRectToPdfBox(t, got.left + got.width, got.top, got.left, got.top + got.height)).toEqual(bbox);
    }
    await doc.destroy();
  });
});

describe('page space of a rotated page', () => {
  it('is the page as displayed: a box in the extractor’s display space lands where pdf.js draws the user-space box', async () => {
    const doc = await pdfjs.getDocument({ data: new Uint8Array(readFileSync(SAMPLE)), verbosity: 0 }).promise;
    const page = await doc.getPage(1);
    const user: [number, number, number, number] = [100, 200, 250, 230];
    for (const rotation of [90, 180, 270]) {
      const vp = page.getViewport({ scale: 1.5, rotation });
      const m = displaySpace(rotation, page.view as [number, number, number, number]);
      const at = (x: number, y: number) => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]] as const;
      const [x0, y0] = at(user[0], user[1]);
      const [x1, y1] = at(user[2], user[3]);
      const shown: [number, number, number, number] = [
        Math.min(x0, x1),
        Math.min(y0, y1),
        Math.max(x0, x1),
        Math.max(y0, y1),
      ];
      const want = pdfBoxToCss(vp.transform as unknown as Transform, user);
      const got = pdfBoxToCss(pageTransform(vp), shown);
      for (const k of ['left', 'top', 'width', 'height'] as const) expect(got[k]).toBeCloseTo(want[k], 6);
    }
    await doc.destroy();
  });
});

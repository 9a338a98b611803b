import type { BBox, Cell, ExtractedDocument } from '../../shared/model';
import type { PageContent } from '../pdf/types';
import type { OcrBox } from './recognize';
import { ocrPages } from './scheduler';

/** What OCR read: the pages it replaced and, per page, the recogniser's word boxes with their scores. */
export interface OcrReading {
  pages: Set<number>;
  boxes: Map<number, OcrBox[]>;
}

/** Pages with no text that paint an image: scans, the only pages OCR is spent on. */
export function imageOnlyPages(pages: PageContent[]): number[] {
  return pages.filter((p) => p.runs.length === 0 && p.hasImages).map((p) => p.page);
}

/**
 * Replaces the image-only pages (no text, paints images) among `pages` with their OCR reading, in place. Pages with
 * a text layer are never rendered or recognised.
 */
export async function ocrImageOnlyPages(
  bytes: Uint8Array,
  pages: PageContent[],
  onPage?: (done: number, total: number) => void,
  threads?: number,
): Promise<OcrReading> {
  const read = await ocrPages(bytes, imageOnlyPages(pages), { onPage, threads });
  const byPage = new Map(read.map((r) => [r.content.page, r]));
  for (let i = 0; i < pages.length; i++) {
    const r = byPage.get(pages[i]!.page);
    if (r) pages[i] = r.content;
  }
  const found = read.filter((r) => r.content.runs.length > 0);
  return {
    pages: new Set(found.map((r) => r.content.page)),
    boxes: new Map(found.map((r) => [r.content.page, r.boxes])),
  };
}

/**
 * How far a cell read by OCR is trusted, from the recogniser's score of its weakest character (0–1): a clean read
 * (≥ 0.97) keeps the engine's confidence, a character the model hesitated on (< ~0.85) drops the cell below the
 * reviewer's low-confidence mark (0.8), and a cell with no recognised word under it gets 0.6.
 */
export function ocrCellFactor(weakest: number | null): number {
  if (weakest === null) return 0.6;
  return Math.round(Math.min(1, Math.max(0, (weakest - 0.4) / 0.57)) * 1000) / 1000;
}

function overlaps(b: BBox, w: OcrBox): boolean {
  const ix = Math.min(b[2], w.x1) - Math.max(b[0], w.x0);
  const iy = Math.min(b[3], w.y1) - Math.max(b[1], w.y0);
  return ix > 0 && iy > 0 && ix * iy > 0.3 * Math.max(1e-6, (w.x1 - w.x0) * (w.y1 - w.y0));
}

function cellFactor(c: Cell, boxes: OcrBox[] | undefined): number {
  if (!c.bbox || !boxes) return ocrCellFactor(null);
  const under = boxes.filter((w) => overlaps(c.bbox!, w));
  if (under.length === 0) return ocrCellFactor(null);
  return ocrCellFactor(Math.min(...under.map((w) => w.confidence)));
}

/**
 * Marks every cell that came from an OCR page: repair "ocr", confidence scaled by the recogniser's score of the words
 * under the cell (doubtful reads show as low confidence), and notes the pages read so.
 */
export function markOcrCells(doc: ExtractedDocument, reading: OcrReading): ExtractedDocument {
  if (reading.pages.size === 0) return doc;
  for (const t of doc.tables)
    for (const r of t.rows)
      for (const c of r.cells) {
        if (c.page === null || !reading.pages.has(c.page)) continue;
        if (c.text !== '')
          c.confidence = Math.round(c.confidence * cellFactor(c, reading.boxes.get(c.page)) * 1000) / 1000;
        c.repairs = [...(c.repairs ?? []).filter((x) => x !== 'ocr'), 'ocr'];
      }
  const pages = new Set(reading.pages);
  doc.notices = [
    // The page is read now: "nothing can be read there without OCR" no longer holds.
    ...(doc.notices ?? []).filter((n) => !(n.code === 'image-only' && n.page !== null && pages.has(n.page))),
    ...[...pages]
      .sort((a, b) => a - b)
      .map((page) => ({
        page,
        code: 'ocr',
        message: `page ${page} is an image (a scan): its text was read by OCR, check amounts against the page`,
      })),
  ];
  return doc;
}

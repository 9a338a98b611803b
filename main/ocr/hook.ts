import type { ExtractedDocument } from '../../shared/model';
import type { PageContent } from '../pdf/types';
import { ocrPages } from './scheduler';

/** Confidence factor for cells read by OCR: a reviewer should check them before anything typed from a text layer. */
export const OCR_CONFIDENCE = 0.7;

/**
 * Replaces the image-only pages (no text, paints images) among `pages` with their OCR reading, in place.
 * Returns the page numbers that were read by OCR.
 */
export async function ocrImageOnlyPages(
  bytes: Uint8Array,
  pages: PageContent[],
  onPage?: (done: number, total: number) => void,
  workers?: number,
): Promise<Set<number>> {
  const scanned = pages.filter((p) => p.runs.length === 0 && p.hasImages).map((p) => p.page);
  const read = await ocrPages(bytes, scanned, { onPage, workers });
  const byPage = new Map(read.map((c) => [c.page, c]));
  for (let i = 0; i < pages.length; i++) {
    const c = byPage.get(pages[i]!.page);
    if (c) pages[i] = c;
  }
  return new Set(read.filter((c) => c.runs.length > 0).map((c) => c.page));
}

/** Marks every cell that came from an OCR page (lower confidence, repair "ocr") and notes the pages read so. */
export function markOcrCells(doc: ExtractedDocument, ocrPages: Set<number>): ExtractedDocument {
  if (ocrPages.size === 0) return doc;
  for (const t of doc.tables)
    for (const r of t.rows)
      for (const c of r.cells) {
        if (c.page === null || !ocrPages.has(c.page)) continue;
        c.confidence = Math.round(c.confidence * OCR_CONFIDENCE * 1000) / 1000;
        c.repairs = [...(c.repairs ?? []).filter((x) => x !== 'ocr'), 'ocr'];
      }
  const notices = doc.notices ?? [];
  for (const page of [...ocrPages].sort((a, b) => a - b))
    notices.push({
      page,
      code: 'ocr',
      message: `page ${page} is an image (a scan): its text was read by OCR, check amounts against the page`,
    });
  doc.notices = notices;
  return doc;
}

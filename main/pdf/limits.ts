/**
 * What one PDF may cost the process that reads it. Reading happens in worker threads with a V8 heap limit, so a
 * hostile or broken file (a header and hundreds of MB of zeros make pdfjs index "every object" at ~40× the file's
 * size; a page tree of millions of entries) ends that worker with `too-large`, not the host.
 *
 * - maxBytes 256 MB: the largest real disclosures seen (scanned final accounts of a whole county) are ~60 MB; four
 *   times that still leaves the host's memory bounded (the bytes are held by the caller, once shared with workers).
 * - maxPages 5,000: a department budget is 20–60 pages, a county's combined final accounts ~600.
 * - heapMb 768: reading the 194-page corpus document in one worker peaks at ~150 MB of heap; 768 MB leaves room
 *   for fonts of big scanned pages while a crafted file is stopped after a few seconds.
 * - idleMs 120 s: no page for two minutes means the reader is looping on a malformed structure.
 */
export interface PdfLimits {
  maxBytes: number;
  maxPages: number;
  heapMb: number;
  idleMs: number;
}

export const PDF_LIMITS: PdfLimits = {
  maxBytes: 200 * 1024 * 1024,
  maxPages: 5000,
  heapMb: 512,
  idleMs: 120_000,
};

/** The words every limit failure starts with (the UI and the CLI show them as they are). */
export const TOO_LARGE = 'PDF 过大或结构异常 / the PDF is too large or malformed';

export const mb = (n: number): string => `${Math.round(n / 1048576)} MB`;

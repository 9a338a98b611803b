/**
 * What one PDF may cost the process that reads it. Reading happens in worker threads with a V8 heap limit, so a
 * hostile or broken file (a header and hundreds of MB of zeros make pdfjs index "every object" at ~40× the file's
 * size; a page tree of millions of entries) ends that worker with `too-large`, not the host.
 *
 * - maxBytes 200 MB: the corpus's largest file (a scanned budget) is 4.8 MB and whole-county scanned final accounts
 *   run to ~60 MB; 200 MB leaves room for those while a refused upload or file costs the host nothing.
 * - maxPages 5,000: a department budget is 20–60 pages, a county's combined final accounts ~600.
 * - heapMb 384: the 194-page corpus document and the scanned one both read in one worker within a 64 MB heap;
 *   384 MB is 6× that, and it bounds what a crafted file costs the host (the heap, plus the file once shared).
 * - idleMs 120 s: no page for two minutes means the reader is looping on a malformed structure.
 * BRW_PDF_MAX_MB, BRW_PDF_MAX_PAGES and BRW_PDF_HEAP_MB in the environment override the first three.
 */
export interface PdfLimits {
  maxBytes: number;
  maxPages: number;
  heapMb: number;
  idleMs: number;
}

/** A positive number from the environment (tests and operators can lower a limit), else `fallback`. */
function fromEnv(name: string, fallback: number): number {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

export const PDF_LIMITS: PdfLimits = {
  maxBytes: fromEnv('BRW_PDF_MAX_MB', 200) * 1024 * 1024,
  maxPages: fromEnv('BRW_PDF_MAX_PAGES', 5000),
  heapMb: fromEnv('BRW_PDF_HEAP_MB', 384),
  idleMs: 120_000,
};

/** The words every limit failure starts with (the UI and the CLI show them as they are). */
export const TOO_LARGE = 'PDF 过大或结构异常 / the PDF is too large or malformed';

export const mb = (n: number): string => `${Math.round(n / 1048576)} MB`;

import os from 'node:os';
import { openPdf } from '../pdf/read';
import type { PageContent } from '../pdf/types';
import { ocrPage, tesseractOptions, type OcrLine, type OcrPageOptions, type Recognizer } from './recognize';

export interface OcrPagesOptions extends OcrPageOptions {
  /** Tesseract workers (default: the cores, at most 2 — recognition is CPU-bound and each worker holds ~100 MB). */
  workers?: number;
  onPage?: (done: number, total: number) => void;
}

interface TessWord {
  text: string;
  confidence: number;
  bbox: { x0: number; y0: number; x1: number; y1: number };
}
interface TessPage {
  blocks: Array<{ paragraphs: Array<{ lines: Array<{ words: TessWord[] }> }> }> | null;
}

/** A tesseract scheduler over `n` chi_sim workers, loaded from the npm data package (no network). */
export async function createRecognizer(n: number): Promise<{ recognize: Recognizer; close: () => Promise<void> }> {
  const T = (await import('tesseract.js')).default;
  const scheduler = T.createScheduler();
  const workers = await Promise.all(
    Array.from({ length: Math.max(1, n) }, () =>
      T.createWorker('chi_sim', T.OEM.LSTM_ONLY, { ...tesseractOptions(), cacheMethod: 'none' }),
    ),
  );
  for (const w of workers) {
    // Tables are scattered blocks of text; a fixed dpi keeps tesseract from guessing the scale.
    await w.setParameters({
      tessedit_pageseg_mode: T.PSM.SPARSE_TEXT,
      user_defined_dpi: '300',
      preserve_interword_spaces: '1',
    });
    scheduler.addWorker(w);
  }
  const recognize: Recognizer = async (png) => {
    const res = await scheduler.addJob('recognize', Buffer.from(png), {}, { blocks: true, text: false });
    const page = res.data as unknown as TessPage;
    const lines: OcrLine[] = [];
    for (const b of page.blocks ?? [])
      for (const p of b.paragraphs)
        for (const l of p.lines)
          lines.push({ words: l.words.map((wd) => ({ text: wd.text, confidence: wd.confidence, bbox: wd.bbox })) });
    return lines;
  };
  return { recognize, close: () => scheduler.terminate() as Promise<void> };
}

/**
 * OCR of the given pages of a PDF. Pages are rendered one after another on this thread while the workers recognise
 * earlier ones, so both cores stay busy; results come back in page order.
 */
export async function ocrPages(
  bytes: Uint8Array,
  pageNumbers: number[],
  opts: OcrPagesOptions = {},
): Promise<PageContent[]> {
  if (pageNumbers.length === 0) return [];
  const n = Math.min(opts.workers ?? Math.min(2, os.availableParallelism()), pageNumbers.length);
  const doc = await openPdf(bytes);
  const { recognize, close } = await createRecognizer(n);
  try {
    let done = 0;
    const jobs: Promise<PageContent>[] = [];
    const pending = new Set<Promise<unknown>>();
    for (const num of pageNumbers) {
      // Keep at most one rendered page waiting per worker: bitmaps at 300 dpi are ~35 MB each.
      while (pending.size > n) await Promise.race(pending);
      const page = await doc.getPage(num);
      const job = ocrPage(page, recognize, opts).then((c) => {
        page.cleanup();
        opts.onPage?.(++done, pageNumbers.length);
        return c;
      });
      const tracked = job.finally(() => pending.delete(tracked));
      pending.add(tracked);
      jobs.push(job);
    }
    return await Promise.all(jobs);
  } finally {
    await close();
    await doc.destroy();
  }
}

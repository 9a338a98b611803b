import { availableParallelism, loadavg } from 'node:os';
import { checkSize, readPagesLimited, workersAvailable } from './limited';
import { PDF_LIMITS, type PdfLimits } from './limits';
import { readPagesInThread, type ReadOptions } from './read';
import type { PageContent } from './types';

/**
 * Cores with nothing to do, at most 3. A worker has a fixed cost (its own module loading and font parsing), so on a
 * machine already busy with other work it only adds CPU time; it pays off when cores are idle.
 */
export function idleCores(): number {
  const idle = Math.floor(availableParallelism() - loadavg()[0]! - 0.5);
  return Math.max(0, Math.min(3, idle));
}

/**
 * readPages across threads, within the limits of limited.ts: one reader thread, plus `workers` more (default: the
 * idle cores) for long documents, each opening the document and taking chunks of pages from one queue. Where
 * worker threads cannot start (a bundle without the reader's sources) the pages are read in this thread, still
 * within the size and page-count limits.
 */
export async function readPagesParallel(
  bytes: Uint8Array,
  opts: ReadOptions & {
    workers?: number;
    /** Each page's content as soon as it is read (in no particular order), for callers that work page by page. */
    onContent?: (content: PageContent) => void;
    limits?: Partial<PdfLimits>;
  } = {},
): Promise<{ pages: PageContent[]; numPages: number }> {
  if (workersAvailable()) return readPagesLimited(bytes, { ...opts, extraWorkers: opts.workers ?? idleCores() });
  const limits = { ...PDF_LIMITS, ...opts.limits };
  checkSize(bytes, limits);
  const read = await readPagesInThread(bytes, { ...opts, maxPages: limits.maxPages });
  for (const p of read.pages) opts.onContent?.(p);
  return read;
}

import { existsSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { mapPdfError, PdfReadError, type PdfErrorCode } from './errors';
import { openPdf, readPage, type ReadOptions } from './read';
import type { PageContent } from './types';

/** Pages per hand-out: small enough to balance two threads, large enough that font caches stay warm. */
const CHUNK = 6;
/** Below this many pages a second thread costs more (its own pdfjs and font parsing) than it saves. */
const MIN_PAGES_FOR_WORKERS = 24;

type WorkerMsg =
  { type: 'ready' } | { type: 'page'; content: PageContent } | { type: 'error'; code: PdfErrorCode; message: string };

const ENTRY = new URL('./worker-entry.mjs', import.meta.url);

/** Whether worker threads can run the reader here (not inside a bundle that lacks the TypeScript sources). */
function workersAvailable(): boolean {
  try {
    return existsSync(fileURLToPath(ENTRY)) && existsSync(fileURLToPath(new URL('./read-worker.ts', import.meta.url)));
  } catch {
    return false;
  }
}

/**
 * Cores with nothing to do, at most 3. A worker has a fixed cost (its own module loading and font parsing), so on a
 * machine already busy with other work it only adds CPU time; it pays off when cores are idle.
 */
export function idleCores(): number {
  const idle = Math.floor(availableParallelism() - loadavg()[0]! - 0.5);
  return Math.max(0, Math.min(3, idle));
}

/**
 * readPages across threads: this thread and `workers` worker threads each open the document and take chunks of
 * pages from one queue. Falls back to this thread alone for short documents or when workers cannot start.
 */
export async function readPagesParallel(
  bytes: Uint8Array,
  opts: ReadOptions & {
    workers?: number;
    /** Each page's content as soon as it is read (in no particular order), for callers that work page by page. */
    onContent?: (content: PageContent) => void;
  } = {},
): Promise<{ pages: PageContent[]; numPages: number }> {
  const doc = await openPdf(bytes);
  const numPages = doc.numPages;
  const numbers = opts.pages ?? Array.from({ length: numPages }, (_, i) => i + 1);
  const graphics = opts.graphics ?? 'all';
  const wanted = opts.workers ?? idleCores();
  const nWorkers = numbers.length >= MIN_PAGES_FOR_WORKERS && workersAvailable() ? wanted : 0;
  const results = new Map<number, PageContent>();
  let next = 0;
  let failure: PdfReadError | null = null;
  const take = (): number[] => {
    const chunk = numbers.slice(next, next + CHUNK);
    next += chunk.length;
    return chunk;
  };
  const record = (c: PageContent) => {
    results.set(c.page, c);
    opts.onPage?.(results.size, numbers.length);
    opts.onContent?.(c);
  };
  const workers: Worker[] = [];
  const workerDone: Array<Promise<void>> = [];
  for (let i = 0; i < nWorkers; i++) {
    let worker: Worker;
    try {
      worker = new Worker(ENTRY, { workerData: { bytes, graphics } });
    } catch {
      break;
    }
    workers.push(worker);
    workerDone.push(
      new Promise<void>((resolve) => {
        const stop = () => {
          worker.postMessage({ type: 'stop' });
          resolve();
        };
        worker.on('message', (msg: WorkerMsg) => {
          if (msg.type === 'page') record(msg.content);
          else if (msg.type === 'error') {
            failure ??= new PdfReadError(msg.code, msg.message);
            stop();
          } else {
            const chunk = failure ? [] : take();
            if (chunk.length) worker.postMessage({ type: 'chunk', pages: chunk });
            else stop();
          }
        });
        // A worker that dies (no loader, out of memory) leaves its pages to this thread: they are re-queued below.
        worker.on('error', () => resolve());
        worker.on('exit', () => resolve());
      }),
    );
  }
  try {
    for (let chunk = take(); chunk.length && !failure; chunk = take())
      for (const n of chunk) {
        if (n < 1 || n > numPages)
          throw new PdfReadError('corrupt', `page ${n} does not exist (document has ${numPages})`);
        record(await readPage(doc, n, graphics));
        // pdfjs reads a page in promise callbacks only: without a turn of the event loop between pages, nothing
        // else runs — the progress and tables the host streams to the screen (issue 13) went out all at the end.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    await Promise.all(workerDone);
    if (failure) throw failure;
    // Pages a failed worker had taken but never returned.
    for (const n of numbers) if (!results.has(n)) record(await readPage(doc, n, graphics));
    return { pages: numbers.map((n) => results.get(n)!), numPages };
  } catch (err) {
    throw mapPdfError(err);
  } finally {
    await Promise.all(workers.map((w) => w.terminate().catch(() => 0)));
    await doc.destroy();
  }
}

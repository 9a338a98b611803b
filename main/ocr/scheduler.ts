import { existsSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { openPdf } from '../pdf/read';
import { createPpOcr, type PpOcrOptions, type RecognizeHints } from './ppocr';
import { toGray } from './image';
import {
  ocrPage,
  type OcrImage,
  type OcrLine,
  type OcrPageOptions,
  type OcrPageResult,
  type Recognizer,
} from './recognize';

export interface OcrPagesOptions extends OcrPageOptions {
  /** onnxruntime threads for the recogniser (default: the cores, at most 4). */
  threads?: number;
  onPage?: (done: number, total: number) => void;
  /** Each page as soon as it is read (in page order). */
  onResult?: (result: OcrPageResult) => void;
}

const ENTRY = new URL('./worker-entry.mjs', import.meta.url);

function workerAvailable(): boolean {
  try {
    return existsSync(fileURLToPath(ENTRY)) && existsSync(fileURLToPath(new URL('./ppocr-worker.ts', import.meta.url)));
  } catch {
    return false;
  }
}

type WorkerReply =
  | { type: 'ready' }
  | { type: 'result'; id: number; lines?: OcrLine[]; error?: string }
  | { type: 'error'; message: string };

/**
 * The PP-OCR recogniser on a worker thread, so recognition (a second or two of CPU per page) never blocks the thread
 * that asked for it. Where the worker cannot start (a bundle without the TypeScript sources) the engine runs on this
 * thread instead.
 */
export async function createRecognizer(
  opts: PpOcrOptions & { inThread?: boolean } = {},
): Promise<{ recognize: Recognizer; close: () => Promise<void> }> {
  const threads = opts.threads ?? Math.min(4, os.availableParallelism());
  if (opts.inThread || !workerAvailable()) {
    const engine = await createPpOcr({ ...opts, threads });
    return {
      recognize: async (image, hints) => engine.recognize(await toGray(image), hints),
      close: () => engine.close(),
    };
  }
  const worker = new Worker(ENTRY, { workerData: { ...opts, threads } });
  const waiting = new Map<number, { resolve: (l: OcrLine[]) => void; reject: (e: Error) => void }>();
  let failed: Error | null = null;
  const failAll = (e: Error) => {
    failed = e;
    for (const w of waiting.values()) w.reject(e);
    waiting.clear();
  };
  await new Promise<void>((resolve, reject) => {
    worker.on('message', (m: WorkerReply) => {
      if (m.type === 'ready') resolve();
      else if (m.type === 'result') {
        const w = waiting.get(m.id);
        waiting.delete(m.id);
        if (m.error) w?.reject(new Error(`OCR failed: ${m.error}`));
        else w?.resolve(m.lines ?? []);
      }
    });
    worker.on('error', (e) => {
      reject(e);
      failAll(e);
    });
    worker.on('exit', (code) => {
      const e = new Error(`OCR worker exited (${code})`);
      reject(e);
      failAll(e);
    });
  });
  let nextId = 0;
  const recognize: Recognizer = (image: OcrImage, hints?: RecognizeHints) =>
    new Promise<OcrLine[]>((resolve, reject) => {
      if (failed) return reject(failed);
      const id = nextId++;
      waiting.set(id, { resolve, reject });
      // The bitmap moves to the worker (no copy); the caller is done with it.
      const transfer = image instanceof Uint8Array ? [] : [image.data.buffer as ArrayBuffer];
      worker.postMessage({ id, image, hints }, transfer);
    });
  return {
    recognize,
    close: async () => {
      worker.removeAllListeners('exit');
      // The worker releases its onnxruntime sessions and ends by itself: terminating it while native threads
      // still hold them can bring the process down. Terminate only if it does not end in time.
      const ended = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      worker.postMessage({ id: -1, close: true });
      const timer = setTimeout(() => void worker.terminate(), 5000);
      await ended;
      clearTimeout(timer);
    },
  };
}

/**
 * OCR of the given pages of a PDF. Pages are rendered and their rulings found on this thread while the worker
 * recognises the page before, so both cores stay busy; results come back in page order.
 */
export async function ocrPages(
  bytes: Uint8Array,
  pageNumbers: number[],
  opts: OcrPagesOptions = {},
): Promise<OcrPageResult[]> {
  if (pageNumbers.length === 0) return [];
  const doc = await openPdf(bytes);
  const { recognize, close } = await createRecognizer({ threads: opts.threads });
  try {
    let done = 0;
    const jobs: Promise<OcrPageResult>[] = [];
    let previous: Promise<unknown> = Promise.resolve();
    for (const num of pageNumbers) {
      // One page rendered ahead of the one being recognised; more would only hold bitmaps in memory.
      const page = await doc.getPage(num);
      const job = ocrPage(page, recognize, opts);
      const inOrder = Promise.all([job, previous]).then(([r]) => {
        page.cleanup();
        opts.onPage?.(++done, pageNumbers.length);
        opts.onResult?.(r);
        return r;
      });
      jobs.push(inOrder);
      await previous;
      previous = inOrder;
    }
    return await Promise.all(jobs);
  } finally {
    await close();
    await doc.destroy();
  }
}

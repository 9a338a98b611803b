import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { hasPdfHeader, mapPdfError, PdfReadError, tooLarge, type PdfErrorCode } from './errors';
import { mb, PDF_LIMITS, type PdfLimits } from './limits';
import type { ReadOptions } from './read';
import type { PageContent } from './types';

/**
 * Every PDF the host and the CLI read is parsed here, in worker threads with a V8 heap limit (resourceLimits): a
 * file that makes pdfjs allocate without end, or loop, ends its worker with a `too-large` PdfReadError and the
 * process that asked keeps running. Size and page count are checked before any page is read.
 */

/** Pages per hand-out: small enough to balance two threads, large enough that font caches stay warm. */
const CHUNK = 6;
/** Below this many pages a second thread costs more (its own pdfjs and font parsing) than it saves. */
export const MIN_PAGES_FOR_WORKERS = 24;

type WorkerMsg =
  | { type: 'closed' }
  | { type: 'ready'; numPages: number }
  | { type: 'page'; content: PageContent }
  | { type: 'error'; code: PdfErrorCode; message: string };

/** What a reader is told about its document (the worker's "closed" is handled by the reader itself). */
type ReaderMsg = Exclude<WorkerMsg, { type: 'closed' }>;

/** From the sources (tsx): an entry that registers tsx's loader in the thread, then loads read-worker.ts. */
const DEV_ENTRY = new URL('./worker-entry.mjs', import.meta.url);
/** In the electron-vite bundle the reader is an entry of its own beside index.js; this code may sit in a chunk below. */
const BUILT_ENTRIES = [new URL('./read-worker.js', import.meta.url), new URL('../read-worker.js', import.meta.url)];

function exists(u: URL): boolean {
  try {
    return existsSync(fileURLToPath(u));
  } catch {
    return false;
  }
}

let entry: URL | null | undefined;

/** The reader thread's entry here, or null where there is none (then pages are read in this thread). */
export function readerEntry(): URL | null {
  if (entry === undefined) {
    entry =
      exists(DEV_ENTRY) && exists(new URL('./read-worker.ts', import.meta.url))
        ? DEV_ENTRY
        : (BUILT_ENTRIES.find(exists) ?? null);
  }
  return entry;
}

/** Whether worker threads can run the reader here. */
export function workersAvailable(): boolean {
  return readerEntry() !== null;
}

export interface LimitedReadOptions extends ReadOptions {
  /** Threads besides the first; used only for documents of MIN_PAGES_FOR_WORKERS pages or more. */
  extraWorkers?: number;
  onContent?: (content: PageContent) => void;
  limits?: Partial<PdfLimits>;
}

/** Refuses an empty file, one without a PDF header or one over the size limit before anything parses it. */
export function checkSize(bytes: Uint8Array, limits: PdfLimits = PDF_LIMITS): void {
  if (bytes.length === 0) throw new PdfReadError('empty', 'the file is empty');
  if (!hasPdfHeader(bytes)) throw new PdfReadError('not-pdf', 'not a PDF file (no %PDF- header)');
  if (bytes.length > limits.maxBytes) throw tooLarge(`${mb(bytes.length)}, at most ${mb(limits.maxBytes)}`);
}

/** The bytes in shared memory (copied there unless they are already), for every worker to read in place. */
function shared(bytes: Uint8Array): Uint8Array {
  if (bytes.buffer instanceof SharedArrayBuffer && bytes.byteLength === bytes.buffer.byteLength) return bytes;
  const out = new Uint8Array(new SharedArrayBuffer(bytes.length));
  out.set(bytes);
  return out;
}

interface Reader {
  worker: Worker;
  /** Resolves when the worker has closed the document or stopped, for whatever reason. */
  done: Promise<void>;
  /** Hands the worker back for the next document (after closing this one), or ends it when it is not healthy. */
  release(healthy: boolean): Promise<void>;
}

/**
 * Reader threads kept between documents, by heap limit: a fresh thread loads pdfjs and compiles the reading code
 * again (a second or more on a busy machine), a kept one reads the next document at full speed. Idle ones do not
 * keep the process alive (unref).
 */
const pool = new Map<number, Worker[]>();
const MAX_IDLE = 2;
const exited = new WeakSet<Worker>();
let sessions = 0;

function acquire(heapMb: number): Worker {
  const idle = pool.get(heapMb) ?? [];
  for (let w = idle.pop(); w; w = idle.pop()) {
    if (exited.has(w)) continue;
    w.ref();
    return w;
  }
  const worker = new Worker(readerEntry()!, {
    resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: 48, stackSizeMb: 4 },
  });
  // An idle worker that fails is simply dropped; a busy one's reader reports it.
  worker.on('error', () => undefined);
  worker.once('exit', () => {
    exited.add(worker);
    const list = pool.get(heapMb);
    if (list?.includes(worker)) list.splice(list.indexOf(worker), 1);
  });
  return worker;
}

function putBack(heapMb: number, worker: Worker): void {
  const idle = pool.get(heapMb) ?? [];
  pool.set(heapMb, idle);
  if (exited.has(worker) || idle.length >= MAX_IDLE) {
    void worker.terminate().catch(() => 0);
    return;
  }
  worker.unref();
  idle.push(worker);
}

/**
 * One document in one limited worker. `onMessage` gets the worker's messages about it; a worker that dies (out of
 * memory, crashed) or goes quiet for limits.idleMs reports a PdfReadError through `onFailure` once.
 */
function startReader(
  data: { bytes: Uint8Array; graphics: 'all' | 'auto'; probe: boolean },
  limits: PdfLimits,
  onMessage: (msg: ReaderMsg, post: (msg: { type: 'chunk'; pages: number[] } | { type: 'stop' }) => void) => void,
  onFailure: (err: PdfReadError) => void,
): Reader {
  const worker = acquire(limits.heapMb);
  const id = ++sessions;
  let closed = false;
  let dead = false;
  let idle: NodeJS.Timeout | undefined;
  let resolveDone: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (resolveDone = resolve));
  const post = (msg: { type: 'chunk'; pages: number[] } | { type: 'stop' }) => worker.postMessage({ ...msg, id });
  const arm = () => {
    clearTimeout(idle);
    idle = setTimeout(() => {
      onFailure(tooLarge(`no page read in ${Math.round(limits.idleMs / 1000)} s`));
      dead = true;
      void worker.terminate();
    }, limits.idleMs);
    idle.unref?.();
  };
  const onMsg = (msg: WorkerMsg & { id: number }) => {
    if (msg.id !== id) return;
    arm();
    if (msg.type === 'closed') {
      closed = true;
      finish();
      return;
    }
    onMessage(msg, post);
    // A document the worker could not open or read: this reader is over, and the worker is not reused.
    if (msg.type === 'error') {
      dead = true;
      finish();
    }
  };
  const onError = (err: NodeJS.ErrnoException) => {
    dead = true;
    onFailure(
      err.code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? tooLarge(`reading it needed more than ${limits.heapMb} MB`)
        : new PdfReadError('corrupt', `the PDF reader stopped: ${err.message}`),
    );
  };
  const onExit = (code: number) => {
    if (!dead && !closed) onFailure(new PdfReadError('corrupt', `the PDF reader stopped (exit ${code})`));
    dead = true;
    finish();
  };
  function finish() {
    clearTimeout(idle);
    worker.off('message', onMsg);
    worker.off('error', onError);
    worker.off('exit', onExit);
    resolveDone();
  }
  worker.on('message', onMsg);
  worker.on('error', onError);
  worker.on('exit', onExit);
  arm();
  worker.postMessage({ type: 'open', id, ...data, maxPages: limits.maxPages });
  return {
    worker,
    done,
    release: async (healthy) => {
      if (!healthy || dead) {
        finish();
        await worker.terminate().catch(() => 0);
        return;
      }
      if (!closed) {
        post({ type: 'stop' });
        await done;
      }
      if (closed && !dead) putBack(limits.heapMb, worker);
      else await worker.terminate().catch(() => 0);
    },
  };
}

/** Opens the document in a limited worker and returns its page count, or throws a PdfReadError. */
export async function probePdfLimited(bytes: Uint8Array, over: Partial<PdfLimits> = {}): Promise<number> {
  const limits = { ...PDF_LIMITS, ...over };
  checkSize(bytes, limits);
  let failure: PdfReadError | null = null;
  let numPages = 0;
  const reader = startReader(
    { bytes: shared(bytes), graphics: 'auto', probe: true },
    limits,
    (msg) => {
      if (msg.type === 'ready') numPages = msg.numPages;
      else if (msg.type === 'error') failure ??= new PdfReadError(msg.code, msg.message);
    },
    (err) => (failure ??= err),
  );
  await reader.done;
  await reader.release(failure === null);
  if (failure) throw failure;
  if (!numPages) throw new PdfReadError('corrupt', 'the PDF reader stopped before opening the document');
  return numPages;
}

/**
 * The pages of a document, read by limited workers that take chunks of pages from one queue: one worker, plus
 * `extraWorkers` more for long documents. Page contents come back in the order asked for.
 */
export async function readPagesLimited(
  bytes: Uint8Array,
  opts: LimitedReadOptions = {},
): Promise<{ pages: PageContent[]; numPages: number }> {
  const limits = { ...PDF_LIMITS, ...opts.limits };
  checkSize(bytes, limits);
  const data = { bytes: shared(bytes), graphics: opts.graphics ?? 'all', probe: false };
  const results = new Map<number, PageContent>();
  const readers: Reader[] = [];
  let numbers: number[] | null = null;
  let queue: number[] = [];
  let wanted = 0;
  let numPages = 0;
  let alive = 0;
  let next = 0;
  let failure: PdfReadError | null = null;
  let settle: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (settle = resolve));

  const fail = (err: PdfReadError) => {
    failure ??= err;
    settle();
  };
  const take = (): number[] => {
    const chunk = queue.slice(next, next + CHUNK);
    next += chunk.length;
    return chunk;
  };
  const onMessage = (msg: ReaderMsg, post: (m: { type: 'chunk'; pages: number[] } | { type: 'stop' }) => void) => {
    if (failure) return;
    if (msg.type === 'error') return fail(new PdfReadError(msg.code, msg.message));
    if (msg.type === 'page') {
      results.set(msg.content.page, msg.content);
      opts.onPage?.(results.size, wanted);
      opts.onContent?.(msg.content);
      if (results.size === wanted) settle();
      return;
    }
    if (numbers === null) {
      numPages = msg.numPages;
      numbers = opts.pages ?? Array.from({ length: numPages }, (_, i) => i + 1);
      const missing = numbers.find((n) => !Number.isInteger(n) || n < 1 || n > numPages);
      if (missing !== undefined)
        return fail(new PdfReadError('corrupt', `page ${missing} does not exist (document has ${numPages})`));
      queue = [...new Set(numbers)];
      wanted = queue.length;
      if (wanted === 0) return settle();
      const extra = numbers.length >= MIN_PAGES_FOR_WORKERS ? (opts.extraWorkers ?? 0) : 0;
      for (let i = 0; i < extra; i++) spawn();
    }
    const chunk = take();
    // Nothing left to hand out: the worker closes (an idle worker would otherwise trip its idle timer).
    post(chunk.length ? { type: 'chunk', pages: chunk } : { type: 'stop' });
  };
  const spawn = () => {
    try {
      const reader = startReader(data, limits, onMessage, fail);
      readers.push(reader);
      alive++;
      // Workers that all ended without failing and without every page leave nothing to wait for.
      void reader.done.then(() => {
        if (--alive === 0) settle();
      });
    } catch (err) {
      if (readers.length === 0) fail(new PdfReadError('corrupt', `cannot start the PDF reader: ${String(err)}`));
    }
  };

  spawn();
  try {
    await finished;
    if (failure) throw failure;
    if (!numbers) throw new PdfReadError('corrupt', 'the PDF reader stopped before opening the document');
    const list: number[] = numbers;
    const lost = list.find((n) => !results.has(n));
    if (lost !== undefined) throw new PdfReadError('corrupt', `page ${lost} was not read`);
    return { pages: list.map((n) => results.get(n)!), numPages };
  } catch (err) {
    throw mapPdfError(err);
  } finally {
    await Promise.all(readers.map((r) => r.release(failure === null)));
  }
}

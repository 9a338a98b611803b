import { parentPort } from 'node:worker_threads';
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { PdfReadError, tooLarge } from './errors';
import { openPdf, readPage } from './read';

/**
 * A reader thread (started by limited.ts with a heap limit), reused from document to document. For each document
 * ("open", with an id every answer carries) it opens it, says how many pages it has ("ready" with numPages), then
 * reads the pages it is handed, chunk by chunk, posting each page's content back and asking for more with "ready"
 * so a fast thread takes more of the document than a slow one. "stop" closes the document ("closed"); in probe
 * mode it closes as soon as it has said how many pages there are. Messages are handled one at a time, in order.
 */
export interface OpenMsg {
  type: 'open';
  id: number;
  bytes: Uint8Array;
  graphics: 'all' | 'auto';
  maxPages: number;
  probe: boolean;
}
type Msg = OpenMsg | { type: 'chunk'; id: number; pages: number[] } | { type: 'stop'; id: number };

const port = parentPort!;
// pdfjs's console warnings ("Indexing all PDF objects", font notes) stay out of the process's stdout: the CLI writes
// its results there. (A piped worker stdout would have to be read, and reading it keeps an idle worker alive.)
console.log = console.info = console.warn = console.debug = () => undefined;
let doc: PDFDocumentProxy | null = null;
let graphics: 'all' | 'auto' = 'all';

function fail(id: number, err: unknown): void {
  port.postMessage({
    type: 'error',
    id,
    code: err instanceof PdfReadError ? err.code : 'corrupt',
    message: (err as Error).message,
  });
}

async function close(id: number): Promise<void> {
  const d = doc;
  doc = null;
  await d?.destroy().catch(() => undefined);
  port.postMessage({ type: 'closed', id });
}

async function handle(msg: Msg): Promise<void> {
  if (msg.type === 'stop') return close(msg.id);
  if (msg.type === 'open') {
    await doc?.destroy().catch(() => undefined);
    doc = null;
    graphics = msg.graphics;
    try {
      const opened = await openPdf(msg.bytes);
      doc = opened;
      if (opened.numPages > msg.maxPages) throw tooLarge(`${opened.numPages} pages, at most ${msg.maxPages}`);
      port.postMessage({ type: 'ready', id: msg.id, numPages: opened.numPages });
      if (msg.probe) await close(msg.id);
    } catch (err) {
      fail(msg.id, err);
    }
    return;
  }
  if (!doc) return fail(msg.id, new PdfReadError('corrupt', 'no document is open'));
  try {
    for (const n of msg.pages)
      port.postMessage({ type: 'page', id: msg.id, content: await readPage(doc, n, graphics) });
    port.postMessage({ type: 'ready', id: msg.id, numPages: doc.numPages });
  } catch (err) {
    fail(msg.id, err);
  }
}

let chain = Promise.resolve();
port.on('message', (msg: Msg) => {
  chain = chain.then(() => handle(msg));
});

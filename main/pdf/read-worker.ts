import { parentPort, workerData } from 'node:worker_threads';
import { PdfReadError, tooLarge } from './errors';
import { openPdf, readPage } from './read';

/**
 * A reader thread (started by limited.ts with a heap limit). It opens the document, says how many pages it has
 * ("ready" with numPages), then reads the pages it is handed, chunk by chunk, posting each page's content back and
 * asking for more with "ready" so a fast thread takes more of the document than a slow one. In probe mode it only
 * opens the document and says how many pages it has.
 */
export interface ReaderInit {
  bytes: Uint8Array;
  graphics: 'all' | 'auto';
  maxPages: number;
  probe: boolean;
}
type Msg = { type: 'chunk'; pages: number[] } | { type: 'stop' };

const port = parentPort!;
const { bytes, graphics, maxPages, probe } = workerData as ReaderInit;

function fail(err: unknown): void {
  port.postMessage({
    type: 'error',
    code: err instanceof PdfReadError ? err.code : 'corrupt',
    message: (err as Error).message,
  });
}

try {
  const doc = await openPdf(bytes);
  if (doc.numPages > maxPages) {
    await doc.destroy();
    throw tooLarge(`${doc.numPages} pages, at most ${maxPages}`);
  }
  if (probe) {
    port.postMessage({ type: 'ready', numPages: doc.numPages });
    await doc.destroy();
    port.close();
  } else {
    port.on('message', (msg: Msg) => {
      void (async () => {
        if (msg.type === 'stop') {
          await doc.destroy();
          port.close();
          return;
        }
        try {
          for (const n of msg.pages) port.postMessage({ type: 'page', content: await readPage(doc, n, graphics) });
          port.postMessage({ type: 'ready', numPages: doc.numPages });
        } catch (err) {
          fail(err);
        }
      })();
    });
    port.postMessage({ type: 'ready', numPages: doc.numPages });
  }
} catch (err) {
  fail(err);
}

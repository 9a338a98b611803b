import { parentPort, workerData } from 'node:worker_threads';
import { PdfReadError } from './errors';
import { openPdf, readPage } from './read';

/**
 * Reads the pages it is handed, chunk by chunk, and posts each page's content back. It asks for more with
 * "ready" so a fast thread takes more of the document than a slow one.
 */
interface Init {
  bytes: Uint8Array;
  graphics: 'all' | 'auto';
}
type Msg = { type: 'chunk'; pages: number[] } | { type: 'stop' };

const port = parentPort!;
const { bytes, graphics } = workerData as Init;

try {
  const doc = await openPdf(bytes);
  port.on('message', (msg: Msg) => {
    void (async () => {
      if (msg.type === 'stop') {
        await doc.destroy();
        port.close();
        return;
      }
      try {
        for (const n of msg.pages) port.postMessage({ type: 'page', content: await readPage(doc, n, graphics) });
        port.postMessage({ type: 'ready' });
      } catch (err) {
        port.postMessage({
          type: 'error',
          code: err instanceof PdfReadError ? err.code : 'corrupt',
          message: (err as Error).message,
        });
      }
    })();
  });
  port.postMessage({ type: 'ready' });
} catch (err) {
  port.postMessage({
    type: 'error',
    code: err instanceof PdfReadError ? err.code : 'corrupt',
    message: (err as Error).message,
  });
}

import { parentPort, workerData } from 'node:worker_threads';
import { createPpOcr, type PpOcrOptions, type RecognizeHints } from './ppocr';
import { toGray } from './image';
import type { OcrImage } from './recognize';

/** The PP-OCR engine on its own thread: requests {id, image, hints} in, {id, lines} or {id, error} out. */
const port = parentPort!;
const engine = await createPpOcr(workerData as PpOcrOptions);
port.postMessage({ type: 'ready' });
port.on('message', (msg: { id: number; image?: OcrImage; hints?: RecognizeHints; close?: boolean }) => {
  if (msg.close) {
    void engine.close().then(() => port.close());
    return;
  }
  void (async () => {
    try {
      const lines = await engine.recognize(await toGray(msg.image!), msg.hints);
      port.postMessage({ type: 'result', id: msg.id, lines });
    } catch (e) {
      port.postMessage({ type: 'result', id: msg.id, error: e instanceof Error ? e.message : String(e) });
    }
  })();
});

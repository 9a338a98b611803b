import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';

/**
 * The desktop app's PDF reader thread as built (out/main/read-worker.js, an entry of the electron-vite main build):
 * it starts under a heap limit and reads a document, so in the packaged app a hostile PDF ends that thread and not
 * the main process (main/pdf/limited.ts finds it beside the bundle).
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const BUILT = path.join(ROOT, 'out/main/read-worker.js');

describe('the built reader thread', () => {
  it('is an entry of the build and reads a PDF under a heap limit', async () => {
    expect(existsSync(BUILT)).toBe(true);
    const worker = new Worker(BUILT, { resourceLimits: { maxOldGenerationSizeMb: 256 } });
    try {
      const bytes = new Uint8Array(
        readFileSync(path.join(ROOT, 'test-fixtures/real/js-weiban-2018-budget-tables.pdf')),
      );
      const answer = await new Promise<{ type: string; numPages?: number; message?: string }>((resolve, reject) => {
        worker.on('message', resolve);
        worker.on('error', reject);
        worker.postMessage({ type: 'open', id: 1, bytes, graphics: 'all', maxPages: 5000, probe: true });
      });
      expect(answer).toMatchObject({ type: 'ready', numPages: 15 });
    } finally {
      await worker.terminate();
    }
  }, 60_000);
});

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hugePageTreePdf, zerosPdf } from './hostile';
import { probePdfLimited, readPagesLimited } from './limited';
import { readPages } from './read';

const sample = new Uint8Array(
  readFileSync(path.resolve(import.meta.dirname, '../../test-fixtures/corpus/qz2024-budget-ruled.pdf')),
);

describe('the limited PDF reader', () => {
  it('reads a real document in a reader thread', async () => {
    expect(await probePdfLimited(sample)).toBeGreaterThan(10);
    const { pages } = await readPagesLimited(sample, { pages: [4, 4, 2] });
    expect(pages.map((p) => p.page)).toEqual([4, 4, 2]);
  });

  it('ends the reader thread of a file that exhausts its heap, and says why', async () => {
    const before = process.memoryUsage().heapUsed;
    const err = await probePdfLimited(zerosPdf(24), { heapMb: 64 }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'too-large', message: expect.stringContaining('PDF 过大或结构异常') });
    expect((err as Error).message).toContain('64 MB');
    // This thread's heap did not take the load.
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(64 * 1048576);
  }, 60_000);

  it('refuses a page tree claiming millions of pages, and files over the size limit, before reading pages', async () => {
    await expect(probePdfLimited(hugePageTreePdf(1_000_000))).rejects.toMatchObject({
      code: 'too-large',
      message: expect.stringMatching(/1000000 pages, at most \d+/u),
    });
    await expect(readPages(hugePageTreePdf(1_000_000))).rejects.toMatchObject({ code: 'too-large' });
    await expect(probePdfLimited(sample, { maxBytes: 1000 })).rejects.toMatchObject({
      code: 'too-large',
      message: expect.stringContaining('at most 0 MB'),
    });
  });

  it('reads the next documents after a reader thread was ended, with kept threads, one after another', async () => {
    await expect(probePdfLimited(zerosPdf(24), { heapMb: 64 })).rejects.toMatchObject({ code: 'too-large' });
    await expect(probePdfLimited(hugePageTreePdf(100_000), { heapMb: 64 })).rejects.toMatchObject({
      code: 'too-large',
    });
    for (let i = 0; i < 3; i++) {
      expect(await probePdfLimited(sample, { heapMb: 64 })).toBeGreaterThan(10);
      const { pages } = await readPagesLimited(sample, { pages: [1 + i], limits: { heapMb: 64 } });
      expect(pages[0]!.page).toBe(1 + i);
    }
  }, 60_000);

  it('ends a reader that goes quiet', async () => {
    await expect(probePdfLimited(sample, { idleMs: 1 })).rejects.toMatchObject({
      code: 'too-large',
      message: expect.stringContaining('no page read'),
    });
  });
});

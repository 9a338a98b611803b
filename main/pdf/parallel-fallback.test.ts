import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { hugePageTreePdf, zerosPdf } from './hostile';
import type * as Limited from './limited';

// Where reader threads cannot start (a bundle without the reader's sources) pages are read in this thread: still
// within the size and page-count limits.
vi.mock('./limited', async (orig) => ({
  ...(await orig<typeof Limited>()),
  workersAvailable: () => false,
}));
const { readPagesParallel } = await import('./parallel');

describe('reading without reader threads', () => {
  it('reads in this thread, within the size and page-count limits', async () => {
    const bytes = new Uint8Array(
      readFileSync(path.resolve(import.meta.dirname, '../../test-fixtures/corpus/qz2024-budget-xlsx.pdf')),
    );
    const seen: number[] = [];
    const { pages } = await readPagesParallel(bytes, { pages: [1], onContent: (c) => seen.push(c.page) });
    expect(pages.map((p) => p.page)).toEqual([1]);
    expect(seen).toEqual([1]);
    await expect(readPagesParallel(hugePageTreePdf(10_000))).rejects.toMatchObject({ code: 'too-large' });
    await expect(readPagesParallel(zerosPdf(2), { limits: { maxBytes: 1024 * 1024 } })).rejects.toMatchObject({
      code: 'too-large',
      message: expect.stringContaining('PDF 过大或结构异常'),
    });
  });
});

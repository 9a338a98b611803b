import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPagesParallel } from './parallel';
import { readPages } from './read';

const bytes = new Uint8Array(
  readFileSync(path.resolve(import.meta.dirname, '../../test-fixtures/corpus/qz2022-final-ruled.pdf')),
);

describe('reading pages across threads', () => {
  it('returns the same pages, in order, as reading on one thread', async () => {
    const pages = Array.from({ length: 26 }, (_, i) => i + 10);
    const seen: number[] = [];
    const parallel = await readPagesParallel(bytes, { pages, workers: 1, onPage: (done) => seen.push(done) });
    const single = await readPages(bytes, { pages });
    expect(parallel.numPages).toBe(194);
    expect(parallel.pages.map((p) => p.page)).toEqual(pages);
    // Font ids are numbered per opened document, so they differ between threads; everything else is identical.
    const strip = (ps: typeof single.pages) =>
      ps.map((p) => ({ ...p, runs: p.runs.map(({ fontName: _f, ...r }) => r) }));
    expect(strip(parallel.pages)).toEqual(strip(single.pages));
    expect(seen[seen.length - 1]).toBe(26);
  }, 120_000);
});

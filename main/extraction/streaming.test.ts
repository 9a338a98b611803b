import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPages } from '../pdf/read';
import { extractDocument, extractFromPages } from './index';

const fx = (name: string) =>
  new Uint8Array(readFileSync(path.resolve(import.meta.dirname, '../../test-fixtures/corpus', name)));

describe('tables reported while the document is still being read', () => {
  it('reports the first tables before the last page is read, and ends with what a whole-document pass gives', async () => {
    const bytes = fx('qz2024-budget-ruled.pdf');
    let pagesRead = 0;
    let total = 0;
    const readWhenReported: number[] = [];
    const streamed = await extractDocument(bytes.slice(), {
      file: 'qz2024-budget-ruled.pdf',
      workers: 0,
      onProgress: (p) => {
        if (p.stage === 'reading') [pagesRead, total] = [p.done, p.total];
      },
      onTable: () => readWhenReported.push(pagesRead),
    });
    expect(total).toBeGreaterThan(10);
    expect(readWhenReported.length).toBe(streamed.tables.length);
    expect(readWhenReported[0]).toBeLessThan(total / 2);

    const { pages, numPages } = await readPages(bytes.slice());
    const whole = await extractFromPages(pages, numPages, {
      file: 'qz2024-budget-ruled.pdf',
      sha256: streamed.source.sha256,
    });
    expect(streamed).toEqual(whole);
  });
});

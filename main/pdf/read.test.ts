import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PdfReadError } from './errors';
import { readPages } from './read';

const fx = (...p: string[]) =>
  new Uint8Array(readFileSync(path.resolve(import.meta.dirname, '../../test-fixtures', ...p)));

async function failure(bytes: Uint8Array): Promise<PdfReadError> {
  try {
    await readPages(bytes);
  } catch (err) {
    return err as PdfReadError;
  }
  throw new Error('expected a failure');
}

describe('reading PDFs', () => {
  it('reports bad input with a code and a one-line reason', async () => {
    expect((await failure(new Uint8Array())).code).toBe('empty');
    expect((await failure(new TextEncoder().encode('hello, not a pdf'))).code).toBe('not-pdf');
    const truncated = fx('corpus', 'qz2024-budget-ruled.pdf').subarray(0, 20_000);
    const t = await failure(truncated);
    expect(t.code).toBe('corrupt');
    expect(t.message).not.toContain('\n');
    const enc = await failure(fx('pdf', 'encrypted.pdf'));
    expect(enc).toBeInstanceOf(PdfReadError);
    expect(enc.code).toBe('encrypted');
  });

  it('flags an image-only page (no text layer, paints an image)', async () => {
    const { pages, numPages } = await readPages(fx('pdf', 'image-only.pdf'));
    expect(numPages).toBe(1);
    expect(pages[0]).toMatchObject({ runs: [], hasImages: true, width: 200, height: 200 });
  });

  it('reads text in user space and ruling lines of a ruled table page', async () => {
    const { pages } = await readPages(fx('corpus', 'qz2024-budget-ruled.pdf'), { pages: [4] });
    const p = pages[0]!;
    const text = p.runs.map((r) => r.str).join('');
    expect(text).toContain('收支预算总表');
    expect(text).not.toMatch(/[\u2E80-\u2FDF]/u);
    for (const r of p.runs) {
      expect(r.x0).toBeGreaterThanOrEqual(0);
      expect(r.y1).toBeLessThanOrEqual(p.height);
      expect(r.y1).toBeGreaterThan(r.y0);
    }
    const h = p.segments.filter((s) => s.y0 === s.y1);
    const v = p.segments.filter((s) => s.x0 === s.x1);
    expect(h.length).toBeGreaterThan(20);
    expect(v.length).toBeGreaterThanOrEqual(5);
  });
});

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { classifyPdfError } from './pdfErrors';

const SAMPLE = path.resolve(import.meta.dirname, '../../resources/samples/qz2024-budget-ruled.pdf');

async function openError(bytes: Uint8Array): Promise<unknown> {
  try {
    const doc = await pdfjs.getDocument({ data: bytes, verbosity: 0, stopAtErrors: true }).promise;
    await doc.destroy();
    return null;
  } catch (err) {
    return err;
  }
}

describe('classifying pdf.js open failures', () => {
  it('reports text that is not a PDF as corrupt, and a password prompt as encrypted', async () => {
    expect(classifyPdfError(await openError(new TextEncoder().encode('%PDF-1.7\nthis is not really a pdf')))).toBe(
      'corrupt',
    );
    expect(classifyPdfError(await openError(new Uint8Array(0)))).toBe('empty_file');
    expect(classifyPdfError(Object.assign(new Error('No password given'), { name: 'PasswordException' }))).toBe(
      'encrypted',
    );
  });

  it('a badly truncated file is corrupt', async () => {
    const whole = new Uint8Array(readFileSync(SAMPLE));
    const err = await openError(whole.slice(0, 600));
    expect(err).not.toBeNull();
    expect(classifyPdfError(err)).toBe('corrupt');
  });

  it('anything else stays a generic failure', () => {
    expect(classifyPdfError(new Error('out of memory'))).toBe('failed');
  });
});

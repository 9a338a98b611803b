import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ExtractedDocumentSchema } from '../../shared/model';
import { run } from './extract';

const fixture = path.resolve(import.meta.dirname, '../../test-fixtures/corpus/qz2024-budget-ruled.pdf');

describe('budget-review extract', () => {
  let err: string;
  let dir: string;
  beforeEach(() => {
    err = '';
    dir = mkdtempSync(path.join(tmpdir(), 'extract-'));
    vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => {
      err += String(s);
      return true;
    });
  });
  afterEach(() => vi.restoreAllMocks());

  it('writes the document JSON to --out', async () => {
    const out = path.join(dir, 'doc.json');
    expect(await run([fixture, '--out', out])).toBe(0);
    const doc = ExtractedDocumentSchema.parse(JSON.parse(readFileSync(out, 'utf8')));
    expect(doc.source).toMatchObject({ file: 'qz2024-budget-ruled.pdf', pages: 23 });
    expect(doc.tables.length).toBeGreaterThanOrEqual(20);
    expect(err).toBe(''); // not a terminal: no progress
  });

  it('writes one CSV line per cell', async () => {
    const out = path.join(dir, 'doc.csv');
    expect(await run([fixture, '--format', 'csv', '--out', out])).toBe(0);
    const lines = readFileSync(out, 'utf8').split('\r\n');
    expect(lines[0]).toBe(
      '\uFEFFtable,title,type,number,money_unit,row,kind,code,name,col,column,text,value,page,confidence',
    );
    expect(lines.some((l) => l.includes(',4641.18,4641.18,'))).toBe(true);
  });

  it('fails with a one-line reason for unreadable input', async () => {
    const bad = path.join(dir, 'bad.pdf');
    writeFileSync(bad, 'not a pdf at all');
    expect(await run([bad])).toBe(1);
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(err).toContain('not a PDF');
    err = '';
    expect(await run([path.join(dir, 'missing.pdf')])).toBe(1);
    expect(err).toContain('no such file');
  });

  it('rejects bad usage', async () => {
    expect(await run([])).toBe(2);
    expect(await run([fixture, '--format', 'xml'])).toBe(2);
  });
});

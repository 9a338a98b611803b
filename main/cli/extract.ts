import { writeFile } from 'node:fs/promises';
import { readInputFile, writeStdout } from './io';
import type { ExtractedDocument } from '../../shared/model';
import { extractDocument, type ExtractProgressEvent } from '../extraction';
import { PdfReadError } from '../pdf/errors';
import { oneOf, parseArgs, UsageError } from './args';

const USAGE = 'usage: budget-review extract FILE.pdf [--format json|csv] [--out FILE] [--no-ocr]';

function csvField(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\r\n]/u.test(s) ? `"${s.replace(/"/gu, '""')}"` : s;
}

/** One line per cell, so tables of any width share one header; UTF-8 with BOM for spreadsheet programs. */
export function toCsv(doc: ExtractedDocument): string {
  const head = [
    'table',
    'title',
    'type',
    'number',
    'money_unit',
    'row',
    'kind',
    'code',
    'name',
    'col',
    'column',
    'text',
    'value',
    'page',
    'confidence',
  ];
  const lines = [head.join(',')];
  for (const t of doc.tables) {
    t.rows.forEach((r, ri) => {
      r.cells.forEach((c, ci) => {
        lines.push(
          [
            t.id,
            t.title,
            t.type,
            t.number,
            t.moneyUnit,
            ri,
            r.kind,
            r.code,
            r.name,
            ci,
            t.columns[ci]?.label ?? '',
            c.text,
            c.value,
            c.page,
            c.confidence,
          ]
            .map(csvField)
            .join(','),
        );
      });
    });
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

function progressLine(p: ExtractProgressEvent): void {
  const pct = p.total ? Math.round((p.done / p.total) * 100) : 0;
  process.stderr.write(`\r${p.stage.padEnd(10)} ${String(p.done).padStart(4)}/${p.total} ${String(pct).padStart(3)}%`);
}

export async function run(argv: string[]): Promise<number> {
  let file: string;
  let format: 'json' | 'csv';
  let out: string | undefined;
  let ocr = true;
  try {
    const args = parseArgs(argv, { values: ['format', 'out'], flags: ['help', 'ocr', 'no-ocr'] });
    if (args.options.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (args.positional.length !== 1) throw new UsageError('expected exactly one PDF file');
    file = args.positional[0]!;
    format = oneOf(args.options.format, ['json', 'csv'] as const, 'json', 'format');
    out = typeof args.options.out === 'string' ? args.options.out : undefined;
    // Scanned pages are read by OCR unless --no-ocr; --ocr is still accepted (it was needed before).
    ocr = args.options['no-ocr'] !== true;
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`budget-review extract: ${err.message}\n${USAGE}\n`);
      return 2;
    }
    throw err;
  }
  const bytes = await readInputFile('extract', file);
  if (!bytes) return 1;
  const tty = process.stderr.isTTY === true;
  let doc: ExtractedDocument;
  try {
    doc = await extractDocument(bytes, { file, ocr, onProgress: tty ? progressLine : undefined });
    if (tty) process.stderr.write('\r\x1b[K');
  } catch (err) {
    if (tty) process.stderr.write('\r\x1b[K');
    const reason = err instanceof PdfReadError ? err.message : `extraction failed: ${(err as Error).message}`;
    process.stderr.write(`budget-review extract: ${file}: ${reason}\n`);
    return 1;
  }
  const text = format === 'csv' ? toCsv(doc) : `${JSON.stringify(doc, null, 2)}\n`;
  if (out) await writeFile(out, text);
  else await writeStdout(text);
  return 0;
}

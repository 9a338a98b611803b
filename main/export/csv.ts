import { tidyFacts, TIDY_COLUMNS } from './tidy';
import type { ExtractedDocument } from '../../shared/model';

function field(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'boolean' ? (v ? 'true' : 'false') : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Tidy long format, UTF-8 with a byte-order mark (Excel otherwise opens Chinese text as mojibake), CRLF lines. */
export function buildCsv(doc: ExtractedDocument): Uint8Array {
  const lines = [TIDY_COLUMNS.join(',')];
  for (const f of tidyFacts(doc)) lines.push(TIDY_COLUMNS.map((k) => field(f[k])).join(','));
  return new Uint8Array(Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8'));
}

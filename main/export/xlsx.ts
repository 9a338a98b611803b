import ExcelJS from 'exceljs';
import type { Table } from '../../shared/model';
import { canonicalDataset } from '../review/canonical';
import { cellName, describeRecord } from './describe';
import { amountColumns, tidyFacts, TIDY_COLUMNS } from './tidy';
import type { ExportInput } from './types';
import { createValidator, RULE_MODULES } from '../../shared/validation';

export const SIGNATURE_SHEET = '_signature';
/** Excel refuses cell text over 32,767 characters; the signed dataset is stored in pieces. */
const CHUNK = 30000;
const RESERVED = ['data', 'findings', 'rules', 'coverage', 'sign-off', 'journal', SIGNATURE_SHEET, 'history'];

/** A sheet name Excel accepts: no []:*?/\, ≤ 31 characters, unique ignoring case, not one of ours. */
export function sheetNamer(): (wanted: string) => string {
  const used = new Set(RESERVED.map((n) => n.toLowerCase()));
  return (wanted) => {
    const base =
      wanted
        .replace(/[[\]:*?/\\]/g, ' ')
        .replace(/\s+/g, ' ')
        .trim()
        .replace(/^'+|'+$/g, '') || 'table';
    let name = [...base].slice(0, 31).join('');
    for (let i = 2; used.has(name.toLowerCase()); i++) {
      const suffix = `~${i}`;
      name = [...base].slice(0, 31 - suffix.length).join('') + suffix;
    }
    used.add(name.toLowerCase());
    return name;
  };
}

/**
 * Merged areas of a printed header, given with spanning cells repeated in every position they cover: the widest run of
 * equal text in a row, extended down while the rows below repeat the same run. Blank cells are never merged.
 */
export function headerMerges(
  header: string[][],
  width: number,
): { top: number; left: number; bottom: number; right: number }[] {
  const at = (r: number, c: number) => header[r]?.[c] ?? '';
  const seen = header.map(() => new Array<boolean>(width).fill(false));
  const out: { top: number; left: number; bottom: number; right: number }[] = [];
  for (let r = 0; r < header.length; r++) {
    for (let c = 0; c < width; c++) {
      const text = at(r, c);
      if (seen[r]![c] || text === '') continue;
      let right = c;
      while (right + 1 < width && !seen[r]![right + 1] && at(r, right + 1) === text) right++;
      let bottom = r;
      const runBelow = (rr: number) => {
        for (let cc = c; cc <= right; cc++) if (seen[rr]![cc] || at(rr, cc) !== text) return false;
        // The run must not continue sideways below, or it would be a different (wider) cell.
        return (c === 0 || at(rr, c - 1) !== text) && (right + 1 >= width || at(rr, right + 1) !== text);
      };
      while (bottom + 1 < header.length && runBelow(bottom + 1)) bottom++;
      for (let rr = r; rr <= bottom; rr++) for (let cc = c; cc <= right; cc++) seen[rr]![cc] = true;
      if (right > c || bottom > r) out.push({ top: r, left: c, bottom, right });
    }
  }
  return out;
}

/** Sheet name of each table, in order; verify recomputes them from the signed dataset to find each table's sheet. */
export function tableSheetNames(tables: Table[]): string[] {
  const name = sheetNamer();
  // An untitled table is still findable: by its position and the page it starts on.
  return tables.map((t, i) =>
    name([t.number, t.title].filter(Boolean).join(' ') || `表${i + 1} p${t.pages[0] ?? '?'} ${t.type}`),
  );
}

/** First sheet row of a table's body: title, number/unit line, then the header rows. */
export function tableBodyRow(t: Table): number {
  return 3 + (t.header.length ? t.header.length : 1);
}

/** What a table sheet shows in a cell: amounts as numbers, everything else as text, blank as empty. */
export function printedValue(t: Table, amounts: Set<number>, row: number, col: number): number | string | null {
  const c = t.rows[row]?.cells[col];
  if (!c) return null;
  if (amounts.has(col) && c.value !== null) return c.value;
  return c.text === '' ? null : c.text;
}

function addTableSheet(wb: ExcelJS.Workbook, name: string, t: Table, fallbackUnit: string | null): void {
  const header = t.header.length ? t.header : [t.columns.map((c) => c.label)];
  const width = Math.max(t.columns.length, ...header.map((h) => h.length), ...t.rows.map((r) => r.cells.length), 1);
  const top = 2;
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: top + header.length }] });
  ws.addRow([t.title]);
  ws.mergeCells(1, 1, 1, width);
  ws.getCell(1, 1).font = { bold: true, size: 13 };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  const unit = t.moneyUnit ?? fallbackUnit;
  ws.addRow([
    [t.number, t.unitName].filter(Boolean).join('  '),
    ...new Array(Math.max(0, width - 2)).fill(null),
    unit ? `单位：${unit}` : '',
  ]);
  for (const h of header) {
    const row = ws.addRow(Array.from({ length: width }, (_, j) => h[j] ?? ''));
    row.font = { bold: true };
    row.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  }
  for (const m of headerMerges(header, width))
    ws.mergeCells(top + 1 + m.top, m.left + 1, top + 1 + m.bottom, m.right + 1);
  const amounts = new Set(amountColumns(t));
  t.rows.forEach((r, i) => {
    const row = ws.addRow(Array.from({ length: width }, (_, j) => printedValue(t, amounts, i, j)));
    if (r.kind === 'total') row.font = { bold: true };
  });
  for (let j = 0; j < width; j++) {
    const col = ws.getColumn(j + 1);
    const role = t.columns[j]?.role;
    col.width = role === 'name' ? 36 : role === 'code' ? 12 : 14;
    if (amounts.has(j)) col.numFmt = '0.00';
  }
  if (t.empty && t.emptyNote) ws.addRow([t.emptyNote]);
}

/** The legend of the findings sheet: every rule the workstation checks, read from the rule modules. */
function addLegend(wb: ExcelJS.Workbook): void {
  const ws = wb.addWorksheet('rules', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.addRow(['rule', 'family', 'severity', 'scope', 'rule_zh', 'rule_en', 'needs_zh', 'needs_en', 'table_types']).font =
    {
      bold: true,
    };
  for (const r of RULE_MODULES) {
    const m = r.meta;
    ws.addRow([
      m.id,
      m.family,
      m.severity,
      r.scope,
      m.title.zh,
      m.title.en,
      m.needs.zh,
      m.needs.en,
      m.tables.join(' '),
    ]);
  }
}

/** Which rules ran on which table of the exported dataset, and which could not and why. */
function addCoverage(wb: ExcelJS.Workbook, input: ExportInput): void {
  const v = createValidator();
  v.run(input.document);
  const titles = new Map(input.document.tables.map((t) => [t.id, t.title]));
  const ws = wb.addWorksheet('coverage', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.addRow(['table', 'title', 'rule', 'status', 'reason_zh', 'reason_en', 'tables_read']).font = { bold: true };
  for (const e of v.coverage().entries) {
    if (e.status === 'not_applicable') continue;
    ws.addRow([
      e.table ?? '',
      e.table ? (titles.get(e.table) ?? '') : '',
      e.rule,
      e.status,
      e.reason?.zh ?? '',
      e.reason?.en ?? '',
      e.tables.join(' '),
    ]);
  }
}

export async function buildXlsx(input: ExportInput): Promise<Uint8Array> {
  const doc = input.document;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Budget Review Workstation';
  wb.created = input.exportedAt ?? new Date();
  const names = tableSheetNames(doc.tables);
  doc.tables.forEach((t, i) => addTableSheet(wb, names[i]!, t, doc.meta.moneyUnit));

  const data = wb.addWorksheet('data', { views: [{ state: 'frozen', ySplit: 1 }] });
  data.addRow(TIDY_COLUMNS).font = { bold: true };
  for (const f of tidyFacts(doc)) data.addRow(TIDY_COLUMNS.map((k) => f[k]));
  data.getColumn(TIDY_COLUMNS.indexOf('value_wan') + 1).numFmt = '0.00####';

  const findings = wb.addWorksheet('findings', { views: [{ state: 'frozen', ySplit: 1 }] });
  findings.addRow([
    'id',
    'rule',
    'severity',
    'message_zh',
    'message_en',
    'expected',
    'actual',
    'difference',
    'tolerance',
    'cells',
    'waiver',
  ]).font = {
    bold: true,
  };
  for (const f of input.findings) {
    findings.addRow([
      f.id,
      f.rule,
      f.severity,
      f.message.zh,
      f.message.en,
      f.expected,
      f.actual,
      f.difference,
      f.tolerance ?? null,
      f.refs.map((r) => cellName(doc, r.table, r.row, r.col)).join('; '),
      input.overlay.waivers[f.id] ?? '',
    ]);
  }

  addLegend(wb);
  addCoverage(wb, input);

  const so = wb.addWorksheet('sign-off');
  const s = input.signOff;
  const rows: [string, string | number][] = s
    ? [
        ['status', 'signed off'],
        ['reviewer', s.reviewer],
        ['signed at', s.at],
        ['note', s.note],
        ['revision', s.revision],
        ['PDF SHA-256', s.pdfSha256],
        ['dataset SHA-256', s.datasetSha256],
        ['public key (Ed25519, SPKI base64)', s.publicKey],
        ['signature (Ed25519, base64)', s.signature],
      ]
    : [
        ['status', 'not signed off'],
        ['revision', input.revision],
        ['PDF SHA-256', input.info.docId],
      ];
  for (const r of rows) so.addRow(r);
  so.getColumn(1).width = 34;
  so.getColumn(2).width = 80;

  const journal = wb.addWorksheet('journal', { views: [{ state: 'frozen', ySplit: 1 }] });
  journal.addRow(['seq', 'at', 'who', 'revision', 'change', 'before', 'after']).font = { bold: true };
  for (const rec of input.journal) {
    const d = describeRecord(rec, doc);
    journal.addRow([rec.seq, rec.at, rec.who, rec.revision, d.what, d.before, d.after]);
  }

  if (s) {
    // What verify needs to check this workbook: the sign-off and the exact signed text.
    const sig = wb.addWorksheet(SIGNATURE_SHEET, { state: 'veryHidden' });
    sig.addRow([JSON.stringify(s)]);
    const text = canonicalDataset(doc);
    for (let i = 0; i < text.length; i += CHUNK) sig.addRow([text.slice(i, i + CHUNK)]);
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

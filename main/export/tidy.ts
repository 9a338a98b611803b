import type { Cell, Column, ExtractedDocument, Row, Table } from '../../shared/model';

/** One amount cell in long ("tidy") form, DOMAIN.md §6 `fact`, with the table and document facts repeated. */
export interface TidyFact {
  doc_id: string;
  dept_name: string | null;
  fiscal_year: number | null;
  doc_kind: string | null;
  unit_code: string | null;
  unit_name: string | null;
  table_id: string;
  table_type: string;
  table_number: string | null;
  table_title: string;
  /** Unit the table printed its amounts in; `value_wan` is always 万元. */
  money_unit: string;
  row_order: number;
  row_kind: string;
  code: string | null;
  code_level: string | null;
  parent_code: string | null;
  name: string | null;
  column_key: string;
  measure: string;
  value_wan: number | null;
  value_raw: string;
  page: number | null;
  confidence: number;
  corrected: boolean;
  confirmed: boolean;
}

export const TIDY_COLUMNS: (keyof TidyFact)[] = [
  'doc_id',
  'dept_name',
  'fiscal_year',
  'doc_kind',
  'unit_code',
  'unit_name',
  'table_id',
  'table_type',
  'table_number',
  'table_title',
  'money_unit',
  'row_order',
  'row_kind',
  'code',
  'code_level',
  'parent_code',
  'name',
  'column_key',
  'measure',
  'value_wan',
  'value_raw',
  'page',
  'confidence',
  'corrected',
  'confirmed',
];

const ID_LIKE = /编码|代码|序号|行次|栏次/u;

/** Columns holding amounts: marked so by extraction, or (unmarked) holding numbers and not named like a code. */
export function amountColumns(t: Table): number[] {
  const width = Math.max(t.columns.length, ...t.rows.map((r) => r.cells.length), 0);
  const out: number[] = [];
  for (let j = 0; j < width; j++) {
    const col: Column | undefined = t.columns[j];
    if (col?.role === 'amount') out.push(j);
    else if (!col?.role && !ID_LIKE.test(col?.label ?? '') && t.rows.some((r) => r.cells[j]?.value != null))
      out.push(j);
  }
  return out;
}

export function toWan(value: number | null, unit: string): number | null {
  if (value === null) return null;
  return unit === '元' ? Number((value / 10000).toFixed(6)) : value;
}

const isLabel = (c: Column | undefined) => c?.role === 'name' || c?.role === 'text';

function nearestLeft(t: Table, j: number, test: (c: Column | undefined) => boolean): number {
  for (let k = j - 1; k >= 0; k--) if (test(t.columns[k])) return k;
  return -1;
}

/**
 * The row label and code an amount column belongs to. Side-by-side tables (收支总表: 收入 items left, 支出 items
 * right) carry a second label column, so the label is the nearest label column to the left, not always `row.name`.
 */
export function rowLabelFor(t: Table, rowIndex: number, j: number): { code: string | null; name: string | null } {
  const row = t.rows[rowIndex]!;
  const firstName = t.columns.findIndex(isLabel);
  const firstCode = t.columns.findIndex((c) => c.role === 'code');
  const n = nearestLeft(t, j, isLabel);
  const c = nearestLeft(t, j, (col) => col?.role === 'code');
  const name = n < 0 || n === firstName ? (row.name ?? (row.cells[n]?.text || null)) : row.cells[n]?.text || null;
  const code = c < 0 || c === firstCode ? row.code : row.cells[c]?.text || null;
  return { code, name };
}

/** One amount cell of a table as the tidy exports see it: where it is, its unit, its row's subject and its column. */
export interface AmountCell {
  t: Table;
  row: Row;
  /** Row index in the table. */
  i: number;
  /** Column index. */
  j: number;
  cell: Cell;
  /** The money unit the table printed (the document's where the table names none). */
  unit: string;
  label: { code: string | null; name: string | null };
  /** The column's header, spanning labels joined. */
  measure: string;
}

/** Every non-blank cell of every amount column of every non-empty table: what the tidy data and the dataset hold. */
export function* amountCells(doc: ExtractedDocument): Generator<AmountCell> {
  for (const t of doc.tables) {
    if (t.empty) continue;
    const unit = t.moneyUnit ?? doc.meta.moneyUnit ?? '万元';
    const cols = amountColumns(t);
    for (let i = 0; i < t.rows.length; i++) {
      const row = t.rows[i]!;
      for (const j of cols) {
        const cell = row.cells[j];
        if (!cell || (cell.text === '' && cell.value === null)) continue;
        const measure =
          t.columns[j]?.label ??
          t.header
            .map((h) => h[j] ?? '')
            .filter(Boolean)
            .join(' / ');
        yield { t, row, i, j, cell, unit, label: rowLabelFor(t, i, j), measure };
      }
    }
  }
}

export function tidyFacts(doc: ExtractedDocument): TidyFact[] {
  const out: TidyFact[] = [];
  for (const { t, row, i, j, cell, unit, label, measure } of amountCells(doc)) {
    const sameAsRow = label.code === row.code;
    out.push({
      doc_id: doc.source.sha256,
      dept_name: doc.meta.department,
      fiscal_year: doc.meta.year,
      doc_kind: doc.meta.kind,
      unit_code: t.unitCode ?? doc.meta.unitCode,
      unit_name: t.unitName ?? doc.meta.department,
      table_id: t.id,
      table_type: t.type,
      table_number: t.number,
      table_title: t.title,
      money_unit: unit,
      row_order: i + 1,
      row_kind: row.kind,
      code: label.code,
      code_level: sameAsRow ? row.level : null,
      parent_code: sameAsRow ? row.parent : null,
      name: label.name,
      column_key: t.columns[j]?.key ?? `c${j}`,
      measure,
      value_wan: toWan(cell.value, unit),
      value_raw: cell.text,
      page: cell.page,
      confidence: cell.confidence,
      corrected: cell.corrected === true,
      confirmed: cell.confirmed === true,
    });
  }
  return out;
}

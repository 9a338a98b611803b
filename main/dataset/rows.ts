import path from 'node:path';
import type { ExtractedDocument, Finding } from '../../shared/model';
import { departmentKey } from '../../shared/compare/identity';
import { amountCells, toWan } from '../export/tidy';

/**
 * One amount cell of one document as a dataset row: who (department, unit code), which document (year, kind,
 * file), where (table, page), what (subject code and name, measure) and the figure as printed and in 万元, with how
 * many open findings the validation raised on its table row. Columns are the same for CSV, XLSX and Parquet.
 */
export interface DatasetRow {
  doc_id: string;
  source_file: string;
  department: string | null;
  department_key: string | null;
  unit_code: string | null;
  unit_name: string | null;
  year: number | null;
  kind: string | null;
  table_id: string;
  table_number: string | null;
  table_type: string;
  table_title: string;
  row_kind: string;
  subject_code: string | null;
  code_level: string | null;
  subject_name: string | null;
  measure: string;
  value: number | null;
  unit: string;
  value_wan: number | null;
  value_raw: string;
  source_page: number | null;
  findings: number;
}

export type ColumnType = 'STRING' | 'INT32' | 'DOUBLE';

export const DATASET_COLUMNS: { name: keyof DatasetRow; type: ColumnType }[] = [
  { name: 'doc_id', type: 'STRING' },
  { name: 'source_file', type: 'STRING' },
  { name: 'department', type: 'STRING' },
  { name: 'department_key', type: 'STRING' },
  { name: 'unit_code', type: 'STRING' },
  { name: 'unit_name', type: 'STRING' },
  { name: 'year', type: 'INT32' },
  { name: 'kind', type: 'STRING' },
  { name: 'table_id', type: 'STRING' },
  { name: 'table_number', type: 'STRING' },
  { name: 'table_type', type: 'STRING' },
  { name: 'table_title', type: 'STRING' },
  { name: 'row_kind', type: 'STRING' },
  { name: 'subject_code', type: 'STRING' },
  { name: 'code_level', type: 'STRING' },
  { name: 'subject_name', type: 'STRING' },
  { name: 'measure', type: 'STRING' },
  { name: 'value', type: 'DOUBLE' },
  { name: 'unit', type: 'STRING' },
  { name: 'value_wan', type: 'DOUBLE' },
  { name: 'value_raw', type: 'STRING' },
  { name: 'source_page', type: 'INT32' },
  { name: 'findings', type: 'INT32' },
];

/** Findings (errors, warnings, rounding; not `info`) per table row they point at. */
function findingsByRow(findings: readonly Finding[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const f of findings) {
    if (f.severity === 'info') continue;
    const rows = new Set(f.refs.filter((r) => r.row >= 0).map((r) => `${r.table}:${r.row}`));
    for (const k of rows) m.set(k, (m.get(k) ?? 0) + 1);
  }
  return m;
}

/** `file` is the path the row names as its source (relative to the dataset's folder). */
export function datasetRows(doc: ExtractedDocument, findings: readonly Finding[], file: string): DatasetRow[] {
  const perRow = findingsByRow(findings);
  const out: DatasetRow[] = [];
  const dept = doc.meta.department;
  const key = departmentKey(dept);
  const sourceFile = file.split(path.sep).join('/');
  for (const { t, row, i, cell, unit, label, measure } of amountCells(doc)) {
    out.push({
      doc_id: doc.source.sha256,
      source_file: sourceFile,
      department: dept,
      department_key: key,
      unit_code: t.unitCode ?? doc.meta.unitCode,
      unit_name: t.unitName ?? null,
      year: doc.meta.year,
      kind: doc.meta.kind,
      table_id: t.id,
      table_number: t.number,
      table_type: t.type,
      table_title: t.title,
      row_kind: row.kind,
      subject_code: label.code,
      code_level: label.code === row.code ? row.level : null,
      subject_name: label.name,
      measure,
      value: cell.value,
      unit,
      value_wan: toWan(cell.value, unit),
      value_raw: cell.text,
      source_page: cell.page,
      findings: perRow.get(`${t.id}:${i}`) ?? 0,
    });
  }
  return out;
}

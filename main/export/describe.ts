import type { EditOp, ExtractedDocument, Table } from '../../shared/model';
import type { JournalRecord } from '../review/journal';

export function tableName(t: Pick<Table, 'id' | 'title' | 'number'>): string {
  return `${t.number ? `${t.number} ` : ''}${t.title} (${t.id})`;
}

/** "row 3 [2010303 项目3]" — 1-based, with the code and label a reader finds on the page. */
export function rowName(t: Table | undefined, row: number): string {
  const r = t?.rows[row];
  const label = [r?.code, r?.name].filter(Boolean).join(' ');
  return `row ${row + 1}${label ? ` [${label}]` : ''}`;
}

export function columnName(t: Table | undefined, col: number): string {
  const label = t?.columns[col]?.label;
  return `column ${col + 1}${label ? ` "${label}"` : ''}`;
}

export function cellName(doc: ExtractedDocument | null, table: string, row: number, col: number): string {
  const t = doc?.tables.find((x) => x.id === table);
  const parts = [t ? tableName(t) : `table ${table}`];
  if (row >= 0) parts.push(rowName(t, row));
  if (col >= 0) parts.push(columnName(t, col));
  return parts.join(', ');
}

export function describeOp(op: EditOp, doc: ExtractedDocument | null): { what: string; before: string; after: string } {
  switch (op.op) {
    case 'setCell':
      return { what: `set ${cellName(doc, op.table, op.row, op.col)}`, before: op.before.text, after: op.after.text };
    case 'spliceRows':
      return {
        what: `${op.intent} rows at ${cellName(doc, op.table, op.index, -1)}`,
        before: `${op.removed.length} row(s)`,
        after: `${op.inserted.length} row(s)`,
      };
    case 'confirmCell':
      return {
        what: `${op.confirmed ? 'confirm' : 'unconfirm'} ${cellName(doc, op.table, op.row, op.col)}`,
        before: '',
        after: '',
      };
    case 'setTableStatus':
      return { what: `status of ${cellName(doc, op.table, -1, -1)}`, before: op.before, after: op.after };
    case 'waiveFinding':
      return { what: `waive finding ${op.findingId}`, before: op.before ?? '', after: op.after ?? '' };
    case 'replaceTable':
      return {
        what: `${op.before ? (op.after ? 'replace' : 'remove') : 'add'} table ${op.id}`,
        before: op.before ? tableName(op.before) : '',
        after: op.after ? tableName(op.after) : '',
      };
    case 'batch':
      return { what: `${op.label} (${op.ops.length} changes)`, before: '', after: '' };
  }
}

export function describeRecord(
  rec: JournalRecord,
  doc: ExtractedDocument | null,
): { what: string; before: string; after: string } {
  switch (rec.kind) {
    case 'op':
      return describeOp(rec.op, doc);
    case 'signOff':
      return {
        what: `signed off: ${rec.signOff.note}`,
        before: '',
        after: `dataset ${rec.signOff.datasetSha256.slice(0, 16)}…`,
      };
    case 'reopen':
      return { what: `re-opened as revision ${rec.revision}: ${rec.reason}`, before: '', after: '' };
  }
}

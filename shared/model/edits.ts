import { z } from 'zod';
import { RowSchema, TableSchema, type ExtractedDocument, type Row, type Table, type Cell } from './document';
import { parseAmount } from './amount';

export const TABLE_STATUSES = ['unreviewed', 'in_progress', 'reviewed'] as const;
export const TableStatusSchema = z.enum(TABLE_STATUSES);
export type TableStatus = z.infer<typeof TableStatusSchema>;

const CellValueSchema = z.object({ text: z.string(), value: z.number().nullable() });

/**
 * Every change a reviewer makes is one of these operations, carrying both sides so that undo, the journal,
 * the audit trail and re-validation all work from the same record. Row insert / delete / move / split / merge are
 * all a `spliceRows` (rows removed at an index, rows inserted there); `intent` keeps what the reviewer meant.
 */
export const EditOpSchema = z.discriminatedUnion('op', [
  z.object({
    op: z.literal('setCell'),
    table: z.string(),
    row: z.number().int().nonnegative(),
    col: z.number().int().nonnegative(),
    before: CellValueSchema,
    after: CellValueSchema,
  }),
  z.object({
    op: z.literal('spliceRows'),
    table: z.string(),
    index: z.number().int().nonnegative(),
    removed: z.array(RowSchema),
    inserted: z.array(RowSchema),
    intent: z.enum(['insert', 'delete', 'move', 'split', 'merge', 'paste', 'edit']),
  }),
  z.object({
    op: z.literal('confirmCell'),
    table: z.string(),
    row: z.number().int().nonnegative(),
    col: z.number().int().nonnegative(),
    confirmed: z.boolean(),
  }),
  z.object({ op: z.literal('setTableStatus'), table: z.string(), before: TableStatusSchema, after: TableStatusSchema }),
  z.object({
    op: z.literal('waiveFinding'),
    findingId: z.string(),
    /** null removes the waiver. */
    before: z.string().nullable(),
    after: z.string().nullable(),
  }),
  /** Add (before null), replace (re-extraction) or remove (after null) a whole table. */
  z.object({
    op: z.literal('replaceTable'),
    id: z.string(),
    before: TableSchema.nullable(),
    after: TableSchema.nullable(),
  }),
  /** Several operations that undo and redo as one (paste of a block, split of a row). */
  z.object({ op: z.literal('batch'), label: z.string(), ops: z.array(z.lazy((): z.ZodType<EditOp> => EditOpSchema)) }),
]);
export type EditOp =
  | { op: 'setCell'; table: string; row: number; col: number; before: CellValue; after: CellValue }
  | {
      op: 'spliceRows';
      table: string;
      index: number;
      removed: Row[];
      inserted: Row[];
      intent: 'insert' | 'delete' | 'move' | 'split' | 'merge' | 'paste' | 'edit';
    }
  | { op: 'confirmCell'; table: string; row: number; col: number; confirmed: boolean }
  | { op: 'setTableStatus'; table: string; before: TableStatus; after: TableStatus }
  | { op: 'waiveFinding'; findingId: string; before: string | null; after: string | null }
  | { op: 'replaceTable'; id: string; before: Table | null; after: Table | null }
  | { op: 'batch'; label: string; ops: EditOp[] };
export type CellValue = z.infer<typeof CellValueSchema>;

/** What review adds on top of the extracted document. */
export interface ReviewOverlay {
  tableStatus: Record<string, TableStatus>;
  /** finding id → written reason. */
  waivers: Record<string, string>;
}

export function emptyOverlay(): ReviewOverlay {
  return { tableStatus: {}, waivers: {} };
}

export class EditConflictError extends Error {}

/** The operation that undoes `op`. */
export function invertOp(op: EditOp): EditOp {
  switch (op.op) {
    case 'setCell':
      return { ...op, before: op.after, after: op.before };
    case 'spliceRows':
      return { ...op, removed: op.inserted, inserted: op.removed };
    case 'confirmCell':
      return { ...op, confirmed: !op.confirmed };
    case 'setTableStatus':
      return { ...op, before: op.after, after: op.before };
    case 'waiveFinding':
      return { ...op, before: op.after, after: op.before };
    case 'replaceTable':
      return { ...op, before: op.after, after: op.before };
    case 'batch':
      return { ...op, ops: op.ops.map(invertOp).reverse() };
  }
}

/** Tables an operation touches (for incremental re-validation). */
export function tablesTouched(op: EditOp): string[] {
  switch (op.op) {
    case 'waiveFinding':
      return [];
    case 'replaceTable':
      return [op.id];
    case 'batch':
      return [...new Set(op.ops.flatMap(tablesTouched))];
    default:
      return [op.table];
  }
}

function findTable(doc: ExtractedDocument, id: string): number {
  const i = doc.tables.findIndex((t) => t.id === id);
  if (i < 0) throw new EditConflictError(`no table ${id}`);
  return i;
}

function withTable(doc: ExtractedDocument, id: string, f: (t: Table) => Table): ExtractedDocument {
  const i = findTable(doc, id);
  const tables = doc.tables.slice();
  tables[i] = f(tables[i]!);
  return { ...doc, tables };
}

function withCell(t: Table, row: number, col: number, f: (c: Cell) => Cell): Table {
  const r = t.rows[row];
  if (!r) throw new EditConflictError(`table ${t.id} has no row ${row}`);
  // A cell beyond the table's columns would widen every later load of the review by that many blank cells.
  if (!Number.isInteger(col) || col < 0 || col >= Math.max(t.columns.length, r.cells.length))
    throw new EditConflictError(`table ${t.id} has no column ${col}`);
  const cells = r.cells.slice();
  while (cells.length <= col) cells.push(blankCell());
  cells[col] = f(cells[col]!);
  const rows = t.rows.slice();
  rows[row] = { ...r, cells };
  return { ...t, rows };
}

/** Rows are the same when they print the same texts (ids are not part of a row: the grid keeps its own). */
function sameRow(a: Row, b: Row): boolean {
  return a.cells.length === b.cells.length && a.cells.every((c, i) => c.text === b.cells[i]!.text);
}

export function blankCell(): Cell {
  return { text: '', value: null, page: null, bbox: null, confidence: 1 };
}

/**
 * Applies `op` to the document and overlay, returning new objects (inputs are not changed).
 * Checks the operation's `before` against the current state so a stale edit is refused instead of silently
 * overwriting someone else's change.
 */
export function applyOp(
  doc: ExtractedDocument,
  overlay: ReviewOverlay,
  op: EditOp,
): { doc: ExtractedDocument; overlay: ReviewOverlay } {
  switch (op.op) {
    case 'setCell': {
      const next = withTable(doc, op.table, (t) =>
        withCell(t, op.row, op.col, (c) => {
          if (c.text !== op.before.text) {
            throw new EditConflictError(
              `cell ${op.table}[${op.row},${op.col}] is "${c.text}", not "${op.before.text}"`,
            );
          }
          // The amount is what the text says, whatever the sender computed: validation reads values, reviewers text.
          const parsed = parseAmount(op.after.text);
          const value = parsed.ok ? parsed.value : null;
          return { ...c, text: op.after.text, value, corrected: true, confirmed: false };
        }),
      );
      return { doc: next, overlay };
    }
    case 'spliceRows': {
      const next = withTable(doc, op.table, (t) => {
        if (!Number.isInteger(op.index) || op.index < 0 || op.index + op.removed.length > t.rows.length)
          throw new EditConflictError(`table ${t.id} has no rows ${op.index}–${op.index + op.removed.length - 1}`);
        // A stale delete from another window names rows that have moved: refuse it rather than delete others.
        op.removed.forEach((want, k) => {
          if (!sameRow(t.rows[op.index + k]!, want))
            throw new EditConflictError(`table ${t.id} row ${op.index + k} is not the row the edit removes`);
        });
        const rows = t.rows.slice();
        rows.splice(op.index, op.removed.length, ...op.inserted);
        return { ...t, rows };
      });
      return { doc: next, overlay };
    }
    case 'confirmCell':
      return {
        doc: withTable(doc, op.table, (t) => withCell(t, op.row, op.col, (c) => ({ ...c, confirmed: op.confirmed }))),
        overlay,
      };
    case 'setTableStatus': {
      findTable(doc, op.table);
      const now = overlay.tableStatus[op.table] ?? 'unreviewed';
      if (now !== op.before) throw new EditConflictError(`table ${op.table} is ${now}, not ${op.before}`);
      return { doc, overlay: { ...overlay, tableStatus: { ...overlay.tableStatus, [op.table]: op.after } } };
    }
    case 'waiveFinding': {
      const now = overlay.waivers[op.findingId] ?? null;
      if (now !== op.before) throw new EditConflictError(`finding ${op.findingId} waiver changed meanwhile`);
      const waivers = { ...overlay.waivers };
      if (op.after === null) delete waivers[op.findingId];
      else waivers[op.findingId] = op.after;
      return { doc, overlay: { ...overlay, waivers } };
    }
    case 'replaceTable': {
      const i = doc.tables.findIndex((t) => t.id === op.id);
      const tables = doc.tables.slice();
      if (op.before === null && i >= 0) throw new EditConflictError(`table ${op.id} exists already`);
      if (op.before !== null && i < 0) throw new EditConflictError(`no table ${op.id}`);
      if (op.after === null) tables.splice(i, 1);
      else if (i >= 0) tables[i] = op.after;
      else tables.push(op.after);
      return { doc: { ...doc, tables }, overlay };
    }
    case 'batch': {
      let state = { doc, overlay };
      for (const o of op.ops) state = applyOp(state.doc, state.overlay, o);
      return state;
    }
  }
}

/** Builds a setCell for typed text: the amount is parsed the same way extraction parses it. */
export function setCellOp(doc: ExtractedDocument, table: string, row: number, col: number, text: string): EditOp {
  const t = doc.tables[findTable(doc, table)]!;
  const c = t.rows[row]?.cells[col] ?? blankCell();
  const parsed = parseAmount(text);
  return {
    op: 'setCell',
    table,
    row,
    col,
    before: { text: c.text, value: c.value },
    after: { text: text.trim(), value: parsed.ok ? parsed.value : null },
  };
}

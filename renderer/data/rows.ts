import { parseAmount } from '../../shared/model/amount';
import { blankCell, setCellOp, type EditOp } from '../../shared/model/edits';
import type { BBox, Cell, CodeLevel, ExtractedDocument, Row, Table } from '../../shared/model/document';

/**
 * Row-level edits built from the model's operations: typed changes, insert / delete / move, split and merge, paste.
 * Every function returns an EditOp (or the reason it cannot), never changes the table, so the store can apply,
 * journal and undo them like any other operation.
 */
export type Built = { ok: true; op: EditOp } | { ok: false; reason: string; at?: { row: number; col: number } };

function columnBy(t: Table, role: 'code' | 'name', label: RegExp): number {
  const byRole = t.columns.findIndex((c) => c.role === role);
  if (byRole >= 0) return byRole;
  return t.columns.findIndex((c) => c.role === undefined && label.test(c.label));
}

export function codeColumn(t: Table): number {
  return columnBy(t, 'code', /编码|代码|编号/u);
}

export function nameColumn(t: Table): number {
  return columnBy(t, 'name', /名称|项目/u);
}

/** An amount column by role; a column without a role counts when the engine read numbers in it. */
export function isAmountColumn(t: Table, col: number): boolean {
  const role = t.columns[col]?.role;
  if (role) return role === 'amount';
  return t.rows.some((r) => r.cells[col]?.value != null);
}

/** 3 digits 类, 5 款, 7 项 (functional 201/20101/2010101 and economic 301/30101 alike). */
export function levelOfCode(code: string | null): CodeLevel | null {
  if (!code || !/^\d+$/u.test(code)) return null;
  return code.length === 3 ? '类' : code.length === 5 ? '款' : code.length === 7 ? '项' : null;
}

export function parentOfCode(code: string | null): string | null {
  if (!code || !/^\d+$/u.test(code)) return null;
  return code.length === 5 ? code.slice(0, 3) : code.length === 7 ? code.slice(0, 5) : null;
}

/** Code, level, parent and name follow the row's cells, so an edited code cell re-files the row in the hierarchy. */
export function deriveRow(t: Table, row: Row): Row {
  const cc = codeColumn(t);
  const nc = nameColumn(t);
  const code = cc >= 0 ? (row.cells[cc]?.text.replace(/\s+/gu, '') ?? '') || null : row.code;
  const name = nc >= 0 ? row.cells[nc]?.text.trim() || null : row.name;
  return {
    ...row,
    code,
    level: cc >= 0 ? levelOfCode(code) : row.level,
    parent: cc >= 0 ? parentOfCode(code) : row.parent,
    name,
  };
}

/** The refusal message for typed text, or null when the column accepts it. */
export function checkInput(t: Table, col: number, text: string): string | null {
  if (!isAmountColumn(t, col)) return null;
  const p = parseAmount(text);
  return p.ok ? null : p.reason;
}

function typedCell(old: Cell | undefined, text: string, amount: boolean): Cell {
  const base = old ?? blankCell();
  const p = parseAmount(text);
  return { ...base, text: text.trim(), value: amount && p.ok ? p.value : null, corrected: true, confirmed: false };
}

/**
 * Typed changes to one row. Amount and plain text cells become setCell operations; a change to the code or name
 * cell replaces the row (spliceRows "edit") so its code, level and parent follow.
 */
export function rowChangesOp(
  doc: ExtractedDocument,
  t: Table,
  rowIndex: number,
  changes: readonly { col: number; text: string }[],
  intent: 'edit' | 'paste' = 'edit',
): Built {
  const row = t.rows[rowIndex];
  if (!row) return { ok: false, reason: `no row ${rowIndex + 1}` };
  for (const ch of changes) {
    const bad = checkInput(t, ch.col, ch.text);
    if (bad) return { ok: false, reason: bad, at: { row: rowIndex, col: ch.col } };
  }
  const real = changes.filter((ch) => (row.cells[ch.col]?.text ?? '') !== ch.text.trim());
  if (real.length === 0) return { ok: false, reason: 'unchanged' };
  const structural = real.some((ch) => ch.col === codeColumn(t) || ch.col === nameColumn(t));
  if (structural) {
    const cells = row.cells.slice();
    for (const ch of real) {
      while (cells.length <= ch.col) cells.push(blankCell());
      cells[ch.col] = typedCell(cells[ch.col], ch.text, isAmountColumn(t, ch.col));
    }
    const next = deriveRow(t, { ...row, cells });
    return {
      ok: true,
      op: { op: 'spliceRows', table: t.id, index: rowIndex, removed: [row], inserted: [next], intent },
    };
  }
  const ops = real.map((ch) => {
    const op = setCellOp(doc, t.id, rowIndex, ch.col, ch.text);
    if (op.op === 'setCell' && !isAmountColumn(t, ch.col)) op.after = { ...op.after, value: null };
    return op;
  });
  return { ok: true, op: ops.length === 1 ? ops[0]! : { op: 'batch', label: intent, ops } };
}

export function blankRow(t: Table): Row {
  return { kind: 'data', code: null, level: null, parent: null, name: null, cells: t.columns.map(() => blankCell()) };
}

export function insertRowOp(t: Table, at: number): EditOp {
  const index = Math.max(0, Math.min(at, t.rows.length));
  return { op: 'spliceRows', table: t.id, index, removed: [], inserted: [blankRow(t)], intent: 'insert' };
}

export function deleteRowsOp(t: Table, from: number, count = 1): Built {
  const removed = t.rows.slice(from, from + count);
  if (removed.length === 0) return { ok: false, reason: 'no rows' };
  return { ok: true, op: { op: 'spliceRows', table: t.id, index: from, removed, inserted: [], intent: 'delete' } };
}

/** Moves one row from `from` to position `to`; the same row objects are re-inserted so the grid keeps their ids. */
export function moveRowOp(t: Table, from: number, to: number): Built {
  if (from === to || !t.rows[from] || to < 0 || to >= t.rows.length) return { ok: false, reason: 'cannot move there' };
  const lo = Math.min(from, to);
  const hi = Math.max(from, to);
  const removed = t.rows.slice(lo, hi + 1);
  const inserted = removed.slice();
  const [moved] = inserted.splice(from - lo, 1);
  inserted.splice(to - lo, 0, moved!);
  return { ok: true, op: { op: 'spliceRows', table: t.id, index: lo, removed, inserted, intent: 'move' } };
}

/** Where a cell the engine joined from two printed lines splits: a line break first, else between two tokens. */
function splitText(text: string, kind: 'amount' | 'code' | 'text'): [string, string] {
  const nl = text.indexOf('\n');
  if (nl >= 0) return [text.slice(0, nl).trim(), text.slice(nl + 1).trim()];
  const parts = text.trim().split(/\s+/u);
  if (parts.length >= 2) {
    const ok =
      kind === 'amount'
        ? parts.every((p) => parseAmount(p).ok)
        : kind === 'code'
          ? parts.every((p) => /^\d+$/u.test(p))
          : true;
    if (ok) return [parts[0]!, parts.slice(1).join(kind === 'text' ? ' ' : '')];
  }
  return [text, ''];
}

/**
 * Splits a row the engine merged from two printed rows. Each cell is cut where it holds two lines (or two numbers /
 * codes); what cannot be cut stays in the first row, and the second row starts blank there for the reviewer to fill.
 */
export function splitRowOp(t: Table, index: number): Built {
  const row = t.rows[index];
  if (!row) return { ok: false, reason: `no row ${index + 1}` };
  const cc = codeColumn(t);
  const first: Cell[] = [];
  const second: Cell[] = [];
  row.cells.forEach((c, col) => {
    const amount = isAmountColumn(t, col);
    const [a, b] = splitText(c.text, amount ? 'amount' : col === cc ? 'code' : 'text');
    const changed = b !== '';
    const pa = parseAmount(a);
    const pb = parseAmount(b);
    first.push(
      changed ? { ...c, text: a, value: amount && pa.ok ? pa.value : null, corrected: true, confirmed: false } : c,
    );
    second.push({
      ...blankCell(),
      page: c.page,
      bbox: c.bbox,
      text: b,
      value: amount && pb.ok ? pb.value : null,
      confidence: changed ? c.confidence : 1,
      corrected: true,
    });
  });
  const a = deriveRow(t, { ...row, cells: first });
  const b = deriveRow(t, { ...row, kind: 'data', cells: second });
  return { ok: true, op: { op: 'spliceRows', table: t.id, index, removed: [row], inserted: [a, b], intent: 'split' } };
}

function joinText(a: string, b: string): string {
  if (!a) return b;
  if (!b) return a;
  // Chinese wraps without a space; Latin words and numbers need one.
  return /[A-Za-z0-9]$/u.test(a) && /^[A-Za-z0-9]/u.test(b) ? `${a} ${b}` : a + b;
}

function unionBox(a: BBox | null, b: BBox | null): BBox | null {
  if (!a) return b;
  if (!b) return a;
  return [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])];
}

/**
 * Merges row `index` with the next one (a printed row the engine split, typically a wrapped name). Text is joined;
 * an amount is taken from whichever row has it — when both do, the first is kept at low confidence so the reviewer
 * looks at it instead of trusting a guess.
 */
export function mergeRowsOp(t: Table, index: number): Built {
  const a = t.rows[index];
  const b = t.rows[index + 1];
  if (!a || !b) return { ok: false, reason: 'needs a row below to merge with' };
  const n = Math.max(a.cells.length, b.cells.length);
  const cells: Cell[] = [];
  for (let col = 0; col < n; col++) {
    const ca = a.cells[col] ?? blankCell();
    const cb = b.cells[col] ?? blankCell();
    const samePage = ca.page === cb.page || ca.page === null || cb.page === null;
    const page = ca.page ?? cb.page;
    const bbox = samePage ? unionBox(ca.bbox, cb.bbox) : (ca.bbox ?? cb.bbox);
    if (isAmountColumn(t, col)) {
      const aBlank = ca.text.trim() === '';
      const bBlank = cb.text.trim() === '';
      const pick = aBlank ? cb : ca;
      const conflict = !aBlank && !bBlank;
      cells.push({
        ...pick,
        page,
        bbox,
        confidence: conflict ? Math.min(0.5, ca.confidence, cb.confidence) : Math.min(ca.confidence, cb.confidence),
        corrected: true,
        confirmed: false,
      });
    } else {
      const text = joinText(ca.text.trim(), cb.text.trim());
      cells.push({
        ...ca,
        text,
        value: null,
        page,
        bbox,
        confidence: Math.min(ca.confidence, cb.confidence),
        corrected: true,
        confirmed: false,
      });
    }
  }
  const merged = deriveRow(t, { ...a, kind: a.kind === 'total' || b.kind === 'total' ? 'total' : 'data', cells });
  return {
    ok: true,
    op: { op: 'spliceRows', table: t.id, index, removed: [a, b], inserted: [merged], intent: 'merge' },
  };
}

/**
 * A block pasted at (row, col): cells inside the table become edits of their rows, rows past the end are added.
 * Every amount is checked first; one bad value refuses the whole paste (a half-applied block is worse than none).
 * Columns beyond the table's width are dropped and counted.
 */
export function pasteOp(
  doc: ExtractedDocument,
  t: Table,
  row: number,
  col: number,
  block: readonly (readonly string[])[],
): Built & { clipped?: number } {
  const width = t.columns.length;
  let clipped = 0;
  const ops: EditOp[] = [];
  const added: Row[] = [];
  for (let r = 0; r < block.length; r++) {
    const line = block[r]!;
    const changes: { col: number; text: string }[] = [];
    line.forEach((text, k) => {
      if (col + k < width) changes.push({ col: col + k, text });
      else clipped++;
    });
    for (const ch of changes) {
      const bad = checkInput(t, ch.col, ch.text);
      if (bad) return { ok: false, reason: bad, at: { row: row + r, col: ch.col } };
    }
    const target = row + r;
    if (target < t.rows.length) {
      const built = rowChangesOp(doc, t, target, changes, 'paste');
      if (built.ok) ops.push(built.op);
      else if (built.reason !== 'unchanged') return built;
    } else {
      const fresh = blankRow(t);
      for (const ch of changes)
        fresh.cells[ch.col] = typedCell(fresh.cells[ch.col], ch.text, isAmountColumn(t, ch.col));
      added.push(deriveRow(t, fresh));
    }
  }
  if (added.length > 0) {
    ops.push({ op: 'spliceRows', table: t.id, index: t.rows.length, removed: [], inserted: added, intent: 'paste' });
  }
  if (ops.length === 0) return { ok: false, reason: 'unchanged' };
  return { ok: true, op: { op: 'batch', label: 'paste', ops }, clipped };
}

/** The rectangle [r0..r1] × [c0..c1] as TSV rows of the printed text. */
export function copyBlock(t: Table, r0: number, c0: number, r1: number, c1: number): string[][] {
  const out: string[][] = [];
  for (let r = Math.min(r0, r1); r <= Math.max(r0, r1); r++) {
    const row = t.rows[r];
    if (!row) continue;
    const line: string[] = [];
    for (let c = Math.min(c0, c1); c <= Math.max(c0, c1); c++) line.push(row.cells[c]?.text ?? '');
    out.push(line);
  }
  return out;
}

import type { Table } from '../../shared/model';
import { canonicalJson, type Dataset } from '../review/canonical';
import { columnName, rowName, tableName } from './describe';

/** One place where the data found in an export differs from the data that was signed. */
export interface Difference {
  table: string | null;
  row: number | null;
  col: number | null;
  field: string;
  signed: unknown;
  found: unknown;
  /** The whole difference in plain words. */
  description: string;
}

function same(a: unknown, b: unknown): boolean {
  return canonicalJson(a ?? null) === canonicalJson(b ?? null);
}

function show(v: unknown): string {
  if (v === undefined) return '(absent)';
  return typeof v === 'string' ? JSON.stringify(v) : canonicalJson(v);
}

/** Compares two datasets field by field and names every table, row, column and field that differs. */
export function diffDatasets(signed: Dataset, found: Dataset, limit = 200): Difference[] {
  const out: Difference[] = [];
  const push = (d: Omit<Difference, 'description'>, where: string) => {
    if (out.length < limit)
      out.push({ ...d, description: `${where}: ${d.field} was ${show(d.signed)} when signed, now ${show(d.found)}` });
  };
  const sm = (signed.meta ?? {}) as Record<string, unknown>;
  const fm = (found.meta ?? {}) as Record<string, unknown>;
  for (const k of new Set([...Object.keys(sm), ...Object.keys(fm)])) {
    if (!same(sm[k], fm[k]))
      push({ table: null, row: null, col: null, field: `meta.${k}`, signed: sm[k], found: fm[k] }, 'Document');
  }
  const foundById = new Map(found.tables.map((t) => [t.id, t]));
  const signedIds = new Set(signed.tables.map((t) => t.id));
  for (const s of signed.tables) {
    const f = foundById.get(s.id);
    if (!f) {
      push(
        { table: s.id, row: null, col: null, field: 'table', signed: tableName(s), found: undefined },
        `Table ${tableName(s)}`,
      );
      continue;
    }
    diffTable(s, f, push);
  }
  for (const f of found.tables) {
    if (!signedIds.has(f.id))
      push(
        { table: f.id, row: null, col: null, field: 'table', signed: undefined, found: tableName(f) },
        `Table ${tableName(f)}`,
      );
  }
  const sOrder = signed.tables.map((t) => t.id).filter((id) => foundById.has(id));
  const fOrder = found.tables.map((t) => t.id).filter((id) => signedIds.has(id));
  if (!same(sOrder, fOrder))
    push({ table: null, row: null, col: null, field: 'table order', signed: sOrder, found: fOrder }, 'Document');
  return out;
}

function diffTable(s: Table, f: Table, push: (d: Omit<Difference, 'description'>, where: string) => void): void {
  const where = `Table ${tableName(s)}`;
  const sRec = s as unknown as Record<string, unknown>;
  const fRec = f as unknown as Record<string, unknown>;
  for (const k of new Set([...Object.keys(sRec), ...Object.keys(fRec)])) {
    if (k === 'rows' || k === 'id') continue;
    if (!same(sRec[k], fRec[k]))
      push({ table: s.id, row: null, col: null, field: k, signed: sRec[k], found: fRec[k] }, where);
  }
  if (s.rows.length !== f.rows.length) {
    push(
      { table: s.id, row: null, col: null, field: 'number of rows', signed: s.rows.length, found: f.rows.length },
      where,
    );
  }
  const n = Math.min(s.rows.length, f.rows.length);
  for (let i = 0; i < n; i++) {
    const sr = s.rows[i]!;
    const fr = f.rows[i]!;
    const rowWhere = `${where}, ${rowName(s, i)}`;
    for (const k of ['kind', 'code', 'level', 'parent', 'name'] as const) {
      if (!same(sr[k], fr[k]))
        push({ table: s.id, row: i, col: null, field: k, signed: sr[k], found: fr[k] }, rowWhere);
    }
    const width = Math.max(sr.cells.length, fr.cells.length);
    for (let j = 0; j < width; j++) {
      const sc = sr.cells[j] as Record<string, unknown> | undefined;
      const fc = fr.cells[j] as Record<string, unknown> | undefined;
      if (same(sc, fc)) continue;
      const cellWhere = `${rowWhere}, ${columnName(s, j)}`;
      if (!sc || !fc) {
        push({ table: s.id, row: i, col: j, field: 'cell', signed: sc, found: fc }, cellWhere);
        continue;
      }
      for (const k of new Set([...Object.keys(sc), ...Object.keys(fc)])) {
        if (!same(sc[k], fc[k]))
          push({ table: s.id, row: i, col: j, field: k, signed: sc[k], found: fc[k] }, cellWhere);
      }
    }
  }
}

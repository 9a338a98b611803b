import { refOf, type Addend } from './context';
import type { Entry, TableView } from './view';

/** The table's printed title, or its id where none was printed: how findings name a table. */
export const titleOf = (v: TableView): string => v.table.title || v.table.id;

/** The printed figure in a slot of a row, with its cell reference; null when the cell is blank. */
export function addend(v: TableView, e: Entry, slot: number): Addend | null {
  const a = e.amounts[slot];
  return a === null || a === undefined ? null : { cents: a, ref: refOf(v, e, slot) };
}

export function present(list: (Addend | null)[]): Addend[] {
  return list.filter((a): a is Addend => a !== null);
}

/** The printed figure, or 0 for a blank that should have held one (templates that leave zeros blank). */
export function totalOf(v: TableView, e: Entry, slot: number): Addend | null {
  const col = e.cols[slot];
  if (col === undefined) return null;
  return addend(v, e, slot) ?? { cents: 0, ref: refOf(v, e, slot) };
}

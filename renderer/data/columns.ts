import type { Table } from '../../shared/model/document';

/**
 * Column groups from the printed header: a column's path is its label split on " / " (the model joins header rows
 * that way); neighbouring columns sharing a leading part are grouped under it, as the print spans them.
 */
export interface ColumnLeaf {
  kind: 'leaf';
  col: number;
  label: string;
}
export interface ColumnGroup {
  kind: 'group';
  label: string;
  children: ColumnNode[];
}
export type ColumnNode = ColumnLeaf | ColumnGroup;

function pathOf(t: Table, col: number): string[] {
  const label = t.columns[col]?.label ?? '';
  const parts = label
    .split(' / ')
    .map((s) => s.trim())
    .filter(Boolean);
  if (parts.length > 0) return parts;
  // No label: fall back to the header rows as printed, dropping repeats of a spanning cell.
  const fromHeader = t.header.map((r) => (r[col] ?? '').trim()).filter(Boolean);
  return fromHeader.filter((p, i) => fromHeader[i - 1] !== p);
}

function build(cols: { col: number; path: string[] }[], depth: number): ColumnNode[] {
  const out: ColumnNode[] = [];
  let i = 0;
  while (i < cols.length) {
    const c = cols[i]!;
    if (c.path.length <= depth + 1) {
      out.push({ kind: 'leaf', col: c.col, label: c.path[depth] ?? c.path.at(-1) ?? '' });
      i++;
      continue;
    }
    const head = c.path[depth]!;
    let j = i + 1;
    while (j < cols.length && cols[j]!.path.length > depth + 1 && cols[j]!.path[depth] === head) j++;
    out.push({ kind: 'group', label: head, children: build(cols.slice(i, j), depth + 1) });
    i = j;
  }
  return out;
}

export function columnTree(t: Table): ColumnNode[] {
  return build(
    t.columns.map((_, col) => ({ col, path: pathOf(t, col) })),
    0,
  );
}

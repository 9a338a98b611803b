import type { Table } from '../../shared/model/document';
import type { TableStatus } from '../../shared/model/edits';

export interface TableGroup {
  unit: string | null;
  tables: Table[];
}

/** Tables grouped by sub-unit (first appearance order); within a unit standard tables first, each kind in print order. */
export function groupTables(tables: readonly Table[]): TableGroup[] {
  const groups = new Map<string, TableGroup>();
  for (const t of tables) {
    const key = t.unitCode ?? t.unitName ?? '';
    const unit = t.unitName ? (t.unitCode ? `${t.unitCode} ${t.unitName}` : t.unitName) : (t.unitCode ?? null);
    const g = groups.get(key) ?? { unit, tables: [] };
    g.tables.push(t);
    groups.set(key, g);
  }
  // Standard tables in print order first, then project tables, performance forms and anything unrecognised.
  const typeRank = (t: Table) => (t.type === 'project' ? 1 : t.type === 'performance' ? 2 : t.type === 'other' ? 3 : 0);
  for (const g of groups.values()) {
    const order = new Map(g.tables.map((t, i) => [t, i]));
    g.tables.sort((a, b) => typeRank(a) - typeRank(b) || order.get(a)! - order.get(b)!);
  }
  return [...groups.values()];
}

/** Reviewed is the reviewer's word; "in progress" is shown as soon as any cell was corrected or confirmed. */
export function displayStatus(t: Table, status: TableStatus | undefined): TableStatus {
  if (status && status !== 'unreviewed') return status;
  return t.rows.some((r) => r.cells.some((c) => c.corrected || c.confirmed)) ? 'in_progress' : 'unreviewed';
}

/** The table the list shows first: where a reviewer starts. */
export function firstTable(tables: readonly Table[]): Table | null {
  return groupTables(tables)[0]?.tables[0] ?? null;
}

/** A table as lists name it: sub-unit, number and title; its id when it is gone. */
export function tableLabel(t: Table | undefined, id: string): string {
  if (!t) return id;
  return [t.unitName, t.number, t.title].filter(Boolean).join(' ');
}

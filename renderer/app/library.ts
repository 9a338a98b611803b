import type { RecentDocument } from '../../shared/api/contract';
import { departmentKey, sameDepartment } from '../../shared/compare/identity';

/**
 * The documents the workstation has opened, as a library: one group per department (the spellings one department
 * prints across years fold together, a unit code decides where printed), years newest first, a budget before the
 * final account of its year. Documents not yet extracted (no department read) form a group of their own, last.
 */
export interface LibraryGroup {
  /** The department as most recently printed, or null for documents whose department is not known. */
  department: string | null;
  docs: RecentDocument[];
  years: number[];
}

function identity(d: RecentDocument) {
  return { departmentKey: departmentKey(d.department), unitCode: d.unitCode ?? null };
}

/** Whether a document matches every word of the query (name, department, year, 预算 / 决算, unit code). */
export function matchesQuery(d: RecentDocument, query: string): boolean {
  const words = query.trim().toLowerCase().split(/\s+/u).filter(Boolean);
  if (words.length === 0) return true;
  const kind = d.kind === 'budget' ? '预算 budget' : d.kind === 'final' ? '决算 final' : '';
  const hay = [d.name, d.department ?? '', d.year ?? '', kind, d.unitCode ?? '', d.path ?? ''].join(' ').toLowerCase();
  return words.every((w) => hay.includes(w));
}

export function libraryGroups(recent: readonly RecentDocument[], query = ''): LibraryGroup[] {
  const groups: (LibraryGroup & { id: ReturnType<typeof identity> })[] = [];
  const unknown: RecentDocument[] = [];
  for (const d of recent) {
    if (!matchesQuery(d, query)) continue;
    const id = identity(d);
    if (!id.departmentKey && !id.unitCode) {
      unknown.push(d);
      continue;
    }
    const g = groups.find((x) => sameDepartment(x.id, id).same);
    if (g) g.docs.push(d);
    else groups.push({ department: d.department ?? null, docs: [d], years: [], id });
  }
  const order = (a: RecentDocument, b: RecentDocument) =>
    (b.year ?? 0) - (a.year ?? 0) ||
    (a.kind === b.kind ? 0 : a.kind === 'budget' ? -1 : 1) ||
    b.openedAt.localeCompare(a.openedAt);
  const out: LibraryGroup[] = groups.map(({ department, docs }) => {
    const sorted = [...docs].sort(order);
    const years = [...new Set(sorted.map((d) => d.year).filter((y): y is number => y !== null && y !== undefined))];
    return { department, docs: sorted, years };
  });
  // The department most recently worked on first.
  const latest = (g: LibraryGroup) => g.docs.reduce((m, d) => (d.openedAt > m ? d.openedAt : m), '');
  out.sort((a, b) => latest(b).localeCompare(latest(a)));
  if (unknown.length > 0) out.push({ department: null, docs: unknown, years: [] });
  return out;
}

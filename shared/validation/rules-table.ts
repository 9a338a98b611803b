import { colName, type Addend } from './context';
import { addend, totalOf } from './figures';
import { norm, stripOrdinal } from './text';
import type { TableView } from './view';

/**
 * Figures several rules read off one table: 人员经费 / 公用经费 of the basic-expenditure economic table and the
 * lines of a “三公” table.
 */

export const PERSONNEL = ['301', '303'];
export const PUBLIC = ['302', '307', '309', '310', '311', '312', '313', '399'];

/** 人员经费 / 公用经费 totals as printed: 合计-row columns, or labelled totals in side-by-side layouts. */
const ppCache = new WeakMap<TableView, Map<'personnel' | 'public', Addend>>();

export function personnelPublic(v: TableView): Map<'personnel' | 'public', Addend> {
  let m = ppCache.get(v);
  if (!m) {
    m = readPersonnelPublic(v);
    ppCache.set(v, m);
  }
  return m;
}

function readPersonnelPublic(v: TableView): Map<'personnel' | 'public', Addend> {
  const printed = new Map<'personnel' | 'public', Addend>();
  const g0 = v.groups[0];
  const grand = g0?.entries.find((e) => e.total === 'grand');
  if (g0 && grand) {
    for (const m of ['personnel', 'public'] as const) {
      const s = g0.amountCols.findIndex((c) => c.measure === m);
      if (s >= 0) {
        const a = totalOf(v, grand, s);
        if (a) printed.set(m, a);
      }
    }
  }
  // Labelled totals ("人员经费合计 … 1513.41") in side-by-side layouts: the first figure right of the label.
  v.table.rows.forEach((row, r) => {
    row.cells.forEach((c, i) => {
      const t = stripOrdinal(c.text);
      const m = /^人员经费(?:合计|小计)?$/u.test(t)
        ? 'personnel'
        : /^公用经费(?:合计|小计)?$/u.test(t)
          ? 'public'
          : null;
      if (!m || printed.has(m)) return;
      for (let j = i + 1; j < row.cells.length; j++) {
        const cell = row.cells[j]!;
        if (cell.value !== null && /\./u.test(cell.text)) {
          const col = j;
          printed.set(m, {
            cents: Math.round(cell.value * 100),
            ref: { ref: { table: v.table.id, row: r, col }, key: `${v.table.id}:${m}:${colName(v, col)}` },
          });
          break;
        }
        if (norm(cell.text) !== '' && cell.value === null) break;
      }
    });
  });
  return printed;
}

/** 人员经费 / 公用经费 as printed, else as the sum of their economic classes (templates without those columns). */
export function personnelPublicOrSum(v: TableView, which: 'personnel' | 'public'): Addend | null {
  const p = personnelPublic(v).get(which);
  if (p) return p;
  const parts: Addend[] = [];
  for (const code of which === 'personnel' ? PERSONNEL : PUBLIC) {
    const e = v.byCode.get(code)?.[0];
    if (!e) continue;
    const g = v.groups[e.group]!;
    const s = g.amountCols.findIndex((c) => c.total);
    const a = addend(v, e, s >= 0 ? s : 0);
    if (a) parts.push(a);
  }
  if (parts.length === 0) return null;
  return { cents: parts.reduce((x, a) => x + a.cents, 0), ref: parts[0]!.ref };
}

export type TpKey = 'total' | 'abroad' | 'car' | 'carBuy' | 'carRun' | 'reception';

export function tpKey(label: string): TpKey | null {
  const t = stripOrdinal(label);
  if (/^(?:合计|总计|三公经费合计|小计)$/u.test(t) || /三公.*合计/u.test(t)) return 'total';
  if (/出国/u.test(t)) return 'abroad';
  if (/接待/u.test(t)) return 'reception';
  if (/购置/u.test(t) && /运行/u.test(t)) return 'car';
  if (/购置/u.test(t)) return 'carBuy';
  if (/运行|运维/u.test(t)) return 'carRun';
  return null;
}

import type { Table, TableType } from '../model/document';
import { refOf, type Addend } from './context';
import { tpKey, type TpKey } from './rules-table';
import {
  grandTotal,
  incomeSourceOf,
  slotOf,
  valueUnder,
  viewOf,
  type Entry,
  type GroupView,
  type Measure,
  type TableView,
} from './view';

/**
 * The tables of one unit and the figures the cross-table rules (rules/X*.ts) read off them.
 */

/** The standard tables of one unit (first of each type), views built and cached per Table object. */
export interface UnitTables {
  unit: string;
  byType: Map<TableType, TableView>;
  all: TableView[];
}

export function groupByUnit(tables: readonly Table[]): UnitTables[] {
  const codes = new Set(tables.map((t) => t.unitCode ?? null).filter((c): c is string => !!c));
  const single = codes.size <= 1;
  const groups = new Map<string, UnitTables>();
  for (const t of tables) {
    const unit = single ? '' : (t.unitCode ?? '');
    let g = groups.get(unit);
    if (!g) {
      g = { unit, byType: new Map(), all: [] };
      groups.set(unit, g);
    }
    const v = viewOf(t);
    g.all.push(v);
    if (!g.byType.has(t.type)) g.byType.set(t.type, v);
  }
  return [...groups.values()];
}

/** A figure converted to cents of 万元, keeping its cell reference. */
export function wan(v: TableView, a: Addend): Addend {
  return v.scale === 1 ? a : { cents: Math.round(a.cents / v.scale), ref: a.ref };
}

export function cell(v: TableView, e: Entry, slot: number): Addend | null {
  if (slot < 0 || slot >= e.amounts.length) return null;
  return wan(v, { cents: e.amounts[slot] ?? 0, ref: refOf(v, e, slot) });
}

export function side(v: TableView | undefined, s: 'income' | 'expense'): GroupView | null {
  return v?.groups.find((g) => g.kind === 'side' && g.side === s) ?? null;
}

/** Items of a summary side up to its 本年合计 line, and that line. */
export function sideItems(g: GroupView): { items: Entry[]; sub: Entry | null } {
  const items: Entry[] = [];
  for (const e of g.entries) {
    if (e.total !== null || /合计$|总计$/u.test(e.label)) return { items, sub: e };
    items.push(e);
  }
  return { items, sub: null };
}

export function codedValue(v: TableView, code: string, m: Measure): { a: Addend; entries: Entry[] } | null {
  const g = v.groups[0];
  if (!g || g.kind !== 'coded') return null;
  const s = slotOf(g, m);
  if (s < 0) return null;
  const u = valueUnder(v, code, s);
  if (!u) return null;
  const first = u.entries[0]!;
  const extra = u.entries.slice(1);
  void extra;
  return { a: wan(v, { cents: u.cents, ref: refOf(v, first, s) }), entries: u.entries };
}

export function grand(v: TableView, m: Measure): Addend | null {
  const e = grandTotal(v);
  const g = v.groups[0];
  if (!e || !g) return null;
  return cell(v, e, slotOf(g, m));
}

export const SOURCES: Measure[] = [
  'gpb',
  'gf',
  'soe',
  'special',
  'business',
  'bizop',
  'upperSub',
  'affiliated',
  'other',
  'unitFunds',
  'carry',
];
export const SOURCE_ZH: Partial<Record<Measure, string>> = {
  gpb: '一般公共预算拨款收入',
  gf: '政府性基金预算拨款收入',
  soe: '国有资本经营预算拨款收入',
  special: '财政专户管理资金收入',
  business: '事业收入',
  bizop: '事业单位经营收入',
  upperSub: '上级补助收入',
  affiliated: '附属单位上缴收入',
  other: '其他收入',
  unitFunds: '单位资金',
  carry: '上年结转结余',
  fiscal: '财政拨款收入',
};

export function incomeBySource(v: TableView): Map<Measure, Entry> {
  const out = new Map<Measure, Entry>();
  const g = side(v, 'income');
  if (!g) return out;
  for (const e of sideItems(g).items) {
    const m = measureOfItem(e.label);
    if (m && !out.has(m)) out.set(m, e);
  }
  return out;
}

/** Income source named by a summary line or a narrative subject. */
export function measureOfItem(label: string): Measure | null {
  if (/上年结转|年初结转/u.test(label)) return 'carry';
  return incomeSourceOf(label);
}

export function isZero(v: TableView): boolean {
  return v.groups.every((g) => g.entries.every((e) => e.amounts.every((a) => a === null || a === 0)));
}

export function firstFigure(v: TableView): Addend | null {
  const g = v.groups[0];
  if (!g) return null;
  for (const e of g.entries) {
    const s = slotOf(g, 'total');
    if (s >= 0 && e.amounts[s] !== null) return cell(v, e, s);
  }
  return null;
}

/** 三公 lines (first amount column, in 万元): rows as items, else columns as items on the first data row. */
const tpCache = new WeakMap<TableView, Map<TpKey, Addend>>();

export function threePublicItems(v: TableView): Map<TpKey, Addend> {
  let m = tpCache.get(v);
  if (!m) {
    m = readThreePublic(v);
    tpCache.set(v, m);
  }
  return m;
}

function readThreePublic(v: TableView): Map<TpKey, Addend> {
  const out = new Map<TpKey, Addend>();
  const g = v.groups[0];
  if (!g) return out;
  const s = slotOf(g, 'total') >= 0 ? slotOf(g, 'total') : 0;
  for (const e of g.entries) {
    const k = e.total === 'grand' ? 'total' : tpKey(e.label);
    if (!k || out.has(k)) continue;
    const a = cell(v, e, s);
    if (a) out.set(k, a);
  }
  if (out.size >= 3) return out;
  out.clear();
  const row = g.entries.find((e) => e.total === 'grand') ?? g.entries[0];
  if (!row) return out;
  g.amountCols.forEach((c, slot) => {
    const k = tpKey(c.segs[c.segs.length - 1] ?? '');
    if (k && !out.has(k)) {
      const a = cell(v, row, slot);
      if (a) out.set(k, a);
    }
  });
  return out;
}

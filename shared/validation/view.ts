import type { ColumnKind, Table, TableType } from '../model/document';
import { toCents } from '../model/amount';
import { asCode, econCodeOfName, funcClassOfName, isTotalLabel, levelOf, norm, stripOrdinal } from './text';

/**
 * A table read for checking: which columns hold codes, names and amounts and what each amount measures (from the
 * header-path words, never from positions), and the rows as entries per column group (side-by-side layouts such as
 * the 收入 | 支出 halves or the three-group 基本支出决算表 become several groups). Built once per Table object.
 */
export type Measure =
  | 'total'
  | 'basic'
  | 'project'
  | 'operating'
  | 'upper'
  | 'subsidiary'
  | 'personnel'
  | 'public'
  | 'gpb'
  | 'gf'
  | 'soe'
  | 'special'
  | 'business'
  | 'bizop'
  | 'upperSub'
  | 'affiliated'
  | 'other'
  | 'unitFunds'
  | 'fiscal'
  | 'carry'
  | 'carryEnd'
  | 'income'
  | 'expense';

export interface ColView {
  index: number;
  label: string;
  /** Normalised header path segments. */
  segs: string[];
  kind: 'code' | 'name' | 'seq' | 'amount';
  total: boolean;
  measure: Measure | null;
  /** A code column that carries on the code of the column on its left (the 款 or 项 of a code split 类 | 款 | 项). */
  continuesCode: boolean;
}

export interface Entry {
  row: number;
  group: number;
  code: string | null;
  parent: string | null;
  level: number | null;
  /** Label as printed (for messages). */
  name: string;
  /** Label normalised, list prefix removed. */
  label: string;
  /** 'grand' for 合计/总计 rows, 'partial' for qualified totals (人员经费合计). */
  total: 'grand' | 'partial' | null;
  /** Cents of the table's unit per amount slot of the group; null = blank. */
  amounts: (number | null)[];
  /** Column index per slot. */
  cols: number[];
}

export interface GroupView {
  kind: 'coded' | 'side';
  side: 'income' | 'expense' | null;
  codeCol: number | null;
  nameCol: number | null;
  amountCols: ColView[];
  entries: Entry[];
}

export interface TableView {
  table: Table;
  type: TableType;
  /** Divide the table's cents by this to get cents of 万元. */
  scale: number;
  cols: ColView[];
  groups: GroupView[];
  /** Entries of all coded groups (side-by-side coded groups form one hierarchy). */
  coded: Entry[];
  byCode: Map<string, Entry[]>;
}

export const SUMMARY_TYPES: ReadonlySet<TableType> = new Set(['income_expense_summary', 'fiscal_summary']);
const ECON_TYPES: ReadonlySet<TableType> = new Set(['gpb_basic_econ', 'gpb_econ_all']);

const cache = new WeakMap<Table, TableView>();

export function viewOf(table: Table): TableView {
  let v = cache.get(table);
  if (!v) {
    v = buildView(table);
    cache.set(table, v);
  }
  return v;
}

/** The income source a label names (一般公共预算, 政府性基金, 事业收入 …), as summary lines and sentences name them. */
export function incomeSourceOf(label: string): Measure | null {
  if (/一般公共预算/u.test(label)) return 'gpb';
  if (/政府性基金/u.test(label)) return 'gf';
  if (/国有资本经营/u.test(label)) return 'soe';
  if (/财政专户/u.test(label)) return 'special';
  if (/经营收入/u.test(label)) return 'bizop';
  if (/事业收入/u.test(label)) return 'business';
  if (/上级补助/u.test(label)) return 'upperSub';
  if (/附属单位上缴/u.test(label)) return 'affiliated';
  if (/其他收入|其他资金/u.test(label)) return 'other';
  if (/单位资金/u.test(label)) return 'unitFunds';
  return null;
}

export function measureOf(label: string): Measure | null {
  const t = norm(label);
  if (/年末结转|年终结转|年末财政拨款结转/u.test(t)) return 'carryEnd';
  if (/上年结转|年初结转|上年财政拨款结转|年初财政拨款结转/u.test(t)) return 'carry';
  if (/人员经费/u.test(t)) return 'personnel';
  if (/公用经费/u.test(t)) return 'public';
  if (/基本支出/u.test(t)) return 'basic';
  if (/项目支出/u.test(t)) return 'project';
  if (/上缴上级|上解上级/u.test(t)) return 'upper';
  if (/对附属单位补助/u.test(t)) return 'subsidiary';
  if (/经营支出/u.test(t)) return 'operating';
  const source = incomeSourceOf(t);
  if (source) return source;
  if (/财政拨款/u.test(t)) return 'fiscal';
  if (/本年收入$/u.test(t)) return 'income';
  if (/本年支出$/u.test(t)) return 'expense';
  return null;
}

const NOT_AMOUNT_SEG = /^(?:科目名称|项目|名称|项目名称|类款项|栏次|行次|[^/]*编码)$/u;

function isTotalSeg(seg: string): boolean {
  return /(?:合计|总计|小计)$/u.test(seg);
}

/** How a recorded column kind is read: label columns (the row's name or other text) alike. */
const VIEW_KIND: Record<ColumnKind, ColView['kind']> = {
  seq: 'seq',
  code: 'code',
  name: 'name',
  text: 'name',
  amount: 'amount',
  total: 'amount',
};

/**
 * The columns as read: the kinds extraction recorded where it did, otherwise (documents saved before kinds were
 * recorded, tables built by hand) guessed from the header words and the cells.
 */
function classifyColumns(t: Table): ColView[] {
  const n = Math.max(t.columns.length, ...t.rows.map((r) => r.cells.length), 0);
  const out: ColView[] = [];
  for (let i = 0; i < n; i++) {
    const c = t.columns[i];
    const label = c?.label ?? '';
    const segs = label
      .split(' / ')
      .map(norm)
      .filter((s) => s !== '');
    const recorded = c?.kind;
    if (recorded) {
      const kind = VIEW_KIND[recorded];
      const own = kind === 'amount' ? amountSegs(segs) : segs;
      const measure = kind === 'amount' ? measureOfSegs(own) : null;
      const continuesCode = kind === 'code' && (c.codePart === '款' || c.codePart === '项');
      out.push({ index: i, label, segs: own, kind, total: recorded === 'total', measure, continuesCode });
      continue;
    }
    const guessed = guessColumn(t, i, label, segs);
    guessed.continuesCode = guessed.kind === 'code' && out[i - 1]?.kind === 'code';
    out.push(guessed);
  }
  return out;
}

/** An amount column's own header words: without the code and label columns' words spanning cells carried into it. */
function amountSegs(segs: string[]): string[] {
  const clean = segs.filter((s) => !NOT_AMOUNT_SEG.test(s));
  return clean.length > 0 ? clean : segs;
}

function measureOfSegs(own: string[]): Measure | null {
  const lastOwn = own[own.length - 1] ?? '';
  return measureOf(lastOwn) ?? (own.length > 1 ? measureOf(own.join('/')) : null);
}

/** A column without a recorded kind, read from the extractor's role checked against the header words and the cells. */
function guessColumn(t: Table, i: number, label: string, segs: string[]): ColView {
  const c = t.columns[i];
  const joined = segs.join('/');
  const last = segs[segs.length - 1] ?? '';
  let kind: ColView['kind'];
  const role = c?.role;
  if (role === 'code') kind = 'code';
  else if (role === 'seq') kind = 'seq';
  else if (role === 'name' || role === 'text') kind = 'name';
  else if (role === 'amount') kind = 'amount';
  else if (/编码|代码/u.test(last) || /^(?:类款项|科目编码)$/u.test(last)) kind = 'code';
  else if (/行次|栏次|序号/u.test(last)) kind = 'seq';
  else if (/名称/u.test(last)) kind = 'name';
  else kind = byContent(t, i, last);
  if (/行次|栏次|序号/u.test(last)) kind = 'seq';
  // Roles from the extractor are checked against the cells: a column of codes or of labels is no amount column.
  if (role && kind !== 'seq') {
    const st = contentStats(t, i);
    const all = st.num + st.codes + st.text;
    if (all > 0) {
      if (
        kind === 'amount' &&
        st.codes > st.num &&
        st.codes >= 0.6 * all &&
        (i <= 1 || /编码|代码|科目|类款项/u.test(joined))
      )
        kind = 'code';
      else if (kind === 'amount' && st.text > st.num + st.codes) kind = 'name';
      else if (kind === 'name' && st.num > st.text + st.codes) kind = 'amount';
      else if (kind === 'code' && st.num > st.codes + st.text) kind = 'amount';
    }
  }
  let measure: Measure | null = null;
  let total = false;
  let own = segs;
  if (kind === 'amount') {
    // Header paths sometimes carry the words of the code/name columns beside them ("本年支出合计 / 科目名称").
    own = amountSegs(segs);
    const lastOwn = own[own.length - 1] ?? '';
    measure = measureOfSegs(own);
    total =
      isTotalSeg(lastOwn) ||
      (own.length === 1 && /^(?:预算数|决算数|金额|本年预算数|[0-9]{4}年?(?:预算数|决算数|合计)?)$/u.test(lastOwn));
  }
  // Set once the column on the left is read: adjacent code columns (类 | 款 | 项) are one code, split.
  return { index: i, label, segs: own, kind, total, measure, continuesCode: false };
}

function contentStats(t: Table, col: number): { num: number; codes: number; text: number } {
  let num = 0;
  let codes = 0;
  let text = 0;
  for (const r of t.rows) {
    const c = r.cells[col];
    if (!c) continue;
    const s = norm(c.text);
    if (s === '') continue;
    if (asCode(s) && !s.includes('.')) codes++;
    else if (c.value !== null || /^[-+]?[0-9,]+(?:\.[0-9]+)?$/u.test(s)) num++;
    else if (!/^[-—–]+$/u.test(s)) text++;
  }
  return { num, codes, text };
}

function byContent(t: Table, col: number, last: string): ColView['kind'] {
  const { num, codes, text } = contentStats(t, col);
  if (last === '项目' || /科目$|项目$/u.test(last))
    return text + codes >= num ? (codes > text ? 'code' : 'name') : 'amount';
  if (codes > 0 && codes >= 0.8 * (codes + num + text) && num === 0) return 'code';
  if (text > num + codes) return 'name';
  return 'amount';
}

/**
 * A side's total label printed across the next group of the same side: Jiangsu's 收支总表 prints 当年支出小计 over
 * the 功能分类 and 支出用途 columns with the one amount at the far right. Both groups are totalled by that amount.
 */
function spanSideTotals(t: Table, groups: GroupView[]): void {
  for (let g = 0; g + 1 < groups.length; g++) {
    const a = groups[g]!;
    const b = groups[g + 1]!;
    if (a.kind !== 'side' || b.kind !== 'side' || a.side !== b.side) continue;
    for (const e of a.entries) {
      if (!e.total || e.amounts.some((x) => x !== null)) continue;
      const row = t.rows[e.row]!;
      if (b.nameCol !== null && norm(row.cells[b.nameCol]?.text ?? '') !== '') continue;
      const values = b.amountCols.map((c) => row.cells[c.index]?.value ?? null);
      if (values.length !== e.amounts.length || values.every((x) => x === null)) continue;
      e.amounts = values.map((x) => (x === null ? null : toCents(x)));
      e.cols = b.amountCols.map((c) => c.index);
    }
  }
}

/** The code columns each code starts in (the 款 and 项 parts of a split code carry on the one on their left). */
function codeStarts(cols: ColView[]): number[] {
  return cols.filter((c) => c.kind === 'code' && !c.continuesCode).map((c) => c.index);
}

function buildView(t: Table): TableView {
  const cols = classifyColumns(t);
  const scale = t.moneyUnit === '元' ? 10000 : 1;
  const groups: GroupView[] = [];
  const codeCols = cols.filter((c) => c.kind === 'code').map((c) => c.index);
  const codeGroups = codeStarts(cols);
  const nameCols = cols.filter((c) => c.kind === 'name').map((c) => c.index);
  const topSides = new Set(cols.map((c) => sideOf(c.segs[0] ?? '')).filter((s) => s !== null));
  const summary = SUMMARY_TYPES.has(t.type) || (topSides.size === 2 && codeCols.length === 0);

  let starts: number[];
  let kind: GroupView['kind'];
  if (summary && nameCols.length >= 2) {
    starts = nameCols.filter((c, i) => i === 0 || !nameCols.includes(c - 1));
    kind = 'side';
  } else if (codeGroups.length >= 2) {
    // Side-by-side coded groups; adjacent code columns (类 | 款 | 项) are one code, split.
    starts = codeGroups;
    kind = 'coded';
  } else {
    starts = [0];
    kind = summary ? 'side' : 'coded';
  }
  for (let g = 0; g < starts.length; g++) {
    const from = g === 0 ? 0 : starts[g]!;
    const to = starts[g + 1] ?? cols.length;
    const span = cols.slice(from, to);
    const codeCol = span.find((c) => c.kind === 'code')?.index ?? null;
    const nameCol = span.find((c) => c.kind === 'name')?.index ?? null;
    const amountCols = span.filter((c) => c.kind === 'amount');
    let side: GroupView['side'] = null;
    if (kind === 'side') {
      side = sideOf(span[0]?.segs[0] ?? '') ?? (g === 0 ? 'income' : 'expense');
    }
    groups.push({ kind, side, codeCol, nameCol, amountCols, entries: [] });
  }

  const econ = ECON_TYPES.has(t.type);
  const coded: Entry[] = [];
  for (let g = 0; g < groups.length; g++) {
    const grp = groups[g]!;
    let currentClass: string | null = null;
    t.rows.forEach((row, r) => {
      const codeText = grp.codeCol !== null ? (row.cells[grp.codeCol]?.text ?? '') : '';
      let nameText = grp.nameCol !== null ? (row.cells[grp.nameCol]?.text ?? '') : '';
      // The first group's code is the one the extractor joined (类 | 款 | 项 parts, inherited blanks filled).
      // Beside another coded group (经济分类 printed in two halves) the row's code may be the other half's.
      const ownCode = g === 0 && row.code !== null && (groups.length === 1 || codeText !== '');
      let code: string | null = grp.kind !== 'coded' ? null : ownCode ? asCode(row.code!) : asCode(codeText);
      if (!nameText && g === 0 && row.name && grp.nameCol === null) nameText = row.name;
      if (!nameText && !code && codeText) nameText = codeText;
      const label = stripOrdinal(nameText);
      if (/^(?:栏次|行次)$/u.test(label) || /^(?:栏次|行次)$/u.test(norm(codeText))) return;
      const amounts = grp.amountCols.map((c) => {
        const v = row.cells[c.index]?.value;
        return v === null || v === undefined ? null : toCents(v);
      });
      let total: Entry['total'] = null;
      if (!code) {
        if (isTotalLabel(nameText) || isTotalLabel(codeText)) total = 'grand';
        else if (/(?:合计|总计|小计)$/u.test(label)) total = 'partial';
        else if (g === 0 && row.kind === 'total' && grp.kind === 'coded' && label === '') total = 'grand';
      }
      if (!code && !label && amounts.every((a) => a === null || a === 0)) return;
      if (!code && !label && grp.kind === 'side') return;
      let parent: string | null = null;
      let level: number | null = null;
      if (code) {
        level = levelOf(code);
        parent =
          g === 0 && row.parent && code.startsWith(row.parent)
            ? row.parent
            : code.length > 3
              ? code.slice(0, code.length - 2)
              : null;
      } else if (econ && !total && label) {
        const ec = econCodeOfName(label);
        if (ec && ec.length === 3) {
          code = ec;
          level = 1;
          currentClass = ec;
        } else if (currentClass && !nameText.includes('合计')) {
          code = ec && ec.startsWith(currentClass) ? ec : null;
          parent = currentClass;
          level = 2;
        }
      } else if (grp.kind === 'side' && !total) {
        code = funcClassOfName(label);
      }
      const e: Entry = {
        row: r,
        group: g,
        code,
        parent,
        level,
        name: nameText || codeText,
        label,
        total,
        amounts,
        cols: grp.amountCols.map((c) => c.index),
      };
      grp.entries.push(e);
      if (grp.kind === 'coded') coded.push(e);
    });
  }
  spanSideTotals(t, groups);
  // A table of one unlabelled row of figures (Jiangsu's 支出预算总表: 合计 | 基本支出 | 项目支出 …) is its own total.
  const only = groups[0]?.entries;
  if (only && only.length === 1 && !only[0]!.code && !only[0]!.label && only[0]!.amounts.some((a) => a !== null))
    only[0]!.total = 'grand';
  const byCode = new Map<string, Entry[]>();
  for (const e of coded) {
    if (!e.code) continue;
    const list = byCode.get(e.code);
    if (list) list.push(e);
    else byCode.set(e.code, [e]);
  }
  return { table: t, type: t.type, scale, cols, groups, coded, byCode };
}

function sideOf(seg: string): 'income' | 'expense' | null {
  if (/^收入/u.test(seg)) return 'income';
  if (/^支出/u.test(seg)) return 'expense';
  return null;
}

/** Column slot in a group measuring `m`; for `total`, the group's total column or its only amount column. */
export function slotOf(g: GroupView, m: Measure): number {
  if (m === 'total') {
    const i = g.amountCols.findIndex((c) => c.total && c.segs.length <= 1);
    if (i >= 0) return i;
    const j = g.amountCols.findIndex((c) => c.total);
    if (j >= 0) return j;
    return g.amountCols.length === 1 ? 0 : -1;
  }
  return g.amountCols.findIndex((c) => c.measure === m && !c.total);
}

export function grandTotal(v: TableView): Entry | null {
  const g = v.groups[0];
  if (!g) return null;
  return g.entries.find((e) => e.total === 'grand') ?? null;
}

/** The figure for a code: the row itself, or the sum of its printed descendants when the row is not printed. */
export function valueUnder(v: TableView, prefix: string, slot: number): { cents: number; entries: Entry[] } | null {
  const exact = v.byCode.get(prefix);
  if (exact && exact[0]) {
    const a = exact[0].amounts[slot];
    return { cents: a ?? 0, entries: [exact[0]] };
  }
  const under = v.coded.filter((e) => e.code && e.code.startsWith(prefix) && e.group === 0);
  if (under.length === 0) return null;
  const minLen = Math.min(...under.map((e) => e.code!.length));
  const top = under.filter((e) => e.code!.length === minLen);
  return { cents: top.reduce((s, e) => s + (e.amounts[slot] ?? 0), 0), entries: top };
}

export function sourceOfLabel(label: string): Measure | null {
  const m = measureOf(label);
  return m;
}

/** Whether the table prints no figure other than zero. */
export function isZeroTable(v: TableView): boolean {
  for (const g of v.groups)
    for (const e of g.entries) for (const a of e.amounts) if (a !== null && a !== 0) return false;
  return true;
}

export function labelOfRow(v: TableView, row: number): string {
  const r = v.table.rows[row];
  if (!r) return String(row);
  return r.code ?? stripOrdinal(r.name ?? r.cells.find((c) => norm(c.text) !== '')?.text ?? '') ?? String(row);
}

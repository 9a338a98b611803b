import { checkSum, colName, entryName, refOf, type Addend, type RuleContext } from './context';
import { checkAssets, checkProcurement } from './rules-detail';
import { norm, stripOrdinal } from './text';
import type { Entry, GroupView, TableView } from './view';

/** R1–R12, R14 on one table. Missing columns or rows mean a rule does not apply. */
export function checkTable(v: TableView, ctx: RuleContext): void {
  if (v.type === 'performance') return;
  hierarchy(v, ctx);
  totalRow(v, ctx);
  for (const g of v.groups) rowSums(v, g, ctx);
  for (const g of v.groups) fundBalance(v, g, ctx);
  if (v.type === 'gpb_basic_econ' || v.type === 'gpb_econ_all') basicEconomic(v, ctx);
  if (v.type === 'three_public') threePublic(v, ctx);
  if (v.type === 'assets') checkAssets(v, ctx);
  if (v.type === 'procurement') checkProcurement(v, ctx);
  if (v.groups.length >= 2 && v.groups.every((g) => g.kind === 'side')) summaryBalance(v, ctx);
}

const T = (v: TableView) => v.table.title || v.table.id;

function addend(v: TableView, e: Entry, slot: number): Addend | null {
  const a = e.amounts[slot];
  return a === null || a === undefined ? null : { cents: a, ref: refOf(v, e, slot) };
}

function present(list: (Addend | null)[]): Addend[] {
  return list.filter((a): a is Addend => a !== null);
}

/** The printed figure, or 0 for a blank that should have held one (templates that leave zeros blank). */
function totalOf(v: TableView, e: Entry, slot: number): Addend | null {
  const col = e.cols[slot];
  if (col === undefined) return null;
  return addend(v, e, slot) ?? { cents: 0, ref: refOf(v, e, slot) };
}

/** R1: 类 = Σ款, 款 = Σ项 (and economic class = Σ款) in every amount column. */
function hierarchy(v: TableView, ctx: RuleContext): void {
  const children = new Map<string, Entry[]>();
  for (const e of v.coded) {
    if (!e.parent || e.total) continue;
    // A 项 whose 款 is not printed still adds up into the 类 above it.
    let anc: string | null = e.parent;
    while (anc && !v.byCode.has(anc)) anc = anc.length > 3 ? anc.slice(0, anc.length - 2) : null;
    if (!anc) continue;
    const list = children.get(anc);
    if (list) list.push(e);
    else children.set(anc, [e]);
  }
  for (const p of v.coded) {
    if (!p.code || p.total) continue;
    const kids = children.get(p.code);
    if (!kids || kids.length === 0) continue;
    if ((v.byCode.get(p.code)?.[0] ?? p) !== p) continue;
    for (let s = 0; s < p.amounts.length; s++) {
      const parts = present(kids.map((k) => (k.amounts.length > s ? addend(v, k, s) : null)));
      if (parts.length === 0 && p.amounts[s] === null) continue;
      const tot = totalOf(v, p, s);
      if (!tot) continue;
      const col = colName(v, p.cols[s]!);
      checkSum(
        ctx,
        'R1',
        'error',
        tot,
        parts,
        {
          zh: `${T(v)} ${entryName(p)}「${col}」应等于下级科目之和`,
          en: `${T(v)} ${entryName(p)} [${col}] should equal the sum of its sub-items`,
        },
        v.scale,
      );
    }
  }
}

function isRoot(v: TableView, e: Entry): boolean {
  let p = e.parent;
  for (let i = 0; p && i < 4; i++) {
    const up = v.byCode.get(p)?.[0];
    if (up && up.group === e.group) return false;
    if (up) return false;
    p = p.length > 3 ? p.slice(0, p.length - 2) : null;
  }
  return true;
}

/** R2: 合计 = Σ top-level rows (类, or 项 where only 项 are printed). */
function totalRow(v: TableView, ctx: RuleContext): void {
  const g = v.groups[0];
  if (!g || g.kind !== 'coded') return;
  const grand = g.entries.find((e) => e.total === 'grand');
  if (!grand) return;
  const roots = v.coded.filter((e) => e.code && !e.total && e.group === 0 && isRoot(v, e));
  if (roots.length === 0) return;
  for (let s = 0; s < grand.amounts.length; s++) {
    const parts = present(roots.map((r) => addend(v, r, s)));
    if (parts.length === 0 && grand.amounts[s] === null) continue;
    const tot = totalOf(v, grand, s)!;
    const col = colName(v, grand.cols[s]!);
    checkSum(
      ctx,
      'R2',
      'error',
      tot,
      parts,
      {
        zh: `${T(v)} 合计行「${col}」应等于各科目之和`,
        en: `${T(v)} total row [${col}] should equal the sum of the top-level items`,
      },
      v.scale,
    );
  }
}

function withoutSide(segs: string[]): string[] {
  return segs.length > 1 && /^(?:收入|支出)$/u.test(segs[0]!) ? segs.slice(1) : segs;
}

/** Column sums a row must satisfy: total column = Σ component columns (same header parent where there is one). */
export function rowSumSpecs(g: GroupView): { total: number; parts: number[] }[] {
  const cols = g.amountCols.map((c, slot) => ({ c, slot, segs: withoutSide(c.segs) }));
  const totals = cols.filter((x) => x.c.total);
  const specs: { total: number; parts: number[] }[] = [];
  const topTotals = totals.filter((x) => x.segs.length <= 1);
  for (const t of totals) {
    const parent = t.segs.slice(0, -1);
    let parts: typeof cols;
    if (parent.length > 0) {
      parts = cols.filter(
        (x) => !x.c.total && x.segs.length > parent.length && parent.every((p, i) => x.segs[i] === p),
      );
      if (parts.length === 0 && topTotals.length === 0)
        parts = cols.filter((x) => !x.c.total && !inScopeOfOther(x.segs, t.segs, totals));
    } else {
      if (topTotals.length > 1) continue;
      // A group with its own subtotal ("本年收入 / 小计") enters the grand total through that subtotal.
      // A subtotal nested in another group's subtotal (三公 / 公务用车 / 小计 under 三公 / 小计) enters through that one.
      parts = cols.filter(
        (x) =>
          x !== t && (!x.c.total || x.segs.length > 1) && !inScopeOfOther(x.segs, x.c.total ? x.segs : t.segs, totals),
      );
    }
    parts = parts.filter((x) => x.c.measure !== 'carryEnd' && x.c.measure !== 'income' && x.c.measure !== 'expense');
    if (parts.length === 0) continue;
    specs.push({ total: t.slot, parts: parts.map((x) => x.slot) });
  }
  return specs;
}

function inScopeOfOther(segs: string[], own: string[], totals: { segs: string[] }[]): boolean {
  return totals.some((t) => {
    if (t.segs === own) return false;
    const parent = t.segs.slice(0, -1);
    return parent.length > 0 && segs.length > parent.length && parent.every((p, i) => segs[i] === p);
  });
}

/** R3 (income: 合计 = Σ sources + 上年结转) and R4 (expenditure: 合计 = 基本 + 项目 + …) on every row. */
function rowSums(v: TableView, g: GroupView, ctx: RuleContext): void {
  if (g.amountCols.length < 2) return;
  const specs = rowSumSpecs(g);
  if (specs.length === 0) return;
  const incomeLike =
    v.type === 'income' ||
    g.side === 'income' ||
    g.amountCols.some((c) => c.measure === 'business' || c.measure === 'other');
  const rule = incomeLike ? 'R3' : 'R4';
  for (const e of g.entries) {
    for (const sp of specs) {
      const parts = present(sp.parts.map((s) => addend(v, e, s)));
      if (parts.length === 0 && e.amounts[sp.total] === null) continue;
      const tot = totalOf(v, e, sp.total)!;
      const col = colName(v, e.cols[sp.total]!);
      checkSum(
        ctx,
        rule,
        'error',
        tot,
        parts,
        {
          zh: `${T(v)} ${entryName(e)}「${col}」应等于各分项列之和`,
          en: `${T(v)} ${entryName(e)} [${col}] should equal the sum of its component columns`,
        },
        v.scale,
      );
    }
  }
}

/** R9: 年初结转 + 本年收入 − 本年支出 = 年末结转 per row (政府性基金 决算表). */
function fundBalance(v: TableView, g: GroupView, ctx: RuleContext): void {
  const slot = (f: (segs: string[], m: string | null, total: boolean) => boolean) =>
    g.amountCols.findIndex((c) => f(c.segs, c.measure, c.total));
  const begin = slot((_s, m) => m === 'carry');
  const income = slot((s, m, t) => m === 'income' || (t && s[0] === '本年收入'));
  const spend = slot(
    (s, m, t) =>
      (t && /本年支出/u.test(s[0] ?? '')) ||
      (m === 'expense' && !g.amountCols.some((c) => c.total && /本年支出/u.test(c.segs[0] ?? ''))),
  );
  const end = slot((_s, m) => m === 'carryEnd');
  if (begin < 0 || income < 0 || spend < 0 || end < 0) return;
  for (const e of g.entries) {
    const a = [e.amounts[begin], e.amounts[income], e.amounts[spend], e.amounts[end]];
    if (a.every((x) => x === null)) continue;
    const parts = present([addend(v, e, begin), addend(v, e, income)]);
    const sp = addend(v, e, spend);
    if (sp) parts.push({ cents: -sp.cents, ref: sp.ref });
    checkSum(
      ctx,
      'R9',
      'error',
      totalOf(v, e, end)!,
      parts,
      {
        zh: `${T(v)} ${entryName(e)} 年初结转 + 本年收入 − 本年支出 应等于年末结转`,
        en: `${T(v)} ${entryName(e)}: carry-over at start + income − expenditure should equal carry-over at end`,
      },
      v.scale,
    );
  }
}

const PERSONNEL = ['301', '303'];
const PUBLIC = ['302', '307', '309', '310', '311', '312', '313', '399'];

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

/** R10: 人员经费 = Σ(301, 303); 公用经费 = Σ(302, 307, 310, 399 …), whether printed as columns or as labelled totals. */
function basicEconomic(v: TableView, ctx: RuleContext): void {
  const printed = personnelPublic(v);
  for (const [m, classes] of [
    ['personnel', PERSONNEL],
    ['public', PUBLIC],
  ] as const) {
    const p = printed.get(m);
    if (!p) continue;
    const parts: Addend[] = [];
    for (const code of classes) {
      const e = v.byCode.get(code)?.[0];
      if (!e) continue;
      const g = v.groups[e.group]!;
      let s = g.amountCols.findIndex((c) => c.total);
      if (s < 0) s = g.amountCols.length === 1 ? 0 : -1;
      if (s < 0) continue;
      const a = addend(v, e, s);
      if (a) parts.push(a);
    }
    if (parts.length === 0) continue;
    const what =
      m === 'personnel'
        ? { zh: '人员经费', en: 'personnel costs', codes: '301 + 303' }
        : { zh: '公用经费', en: 'public costs', codes: '302 + 307 + 310 + 312 + 399' };
    checkSum(
      ctx,
      'R10',
      'error',
      p,
      parts,
      {
        zh: `${T(v)} ${what.zh}应等于经济分类 ${what.codes} 之和`,
        en: `${T(v)} ${what.en} should equal economic classes ${what.codes}`,
      },
      v.scale,
      m,
    );
  }
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

/** R11: 三公 合计 = 出国 + 用车 + 接待; 用车 = 购置 + 运行 — rows as items (or columns as items). */
function threePublic(v: TableView, ctx: RuleContext): void {
  const g = v.groups[0];
  if (!g) return;
  const rowsAsItems = new Map<TpKey, Entry>();
  for (const e of g.entries) {
    const k = e.total === 'grand' ? 'total' : tpKey(e.label);
    if (k && !rowsAsItems.has(k)) rowsAsItems.set(k, e);
  }
  if (rowsAsItems.size >= 3) {
    for (let s = 0; s < g.amountCols.length; s++) {
      const get = (k: TpKey) => {
        const e = rowsAsItems.get(k);
        return e ? addend(v, e, s) : null;
      };
      const totalE = (k: TpKey) => {
        const e = rowsAsItems.get(k);
        return e ? totalOf(v, e, s) : null;
      };
      judgeTp(v, ctx, get, totalE, colName(v, g.amountCols[s]!.index));
    }
    return;
  }
  const colsAsItems = new Map<TpKey, number>();
  g.amountCols.forEach((c, s) => {
    const k =
      c.total && c.segs.length <= 1
        ? 'total'
        : (tpKey(c.segs[c.segs.length - 1] ?? '') ??
          (c.total ? (tpKey(c.segs[c.segs.length - 2] ?? '') === 'car' ? 'car' : null) : null));
    if (k && !colsAsItems.has(k)) colsAsItems.set(k, s);
  });
  // "三公"经费、会议费、培训费 tables: the whole table's 合计 holds 会议费 and 培训费 too; the 三公 total is its subtotal.
  const tpSubtotal = g.amountCols.findIndex(
    (c) => c.total && c.segs.length >= 2 && /三公/u.test(c.segs[c.segs.length - 2]!),
  );
  if (tpSubtotal >= 0) colsAsItems.set('total', tpSubtotal);
  if (colsAsItems.size < 3) return;
  for (const e of g.entries) {
    const get = (k: TpKey) => {
      const s = colsAsItems.get(k);
      return s === undefined ? null : addend(v, e, s);
    };
    const totalE = (k: TpKey) => {
      const s = colsAsItems.get(k);
      return s === undefined ? null : totalOf(v, e, s);
    };
    judgeTp(v, ctx, get, totalE, entryName(e));
  }
}

function judgeTp(
  v: TableView,
  ctx: RuleContext,
  get: (k: TpKey) => Addend | null,
  totalE: (k: TpKey) => Addend | null,
  where: string,
): void {
  const car = totalE('car');
  const buy = get('carBuy');
  const run = get('carRun');
  if (car && (buy || run)) {
    checkSum(
      ctx,
      'R11',
      'error',
      car,
      present([buy, run]),
      {
        zh: `${T(v)}「${where}」公务用车购置及运行费应等于购置费 + 运行费`,
        en: `${T(v)} [${where}] official vehicles should equal purchase + operation`,
      },
      v.scale,
      'car',
    );
  }
  const tot = totalE('total');
  if (!tot) return;
  const parts = present([get('abroad'), car ? get('car') : null, get('reception')]);
  if (!car) parts.push(...present([buy, run]));
  if (parts.length === 0 && tot.cents === 0) return;
  checkSum(
    ctx,
    'R11',
    'error',
    tot,
    parts,
    {
      zh: `${T(v)}「${where}」“三公”经费合计应等于出国(境) + 公务用车 + 公务接待`,
      en: `${T(v)} [${where}] “three public” total should equal travel abroad + vehicles + reception`,
    },
    v.scale,
    'total',
  );
}

function ordinalLevel(name: string): number {
  const t = norm(name);
  if (/^[一二三四五六七八九十]+[、.．]/u.test(t)) return 1;
  if (/^[(（][一二三四五六七八九十]+[)）]/u.test(t)) return 2;
  if (/^[0-9]+[、.．)）]/u.test(t) || /^[(（][0-9]+[)）]/u.test(t)) return 3;
  return 0;
}

/**
 * R5 (budget 收支总表), R6 (决算 收入支出决算总表), R7 (财政拨款收支总表): on each side the items before
 * 本年合计 sum to it, 总计 = 本年合计 + 结转/结余 lines, a 结转 line = its fund sub-lines, and both sides balance.
 */
function summaryBalance(v: TableView, ctx: RuleContext): void {
  const rule = v.type === 'fiscal_summary' ? 'R7' : ctx.kind === 'final' ? 'R6' : 'R5';
  const grands: Partial<Record<'income' | 'expense', Entry>> = {};
  for (const g of v.groups) {
    const side = g.side ?? 'income';
    const items: Entry[] = [];
    let sub: Entry | null = null;
    let grand: Entry | null = null;
    const carry: { head: Entry; parts: Entry[] }[] = [];
    for (const e of g.entries) {
      if (grand) break;
      if (/^其中/u.test(norm(e.name))) continue;
      // "当年收入小计 … 上年结转资金 … 收入合计": a second total after 本年 (with no 总计 printed) is the side's total.
      const isGrand = /总计$/u.test(e.label) || (sub !== null && /合计$/u.test(e.label) && !/结转|结余/u.test(e.label));
      const isSub = !isGrand && (e.total !== null || /合计$/u.test(e.label));
      if (isGrand) grand = e;
      else if (isSub && !sub) sub = e;
      else if (!sub) items.push(e);
      else if (/结转|结余|结存|使用|分配|调入|调出/u.test(e.label)) carry.push({ head: e, parts: [] });
      else if (carry.length > 0) carry[carry.length - 1]!.parts.push(e);
    }
    // Where lines are numbered 一、二、…, only those are the side's items; (一)/1./其中 lines break them down.
    const numbered = items.filter((e) => ordinalLevel(e.name) === 1);
    if (numbered.length > 0) items.splice(0, items.length, ...numbered);
    const sideZh = side === 'income' ? '收入' : '支出';
    for (let s = 0; s < g.amountCols.length; s++) {
      const col = colName(v, g.amountCols[s]!.index);
      if (sub) {
        const parts = present(items.map((e) => addend(v, e, s)));
        if (parts.length > 0 || sub.amounts[s] !== null) {
          checkSum(
            ctx,
            rule,
            'error',
            totalOf(v, sub, s)!,
            parts,
            {
              zh: `${T(v)} ${sideZh}「${sub.label}」(${col}) 应等于各${sideZh}项目之和`,
              en: `${T(v)} ${side} [${sub.label}] (${col}) should equal the sum of the ${side} lines`,
            },
            v.scale,
            `${side}-sub`,
          );
        }
      }
      for (const c of carry) {
        const parts = present(c.parts.map((e) => addend(v, e, s)));
        if (parts.length === 0) continue;
        checkSum(
          ctx,
          rule,
          'error',
          totalOf(v, c.head, s)!,
          parts,
          {
            zh: `${T(v)}「${c.head.label}」应等于其分项之和`,
            en: `${T(v)} [${c.head.label}] should equal the sum of its fund lines`,
          },
          v.scale,
          `${side}-carry`,
        );
      }
      if (grand && sub) {
        const parts = present([addend(v, sub, s), ...carry.map((c) => addend(v, c.head, s))]);
        checkSum(
          ctx,
          rule,
          'error',
          totalOf(v, grand, s)!,
          parts,
          {
            zh: `${T(v)} ${sideZh}总计(${col}) 应等于本年合计 + 结转结余`,
            en: `${T(v)} ${side} grand total (${col}) should equal the year's total + carry-overs`,
          },
          v.scale,
          `${side}-grand`,
        );
      }
    }
    const top = grand ?? sub;
    if (top) grands[side] = top;
  }
  const inc = grands.income;
  const exp = grands.expense;
  if (inc && exp) {
    const a = totalOf(v, inc, 0);
    const b = totalOf(v, exp, 0);
    if (a && b) {
      checkSum(
        ctx,
        rule,
        'error',
        b,
        [a],
        {
          zh: `${T(v)} 收支应平衡：支出「${exp.label}」应等于收入「${inc.label}」`,
          en: `${T(v)} income and expenditure should balance: [${exp.label}] should equal [${inc.label}]`,
        },
        v.scale,
        'balance',
      );
    }
  }
}

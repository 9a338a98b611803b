import type { Table, TableType } from '../model/document';
import { checkEqual, checkSum, entryName, refOf, type Addend, type RuleContext } from './context';
import { makeFinding } from './findings';
import { personnelPublic, tpKey, type TpKey } from './rules-table';
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
function sideItems(g: GroupView): { items: Entry[]; sub: Entry | null } {
  const items: Entry[] = [];
  for (const e of g.entries) {
    if (e.total !== null || /合计$|总计$/u.test(e.label)) return { items, sub: e };
    items.push(e);
  }
  return { items, sub: null };
}

function codedValue(v: TableView, code: string, m: Measure): { a: Addend; entries: Entry[] } | null {
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

function grand(v: TableView, m: Measure): Addend | null {
  const e = grandTotal(v);
  const g = v.groups[0];
  if (!e || !g) return null;
  return cell(v, e, slotOf(g, m));
}

const SOURCES: Measure[] = [
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
const SOURCE_ZH: Partial<Record<Measure, string>> = {
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

function incomeBySource(v: TableView): Map<Measure, Entry> {
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

const title = (v: TableView) => v.table.title || v.table.id;

/** X1–X10 for the tables of one unit. */
export function checkCross(u: UnitTables, ctx: RuleContext): void {
  const T1 = u.byType.get('income_expense_summary');
  const T2 = u.byType.get('income');
  const T3 = u.byType.get('expenditure');
  const T4 = u.byType.get('fiscal_summary');
  const T5 = u.byType.get('gpb_exp');
  const B = u.byType.get('gpb_basic_econ');
  const E = u.byType.get('gpb_econ_all');
  const GF = u.byType.get('gf');
  const SOE = u.byType.get('soe');
  const TP = u.byType.get('three_public');
  const OP = u.byType.get('op_cost');

  // X1: each income source of the summary = the 合计 row of the income table.
  if (T1 && T2) {
    const src = incomeBySource(T1);
    const g = side(T1, 'income');
    for (const m of SOURCES) {
      const e = src.get(m);
      const other = grand(T2, m);
      if (!e || !other || !g) continue;
      const a = cell(T1, e, 0)!;
      checkEqual(
        ctx,
        'X1',
        'error',
        a,
        other,
        {
          zh: `${title(T1)}「${e.label}」应等于${title(T2)}合计行「${SOURCE_ZH[m]}」`,
          en: `${title(T1)} [${e.label}] should equal the total row of ${title(T2)} for the same source`,
        },
        { discriminator: m },
      );
    }
    const fiscal = grand(T2, 'fiscal');
    if (fiscal && grand(T2, 'gpb') === null) {
      const parts = (['gpb', 'gf', 'soe'] as const).map((m) => src.get(m)).filter((e): e is Entry => !!e);
      if (parts.length > 0) {
        checkSum(
          ctx,
          'X1',
          'error',
          fiscal,
          parts.map((e) => cell(T1, e, 0)!),
          {
            zh: `${title(T2)}合计行「财政拨款收入」应等于${title(T1)}三项财政拨款收入之和`,
            en: `${title(T2)} total [fiscal appropriation income] should equal the three appropriation lines of ${title(T1)}`,
          },
          1,
          'fiscal',
        );
      }
    }
  }

  // X2: each expenditure 类 of the summary = the 类 of the expenditure table; totals agree.
  if (T1 && T3) {
    const g = side(T1, 'expense');
    if (g) {
      const { items, sub } = sideItems(g);
      const s = slotOf(g, 'total');
      const t3slot = T3.groups[0] ? slotOf(T3.groups[0], 'total') : -1;
      // Precondition: the expenditure table lists its 类 (Jiangsu prints only 合计 | 基本支出 | 项目支出 there).
      const classified = T3.coded.some((e) => e.code);
      if (!classified && items.some((e) => e.code))
        ctx.out.push(
          makeFinding({
            rule: 'X2',
            severity: 'info',
            zh: `未核对：${title(T3)}没有按功能分类列出科目，无法与${title(T1)}逐类比较`,
            en: `Not checked: ${title(T3)} lists no function classes to compare with ${title(T1)} class by class`,
            expected: null,
            actual: null,
            refs: [{ ref: { table: T3.table.id, row: -1, col: -1 }, key: `${T3.table.id}:classes` }],
            discriminator: 'not-checked',
          }),
        );
      for (const e of items) {
        if (!classified) continue;
        if (!e.code || s < 0 || t3slot < 0 || T3.groups[0]?.kind !== 'coded') continue;
        const a = cell(T1, e, s)!;
        const b = codedValue(T3, e.code, 'total');
        if (!b) {
          if (a.cents !== 0) {
            checkEqual(
              ctx,
              'X2',
              'error',
              a,
              { cents: 0, ref: { ref: { table: T3.table.id, row: -1, col: -1 }, key: `${T3.table.id}:${e.code}` } },
              {
                zh: `${title(T1)}「${e.label}」在${title(T3)}中没有对应科目`,
                en: `${title(T1)} [${e.label}] has no rows in ${title(T3)}`,
              },
            );
          }
          continue;
        }
        checkEqual(
          ctx,
          'X2',
          'error',
          a,
          b.a,
          {
            zh: `${title(T1)}「${e.label}」应等于${title(T3)} ${e.code} 类合计`,
            en: `${title(T1)} [${e.label}] should equal class ${e.code} in ${title(T3)}`,
          },
          {
            addends: b.entries.length,
            extraRefs: b.entries.slice(1).map((x) => refOf(T3, x, slotOf(T3.groups[0]!, 'total'))),
          },
        );
      }
      const t3 = grand(T3, 'total');
      if (sub && t3 && s >= 0) {
        checkEqual(
          ctx,
          'X2',
          'error',
          cell(T1, sub, s)!,
          t3,
          {
            zh: `${title(T1)}「${sub.label}」应等于${title(T3)}合计`,
            en: `${title(T1)} [${sub.label}] should equal the total of ${title(T3)}`,
          },
          { discriminator: 'total' },
        );
      }
    }
  }
  if (T2 && T3 && ctx.kind !== 'final') {
    const a = grand(T2, 'total');
    const b = grand(T3, 'total');
    if (a && b) {
      checkEqual(
        ctx,
        'X2',
        'error',
        a,
        b,
        {
          zh: `${title(T2)}合计应等于${title(T3)}合计`,
          en: `${title(T2)} total should equal ${title(T3)} total`,
        },
        { discriminator: 'income-expenditure' },
      );
    }
  }

  // X3: fiscal summary 类 = gpb + 基金 + 国资 tables; GPB expenditure total = gpb_exp total.
  if (T4) {
    const g = side(T4, 'expense');
    if (g) {
      const { items, sub } = sideItems(g);
      const perFund: [Measure, TableView | undefined][] = [
        ['gpb', T5],
        ['gf', GF],
        ['soe', SOE],
      ];
      const split = perFund.some(([m]) => slotOf(g, m) >= 0);
      for (const e of items) {
        if (!e.code) continue;
        if (split) {
          for (const [m, tv] of perFund) {
            const s = slotOf(g, m);
            if (s < 0 || !tv) continue;
            const a = cell(T4, e, s)!;
            const b = codedValue(tv, e.code, 'total');
            const bb = b?.a ?? {
              cents: 0,
              ref: { ref: { table: tv.table.id, row: -1, col: -1 }, key: `${tv.table.id}:${e.code}` },
            };
            if (!b && a.cents === 0) continue;
            checkEqual(
              ctx,
              'X3',
              'error',
              a,
              bb,
              {
                zh: `${title(T4)}「${e.label}」(${SOURCE_ZH[m]}) 应等于${title(tv)} ${e.code}`,
                en: `${title(T4)} [${e.label}] (${m}) should equal ${e.code} in ${title(tv)}`,
              },
              { discriminator: m, addends: b?.entries.length ?? 1 },
            );
          }
        } else {
          const s = slotOf(g, 'total');
          if (s < 0) continue;
          const parts: Addend[] = [];
          for (const [, tv] of perFund) {
            if (!tv) continue;
            const b = codedValue(tv, e.code, 'total');
            if (b) parts.push(b.a);
          }
          if (parts.length === 0 && !T5) continue;
          const a = cell(T4, e, s)!;
          if (parts.length === 0 && a.cents === 0) continue;
          checkSum(ctx, 'X3', 'error', a, parts, {
            zh: `${title(T4)}「${e.label}」应等于一般公共预算、政府性基金、国有资本经营预算支出表同类之和`,
            en: `${title(T4)} [${e.label}] should equal the same class in the GPB, fund and SOE expenditure tables`,
          });
        }
      }
      const t5 = T5 ? grand(T5, 'total') : null;
      if (sub && t5) {
        const s = split ? slotOf(g, 'gpb') : slotOf(g, 'total');
        if (s >= 0 && (split || ((!GF || isZero(GF)) && (!SOE || isZero(SOE))))) {
          checkEqual(
            ctx,
            'X3',
            'error',
            cell(T4, sub, s)!,
            t5,
            {
              zh: `${title(T4)} 一般公共预算支出合计应等于${title(T5!)}合计`,
              en: `${title(T4)} GPB expenditure total should equal the total of ${title(T5!)}`,
            },
            { discriminator: 'total' },
          );
        }
      }
    }
  }

  // X4: appropriation income lines of the fiscal summary = the same lines of the summary.
  if (T1 && T4) {
    const a = incomeBySource(T4);
    const b = incomeBySource(T1);
    for (const m of ['gpb', 'gf', 'soe'] as const) {
      const ea = a.get(m);
      const eb = b.get(m);
      if (!ea || !eb) continue;
      const x = cell(T4, ea, 0)!;
      const y = cell(T1, eb, 0)!;
      const carry = b.get('carry');
      const carryCents = carry ? (cell(T1, carry, 0)?.cents ?? 0) : 0;
      const hint =
        m === 'gpb' && carryCents !== 0 && x.cents - y.cents === carryCents
          ? {
              zh: `差额等于${title(T1)}「上年结转结余」${(carryCents / 100).toFixed(2)}`,
              en: `the difference equals the carry-over line of ${title(T1)}`,
            }
          : undefined;
      checkEqual(
        ctx,
        'X4',
        'error',
        x,
        y,
        {
          zh: `${title(T4)}「${ea.label}」应等于${title(T1)}「${eb.label}」`,
          en: `${title(T4)} [${ea.label}] should equal [${eb.label}] in ${title(T1)}`,
        },
        { discriminator: m, hint, extraRefs: hint && carry ? [cell(T1, carry, 0)!.ref] : [] },
      );
    }
  }

  // X5: GPB basic expenditure = basic-expenditure economic table total.
  if (T5 && B) {
    const basic = grand(T5, 'basic');
    const bt = grand(B, 'total');
    if (basic && bt) {
      checkEqual(ctx, 'X5', 'error', bt, basic, {
        zh: `${title(B)}合计应等于${title(T5)}合计行基本支出`,
        en: `${title(B)} total should equal basic expenditure in the total row of ${title(T5)}`,
      });
    } else if (basic) {
      const pp = personnelPublic(B);
      const parts = [...pp.values()].map((a) => wan(B, a));
      if (parts.length === 2) {
        checkSum(ctx, 'X5', 'error', basic, parts, {
          zh: `${title(T5)}基本支出应等于${title(B)}人员经费合计 + 公用经费合计`,
          en: `${title(T5)} basic expenditure should equal personnel + public totals of ${title(B)}`,
        });
      }
    }
  }

  // X6: all-GPB economic table total = gpb_exp total; per class all ≥ basic.
  if (E) {
    const et = grand(E, 'total');
    const t5 = T5 ? grand(T5, 'total') : null;
    if (et && t5) {
      checkEqual(ctx, 'X6', 'error', et, t5, {
        zh: `${title(E)}合计应等于${title(T5!)}合计`,
        en: `${title(E)} total should equal the total of ${title(T5!)}`,
      });
    }
    if (B) {
      for (const e of B.coded) {
        if (!e.code || e.code.length !== 3) continue;
        const b = codedValue(B, e.code, 'total');
        const a = codedValue(E, e.code, 'total');
        if (!a || !b) continue;
        checkEqual(
          ctx,
          'X6',
          'error',
          b.a,
          a.a,
          {
            zh: `${title(B)} ${entryName(e)} 不应超过${title(E)}同类`,
            en: `${title(B)} ${entryName(e)} should not exceed the same class in ${title(E)}`,
          },
          { atMost: true, discriminator: e.code },
        );
      }
    }
  }

  // X7: GPB ≤ all funds per row; final: 财政拨款收入 = fiscal summary income.
  if (T5 && T3) {
    for (const e of T5.coded) {
      if (!e.code || e.total) continue;
      for (const m of ['total', 'basic', 'project'] as const) {
        const s = slotOf(T5.groups[0]!, m);
        const b = codedValue(T3, e.code, m);
        if (s < 0 || !b) continue;
        const a = cell(T5, e, s)!;
        checkEqual(
          ctx,
          'X7',
          'error',
          a,
          b.a,
          {
            zh: `${title(T5)} ${entryName(e)}（${m === 'total' ? '合计' : m === 'basic' ? '基本支出' : '项目支出'}）不应超过${title(T3)}同一科目`,
            en: `${title(T5)} ${entryName(e)} (${m}) should not exceed the same row of ${title(T3)}`,
          },
          { atMost: true, discriminator: m },
        );
      }
    }
  }
  if (T2 && T4 && ctx.kind === 'final') {
    const f = grand(T2, 'fiscal');
    const g = side(T4, 'income');
    const sub = g ? sideItems(g).sub : null;
    if (f && sub) {
      checkEqual(
        ctx,
        'X7',
        'error',
        f,
        cell(T4, sub, 0)!,
        {
          zh: `${title(T2)}财政拨款收入合计应等于${title(T4)}本年收入合计`,
          en: `${title(T2)} appropriation income should equal the year's income in ${title(T4)}`,
        },
        { discriminator: 'fiscal' },
      );
    }
  }

  // X8: basic-expenditure items cannot exceed the 三公 lines they feed.
  if (B && TP) {
    const tp = threePublicItems(TP);
    const pairs: [string, TpKey][] = [
      ['30217', 'reception'],
      ['30231', 'carRun'],
      ['31013', 'carBuy'],
      ['30212', 'abroad'],
    ];
    for (const [code, k] of pairs) {
      const b = B.byCode.get(code)?.[0];
      const t = tp.get(k);
      if (!b || !t) continue;
      const s = slotOf(B.groups[b.group]!, 'total');
      const a = cell(B, b, s >= 0 ? s : 0);
      if (!a) continue;
      checkEqual(
        ctx,
        'X8',
        'warning',
        a,
        t,
        {
          zh: `${title(B)} ${entryName(b)} 不应超过${title(TP)}对应项目`,
          en: `${title(B)} ${entryName(b)} should not exceed the matching line of ${title(TP)}`,
        },
        { atMost: true, discriminator: code },
      );
    }
  }

  // X9: 机关运行经费 ≤ 公用经费 (equal for 行政单位).
  if (OP && B) {
    const op = grand(OP, 'total') ?? firstFigure(OP);
    const pub = personnelPublic(B).get('public');
    if (op && pub) {
      checkEqual(
        ctx,
        'X9',
        'warning',
        op,
        wan(B, pub),
        {
          zh: `${title(OP)}不应超过公用经费`,
          en: `${title(OP)} should not exceed public costs`,
        },
        { atMost: true },
      );
    }
  }

  // X10: soft functional ↔ economic matches.
  if (B) {
    const F = T5 ?? T3;
    if (F) {
      const pairs: [string, string[]][] = [
        ['2080505', ['30108', '30109']],
        ['2210201', ['30113']],
        ['2101103', ['30111']],
      ];
      for (const [fc, ecs] of pairs) {
        const f = F.byCode.get(fc)?.[0];
        if (!f) continue;
        const g = F.groups[f.group]!;
        const s = slotOf(g, 'basic') >= 0 ? slotOf(g, 'basic') : slotOf(g, 'total');
        const a = cell(F, f, s);
        if (!a) continue;
        const parts: Addend[] = [];
        for (const ec of ecs) {
          const e = B.byCode.get(ec)?.[0];
          if (!e) continue;
          const st = slotOf(B.groups[e.group]!, 'total');
          const c = cell(B, e, st >= 0 ? st : 0);
          if (c) parts.push(c);
        }
        if (parts.length === 0) continue;
        checkSum(
          ctx,
          'X10',
          'warning',
          a,
          parts,
          {
            zh: `${title(F)} ${entryName(f)} 通常应等于${title(B)} ${ecs.join(' + ')}`,
            en: `${title(F)} ${entryName(f)} usually equals ${ecs.join(' + ')} in ${title(B)}`,
          },
          1,
          fc,
        );
      }
    }
  }
}

function isZero(v: TableView): boolean {
  return v.groups.every((g) => g.entries.every((e) => e.amounts.every((a) => a === null || a === 0)));
}

function firstFigure(v: TableView): Addend | null {
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

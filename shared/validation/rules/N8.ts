import type { Addend, RuleContext } from '../context';
import { refOf } from '../context';
import { makeFinding } from '../findings';
import { candidatesFor, cents, conceptOf, parseNarrative, pctVerdict } from '../narrative';
import { defineRule, skip } from '../rule';
import type { UnitTables } from '../rules-cross';
import { tpKey, type TpKey } from '../rules-table';
import { stripOrdinal } from '../text';
import type { TableView } from '../view';

const NUM = String.raw`([0-9][0-9,]*(?:\s*\.\s*[0-9]+)?)\s*万\s*元`;
/**
 * "年初预算为X万元，支出决算为Z万元，完成年初预算的Y%", "决算为Z万元，完成预算的Y%", "年初预算为X万元，支出决算为Z万元".
 */
const PAIR = new RegExp(
  String.raw`(?:年初预算(?:数)?(?:为|是)?\s*${NUM}\s*[,，]?\s*)?(?:支出)?决算(?:数)?(?:为|是)?\s*${NUM}` +
    String.raw`(?:\s*[,，]?\s*完成(?:年初)?(?:全年)?预算(?:数)?的?\s*([0-9]+(?:\.[0-9]+)?)\s*%)?`,
  'gu',
);
/** The 项 a paragraph names before its bare "年初预算为…" ("社会保障和就业支出(类)…(款)…(项)"). */
const ITEM = /[^。;:]*\(类\)[^。;]*?\(款\)[^。;]*?\(项\)/gu;

export interface BudgetFinalClaim {
  page: number;
  subject: string;
  budget: number | null;
  final: number;
  pct: number | null;
  pctDecimals: number;
  sentence: string;
}

const claimsCache = new WeakMap<object, BudgetFinalClaim[]>();

export function budgetFinalClaims(pages: readonly { page: number; text: string }[]): BudgetFinalClaim[] {
  let out = claimsCache.get(pages);
  if (out) return out;
  out = [];
  for (const { page, text } of pages) {
    for (const m of text.matchAll(PAIR)) {
      if (m[1] === undefined && m[3] === undefined) continue; // a bare 决算数: N1's.
      const before = text.slice(0, m.index);
      const cut = Math.max(...['。', ';', ',', ':', '；', '，', '：'].map((d) => before.lastIndexOf(d)));
      let subject = stripOrdinal(before.slice(cut + 1)).replace(/(?:的)$/u, '');
      if (!subject) {
        const items = [...before.slice(Math.max(0, before.length - 400)).matchAll(ITEM)];
        subject = items.length ? stripOrdinal(items[items.length - 1]![0]) : '';
      }
      const pctRaw = m[3];
      out.push({
        page,
        subject,
        budget: m[1] !== undefined ? cents(m[1]) : null,
        final: cents(m[2]!),
        pct: pctRaw !== undefined ? Number(pctRaw) : null,
        pctDecimals: pctRaw?.includes('.') ? pctRaw.split('.')[1]!.length : 0,
        sentence: text.slice(cut + 1, m.index + m[0].length),
      });
    }
  }
  claimsCache.set(pages, out);
  return out;
}

type Measure = 'budget' | 'final';

function measureOfSegs(segs: string[]): Measure | null {
  const last = segs[segs.length - 1] ?? '';
  if (/决算|执行|实际/u.test(last)) return 'final';
  if (/预算/u.test(last)) return 'budget';
  return null;
}

/** The 三公 table's 预算数 and 决算数 per item, where it prints both (rows or columns as items). */
export function threePublicPairs(v: TableView): Map<TpKey, Partial<Record<Measure, Addend>>> {
  const out = new Map<TpKey, Partial<Record<Measure, Addend>>>();
  const g = v.groups[0];
  if (!g) return out;
  const put = (k: TpKey, m: Measure, a: Addend) => {
    const cur = out.get(k) ?? {};
    if (!cur[m]) cur[m] = a;
    out.set(k, cur);
  };
  const wan = (e: (typeof g.entries)[number], slot: number): Addend => ({
    cents: Math.round((e.amounts[slot] ?? 0) / v.scale),
    ref: refOf(v, e, slot),
  });
  const rows = g.entries.filter((e) => e.total === 'grand' || tpKey(e.label));
  if (rows.length >= 3) {
    for (const e of rows) {
      const k = e.total === 'grand' ? 'total' : tpKey(e.label)!;
      g.amountCols.forEach((c, slot) => {
        const m = measureOfSegs(c.segs);
        if (m && e.amounts[slot] !== null && e.amounts[slot] !== undefined) put(k, m, wan(e, slot));
      });
    }
    return out;
  }
  const row = g.entries.find((e) => e.total === 'grand') ?? g.entries[0];
  if (!row) return out;
  g.amountCols.forEach((c, slot) => {
    const m = measureOfSegs(c.segs);
    if (!m) return;
    const segs = c.segs.slice(0, -1).filter((s) => !/^小计$/u.test(s));
    for (let i = segs.length - 1; i >= 0; i--) {
      const k = tpKey(segs[i]!);
      if (k) {
        if (row.amounts[slot] !== null && row.amounts[slot] !== undefined) put(k, m, wan(row, slot));
        break;
      }
    }
  });
  return out;
}

/** A 年初预算 column beside the cell's (same table and row), where the table prints one. */
function budgetBeside(units: readonly UnitTables[], a: Addend): Addend | null {
  for (const u of units)
    for (const v of u.all) {
      if (v.table.id !== a.ref.ref.table) continue;
      for (const g of v.groups) {
        const e = g.entries.find((x) => x.row === a.ref.ref.row);
        if (!e) continue;
        const slot = g.amountCols.findIndex(
          (c) => /年初预算|预算数/u.test(c.segs.join('/')) && !/决算/u.test(c.segs.join('/')),
        );
        if (slot < 0 || e.amounts[slot] === null || e.amounts[slot] === undefined) return null;
        return { cents: Math.round(e.amounts[slot]! / v.scale), ref: refOf(v, e, slot) };
      }
    }
  return null;
}

function cellsFor(
  subject: string,
  units: readonly UnitTables[],
): { final: Addend[]; budget: Addend | null; tp: boolean } | null {
  const c = conceptOf(subject);
  if (!c) return null;
  if (c.k === 'tp') {
    for (const u of units) {
      const tp = u.byType.get('three_public');
      const pair = tp && c.key ? threePublicPairs(tp).get(c.key) : undefined;
      if (pair) return { final: pair.final ? [pair.final] : [], budget: pair.budget ?? null, tp: true };
    }
    return null;
  }
  for (const u of units) {
    const cand = candidatesFor(subject, u);
    if (cand && cand.list.length) return { final: cand.list, budget: null, tp: false };
  }
  return null;
}

function push(
  ctx: RuleContext,
  zh: string,
  en: string,
  expected: number | null,
  actual: number | null,
  refs: Addend[],
  disc: string,
  severity: 'warning' | 'rounding' = 'warning',
): void {
  ctx.out.push(
    makeFinding({
      rule: 'N8',
      severity,
      zh,
      en,
      expected,
      actual,
      refs: refs.map((r) => r.ref),
      discriminator: disc,
    }),
  );
}

/**
 * N8 (决算): "年初预算为X万元，支出决算为Z万元，完成年初预算的Y%" — X and Z against the table's 年初预算数 and 决算数
 * where it prints them (the 三公 table's 预算数 / 决算数 pairs, a 年初预算 column beside the item), and Y = Z ÷ X.
 */
export default defineRule({
  scope: 'document',
  meta: {
    id: 'N8',
    family: 'narrative',
    severity: 'warning',
    title: {
      zh: '决算说明：年初预算数、决算数与表一致，完成预算的比例 = 决算 ÷ 年初预算',
      en: 'Final accounts: stated budget and outturn match the tables; completion rate = outturn ÷ budget',
    },
    tables: [],
    needs: { zh: '决算文档中有“年初预算为…决算为…”', en: 'a final-accounts sentence on budget against outturn' },
  },
  applies: ({ doc }, ctx) =>
    ctx.kind !== 'final'
      ? skip('不是决算文档', 'not a final-accounts document', true)
      : doc.narrative && doc.narrative.length > 0
        ? null
        : skip('没有说明文字', 'no explanation text', true),
  check: ({ doc, units }, ctx) => {
    for (const c of budgetFinalClaims(parseNarrative(doc.narrative!).pages)) {
      const cells = c.subject ? cellsFor(c.subject, units) : null;
      const disc = `${c.subject}|${c.budget}|${c.final}|${c.pct}`;
      const what = c.subject || '（未指明科目）';
      if (cells && cells.final.length && !cells.final.some((a) => a.cents === c.final)) {
        const near = cells.final.reduce((a, b) => (Math.abs(b.cents - c.final) < Math.abs(a.cents - c.final) ? b : a));
        push(
          ctx,
          `说明中「${what}」支出决算为 ${(c.final / 100).toFixed(2)}万元，表中决算数为 ${(near.cents / 100).toFixed(2)}万元`,
          `"${what}": the stated outturn ${(c.final / 100).toFixed(2)} differs from the table's ${(near.cents / 100).toFixed(2)}`,
          near.cents / 100,
          c.final / 100,
          [near],
          `final|${disc}`,
        );
      }
      const matched = cells?.final.find((a) => a.cents === c.final);
      const tableBudget = cells?.tp ? cells.budget : matched ? budgetBeside(units, matched) : null;
      if (c.budget !== null && tableBudget && tableBudget.cents !== c.budget) {
        push(
          ctx,
          `说明中「${what}」年初预算为 ${(c.budget / 100).toFixed(2)}万元，表中年初预算数为 ${(tableBudget.cents / 100).toFixed(2)}万元`,
          `"${what}": the stated budget ${(c.budget / 100).toFixed(2)} differs from the table's ${(tableBudget.cents / 100).toFixed(2)}`,
          tableBudget.cents / 100,
          c.budget / 100,
          [tableBudget],
          `budget|${disc}`,
        );
      }
      if (c.pct === null) continue;
      const budget = c.budget ?? tableBudget?.cents ?? null;
      if (budget === null) continue;
      if (budget === 0) {
        // "完成全年预算数0.00%" is how a zero budget is written (DOMAIN §3.3 N2 conventions).
        if (c.pct !== 0 && c.final === 0)
          push(
            ctx,
            `说明中「${what}」预算为 0，完成比例应为 0`,
            `"${what}": a zero budget, yet ${c.pct}% completed`,
            0,
            c.pct,
            [],
            `pct|${disc}`,
          );
        continue;
      }
      const v = pctVerdict(c.final, budget, c.pct, c.pctDecimals);
      if (!v) continue;
      push(
        ctx,
        `说明中「${what}」决算 ${(c.final / 100).toFixed(2)} ÷ 年初预算 ${(budget / 100).toFixed(2)} = ${v.expected.toFixed(2)}%，文中完成预算的 ${c.pct}%`,
        `"${what}": outturn ÷ budget is ${v.expected.toFixed(2)}%, the text says ${c.pct}%`,
        v.expected,
        c.pct,
        tableBudget && c.budget === null ? [tableBudget] : [],
        `pct|${disc}`,
        v.severity,
      );
    }
  },
});

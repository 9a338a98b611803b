import { checkEqual, trace, type Addend, type RuleContext } from './context';
import { allowedCents, fmt, judge, makeFinding, round2 } from './findings';
import { cell, side, type UnitTables } from './rules-cross';
import { stripOrdinal } from './text';
import { slotOf, type Entry, type GroupView, type TableView } from './view';

/**
 * R8 (决算 only): the part of the 收入支出决算总表 (公开01) that is not 财政拨款 — T01 minus the
 * 财政拨款收入支出决算总表 (公开04) — balances on its own:
 *   (本年收入合计 − 财政拨款本年收入) + 使用非财政拨款结余 + (年初结转和结余 − 年初财政拨款结转和结余)
 *   − (本年支出合计 − 财政拨款本年支出) − 结余分配 = 年末结转和结余 − 年末财政拨款结转和结余.
 * DOMAIN's form leaves out 使用非财政拨款结余 and 结余分配 (both 0 in S1); with them the identity holds for any
 * template that prints them, so a non-zero 结余分配 is not mistaken for a break. Each 财政拨款 figure is also a
 * part of its T01 counterpart, so it cannot exceed it.
 */

type LineKey = 'income' | 'useNonFiscal' | 'opening' | 'spending' | 'allocation' | 'closing';

/** Line kinds by meaning, tolerant of the variants (年初结转和结余 / 年初结余 / 上年结转结余 / 年初财政拨款结转和结余). */
function lineKey(label: string, s: 'income' | 'expense'): LineKey | null {
  const t = stripOrdinal(label);
  if (s === 'income') {
    if (/^(?:本年)?收入(?:合计|小计)$|^本年收入$/u.test(t)) return 'income';
    if (/^使用.*结余/u.test(t)) return 'useNonFiscal';
    if (/^(?:年初|上年)(?:财政拨款)?(?:结转|结余)/u.test(t)) return 'opening';
    return null;
  }
  if (/^(?:本年)?支出(?:合计|小计)$|^本年支出$/u.test(t)) return 'spending';
  if (/结余分配/u.test(t)) return 'allocation';
  if (/^(?:年末|年终)(?:财政拨款)?(?:结转|结余)/u.test(t)) return 'closing';
  return null;
}

interface Lines {
  v: TableView;
  lines: Map<LineKey, { e: Entry; a: Addend }>;
}

function readSide(v: TableView, g: GroupView, s: 'income' | 'expense', into: Lines): void {
  // The total column of a side (T04's expenditure side prints 合计 then one column per budget).
  const slot = slotOf(g, 'total') >= 0 ? slotOf(g, 'total') : 0;
  for (const e of g.entries) {
    const k = lineKey(e.label, s);
    if (!k || into.lines.has(k)) continue;
    const a = cell(v, e, slot);
    if (a) into.lines.set(k, { e, a });
  }
}

function linesOf(v: TableView | undefined): Lines | null {
  if (!v) return null;
  const inc = side(v, 'income');
  const exp = side(v, 'expense');
  if (!inc || !exp) return null;
  const out: Lines = { v, lines: new Map() };
  readSide(v, inc, 'income', out);
  readSide(v, exp, 'expense', out);
  return out;
}

const REQUIRED: LineKey[] = ['income', 'opening', 'spending', 'closing'];
const T = (v: TableView) => v.table.title || v.table.id;

export function checkFinal(u: UnitTables, ctx: RuleContext): void {
  if (ctx.kind !== 'final') return;
  const all = linesOf(u.byType.get('income_expense_summary'));
  const fiscal = linesOf(u.byType.get('fiscal_summary'));
  if (!all || !fiscal) return;
  if (REQUIRED.some((k) => !all.lines.has(k) || !fiscal.lines.has(k))) return;
  const A = (k: LineKey) => all.lines.get(k)?.a ?? null;
  const F = (k: LineKey) => fiscal.lines.get(k)?.a ?? null;

  // Signed terms of the remainder: T01 figure minus its 财政拨款 part, per line.
  const terms: { k: LineKey; sign: 1 | -1 }[] = [
    { k: 'income', sign: 1 },
    { k: 'useNonFiscal', sign: 1 },
    { k: 'opening', sign: 1 },
    { k: 'spending', sign: -1 },
    { k: 'allocation', sign: -1 },
  ];
  const printed: Addend[] = [];
  let expected = 0;
  const parts: string[] = [];
  for (const { k, sign } of terms) {
    const a = A(k);
    if (!a) continue;
    const f = F(k);
    printed.push(a);
    if (f) printed.push(f);
    const rest = a.cents - (f?.cents ?? 0);
    expected += sign * rest;
    if (rest !== 0 || k === 'income' || k === 'opening' || k === 'spending')
      parts.push(`${sign < 0 ? '− ' : parts.length ? '+ ' : ''}${fmt(rest)}`);
  }
  const closeA = A('closing')!;
  const closeF = F('closing')!;
  printed.push(closeA, closeF);
  const actual = closeA.cents - closeF.cents;
  trace(
    ctx,
    printed.map((p) => p.ref),
  );
  const nonZero = printed.filter((p) => p.cents !== 0).length;
  const sev = judge(expected, actual, nonZero, ctx.tol, 'error');
  if (sev) {
    const diff = actual - expected;
    const r = sev === 'rounding';
    ctx.out.push(
      makeFinding({
        rule: 'R8',
        severity: sev,
        zh:
          `${T(all.v)}减去${T(fiscal.v)}（非财政拨款部分）应平衡：本年收入 + 年初结转和结余 − 本年支出 = ` +
          `${parts.join(' ')} = ${fmt(expected)}，年末结转和结余之差为 ${fmt(closeA.cents)} − ${fmt(closeF.cents)} = ` +
          `${fmt(actual)}，差 ${fmt(diff)}${r ? '（尾数误差）' : ''}`,
        en:
          `${T(all.v)} minus ${T(fiscal.v)} (the non-appropriation part) should balance: income + opening balance − ` +
          `expenditure = ${parts.join(' ')} = ${fmt(expected)}, but the closing balances differ by ` +
          `${fmt(closeA.cents)} − ${fmt(closeF.cents)} = ${fmt(actual)}, difference ${fmt(diff)}${r ? ' (rounding)' : ''}`,
        expected: expected / 100,
        actual: actual / 100,
        tolerance: round2(allowedCents(ctx.tol, nonZero) / 100),
        refs: printed.map((p) => p.ref),
      }),
    );
  }

  // A 财政拨款 figure is part of the T01 figure on the same line: it cannot be larger.
  const NAMES: Record<LineKey, [string, string]> = {
    income: ['本年收入', 'income of the year'],
    useNonFiscal: ['使用结余', 'use of balances'],
    opening: ['年初结转和结余', 'opening balance'],
    spending: ['本年支出', 'expenditure of the year'],
    allocation: ['结余分配', 'allocation of balances'],
    closing: ['年末结转和结余', 'closing balance'],
  };
  for (const k of REQUIRED) {
    const f = F(k)!;
    const a = A(k)!;
    checkEqual(
      ctx,
      'R8',
      'warning',
      f,
      a,
      {
        zh: `${T(fiscal.v)}「${fiscal.lines.get(k)!.e.label}」是${T(all.v)}「${all.lines.get(k)!.e.label}」的财政拨款部分，不应超过它（${NAMES[k][0]}）`,
        en: `${T(fiscal.v)} [${NAMES[k][1]}] is the appropriation part of the same line of ${T(all.v)} and cannot exceed it`,
      },
      { atMost: true, discriminator: `part-${k}` },
    );
  }
}

import { checkSum, colName, entryName, type RuleContext } from './context';
import { addend, present, titleOf, totalOf } from './figures';
import type { GroupView, TableView } from './view';

/** A group whose columns are income sources (R3) rather than spending purposes (R4). */
export function incomeLike(v: TableView, g: GroupView): boolean {
  return (
    v.type === 'income' ||
    g.side === 'income' ||
    g.amountCols.some((c) => c.measure === 'business' || c.measure === 'other')
  );
}

/** Groups whose rows have a total column and component columns: where R3 / R4 can run. */
export function sumGroups(v: TableView, income: boolean): GroupView[] {
  return v.groups.filter((g) => g.amountCols.length >= 2 && incomeLike(v, g) === income && rowSumSpecs(g).length > 0);
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

/** R3 (income: 合计 = Σ sources + 上年结转) or R4 (expenditure: 合计 = 基本 + 项目 + …) on every row of a group. */
export function rowSums(v: TableView, g: GroupView, ctx: RuleContext, rule: 'R3' | 'R4'): void {
  if (g.amountCols.length < 2) return;
  const specs = rowSumSpecs(g);
  if (specs.length === 0) return;
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
          zh: `${titleOf(v)} ${entryName(e)}「${col}」应等于各分项列之和`,
          en: `${titleOf(v)} ${entryName(e)} [${col}] should equal the sum of its component columns`,
        },
        v.scale,
      );
    }
  }
}

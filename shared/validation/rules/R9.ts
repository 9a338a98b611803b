import { checkSum, entryName, type RuleContext } from '../context';
import { addend, present, titleOf, totalOf } from '../figures';
import { CHECKED_TABLES, defineRule, skip } from '../rule';
import type { GroupView, TableView } from '../view';

export default defineRule({
  scope: 'table',
  meta: {
    id: 'R9',
    family: 'table',
    severity: 'error',
    title: { zh: '政府性基金：年初 + 收入 − 支出 = 年末', en: 'Fund table: opening + income − spending = closing' },
    tables: CHECKED_TABLES,
    needs: { zh: '年初结转、本年收入、本年支出、年末结转四列', en: 'opening, income, spending and closing columns' },
  },
  applies(v, ctx) {
    if (v.groups.some((g) => balanceSlots(g) !== null)) return null;
    return skip(
      '没有年初结转 / 本年收入 / 本年支出 / 年末结转列',
      'no opening / income / spending / closing columns',
      v.type !== 'gf' || ctx.kind !== 'final' || v.table.rows.length === 0,
    );
  },
  check(v, ctx) {
    for (const g of v.groups) fundBalance(v, g, ctx);
  },
});

/** The four columns of a carry-over balance, or null where one is missing. */
function balanceSlots(g: GroupView): { begin: number; income: number; spend: number; end: number } | null {
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
  if (begin < 0 || income < 0 || spend < 0 || end < 0) return null;
  return { begin, income, spend, end };
}

/** R9: 年初结转 + 本年收入 − 本年支出 = 年末结转 per row (政府性基金 决算表). */
function fundBalance(v: TableView, g: GroupView, ctx: RuleContext): void {
  const slots = balanceSlots(g);
  if (!slots) return;
  const { begin, income, spend, end } = slots;
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
        zh: `${titleOf(v)} ${entryName(e)} 年初结转 + 本年收入 − 本年支出 应等于年末结转`,
        en: `${titleOf(v)} ${entryName(e)}: carry-over at start + income − expenditure should equal carry-over at end`,
      },
      v.scale,
    );
  }
}

import { CHECKED_TABLES, defineRule, skip } from '../rule';
import { rowSums, sumGroups } from '../row-sums';

/** Types that print a total column beside its components; others are checked where they happen to. */
const EXPECTED = new Set(['income']);

export default defineRule({
  scope: 'table',
  meta: {
    id: 'R3',
    family: 'table',
    severity: 'error',
    title: { zh: '收入行：合计 = Σ 各来源', en: 'Income row: total = Σ sources' },
    tables: CHECKED_TABLES,
    needs: { zh: '合计列及其分项列', en: 'a total column and its component columns' },
  },
  applies(v) {
    if (sumGroups(v, true).length > 0) return null;
    // A single-amount table (科目 + 金额) has no columns to add up: nothing is missing.
    const oneAmount = v.groups.every((g) => g.amountCols.length < 2);
    return skip('没有合计列及其分项列', 'no total column with component columns', !EXPECTED.has(v.type) || oneAmount);
  },
  check(v, ctx) {
    for (const g of sumGroups(v, true)) rowSums(v, g, ctx, 'R3');
  },
});

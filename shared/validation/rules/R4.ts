import { CHECKED_TABLES, defineRule, skip } from '../rule';
import { rowSums, sumGroups } from '../row-sums';

/** Types that print a total column beside its components; others are checked where they happen to. */
const EXPECTED = new Set(['expenditure', 'gpb_exp', 'gf', 'soe']);

export default defineRule({
  scope: 'table',
  meta: {
    id: 'R4',
    family: 'table',
    severity: 'error',
    title: { zh: '支出行：合计 = 基本 + 项目 + …', en: 'Expenditure row: total = basic + project + …' },
    tables: CHECKED_TABLES,
    needs: { zh: '合计列及其分项列', en: 'a total column and its component columns' },
  },
  applies(v) {
    if (sumGroups(v, false).length > 0) return null;
    // A single-amount table (科目 + 金额) has no columns to add up: nothing is missing.
    const oneAmount = v.groups.every((g) => g.amountCols.length < 2);
    return skip('没有合计列及其分项列', 'no total column with component columns', !EXPECTED.has(v.type) || oneAmount);
  },
  check(v, ctx) {
    for (const g of sumGroups(v, false)) rowSums(v, g, ctx, 'R4');
  },
});

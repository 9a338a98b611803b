import { defineRule, skip } from '../rule';
import { checkAssets } from '../rules-detail';

export default defineRule({
  scope: 'table',
  meta: {
    id: 'R14',
    family: 'table',
    severity: 'error',
    title: { zh: '资产：资产总额 = 各类资产之和', en: 'Assets: total = Σ categories' },
    tables: ['assets'],
    needs: { zh: '资产总额行与价值列', en: 'a total row and a value column' },
  },
  applies(v) {
    const g = v.groups[0];
    if (!g || g.amountCols.length === 0) return skip('没有金额列', 'no amount column', v.table.rows.length === 0);
    return null;
  },
  check: checkAssets,
});

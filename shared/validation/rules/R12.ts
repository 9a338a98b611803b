import { defineRule, skip } from '../rule';
import { checkProcurement } from '../rules-detail';

export default defineRule({
  scope: 'table',
  meta: {
    id: 'R12',
    family: 'table',
    severity: 'error',
    title: {
      zh: '政府采购：总额 = 货物 + 工程 + 服务；金额 = 数量 × 单价；合计 = Σ；预留中小微 ≤ 金额',
      en: 'Procurement: total = goods + works + services; amount = quantity × price; total = Σ rows; SME share ≤ amount',
    },
    tables: ['procurement'],
    needs: { zh: '金额列', en: 'an amount column' },
  },
  applies(v) {
    return v.groups[0]?.amountCols.length ? null : skip('没有金额列', 'no amount column', v.table.rows.length === 0);
  },
  check: checkProcurement,
});

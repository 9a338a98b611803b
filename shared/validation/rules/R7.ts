import { defineRule, skip } from '../rule';
import { hasSides, summaryBalance } from '../summary-balance';

export default defineRule({
  scope: 'table',
  meta: {
    id: 'R7',
    family: 'table',
    severity: 'error',
    title: { zh: '财政拨款收支总表平衡', en: 'Appropriation summary balances' },
    tables: ['fiscal_summary'] as const,
    needs: { zh: '收入栏与支出栏并列', en: 'an income side beside an expenditure side' },
  },
  applies(v) {
    if (hasSides(v)) return null;
    const summary = v.type === 'income_expense_summary' || v.type === 'fiscal_summary';
    return skip('未读出收入栏与支出栏', 'no income and expenditure sides read', !summary);
  },
  check(v, ctx) {
    summaryBalance(v, ctx, 'R7');
  },
});

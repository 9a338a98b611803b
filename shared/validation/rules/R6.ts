import { CHECKED_TABLES, defineRule, skip } from '../rule';
import { hasSides, summaryBalance } from '../summary-balance';

export default defineRule({
  scope: 'table',
  meta: {
    id: 'R6',
    family: 'table',
    severity: 'error',
    title: { zh: '决算收入支出总表平衡', en: 'Final-accounts summary balances' },
    tables: CHECKED_TABLES.filter((t) => t !== 'fiscal_summary'),
    needs: { zh: '收入栏与支出栏并列', en: 'an income side beside an expenditure side' },
  },
  applies(v, ctx) {
    if (!(ctx.kind === 'final')) return skip('仅适用于决算', 'final accounts only', true);
    if (hasSides(v)) return null;
    const summary = v.type === 'income_expense_summary' || v.type === 'fiscal_summary';
    return skip('未读出收入栏与支出栏', 'no income and expenditure sides read', !summary);
  },
  check(v, ctx) {
    summaryBalance(v, ctx, 'R6');
  },
});

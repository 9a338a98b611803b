import { defineRule, missingTables, skip } from '../rule';
import { checkFinal } from '../rules-final';

export default defineRule({
  scope: 'unit',
  meta: {
    id: 'R8',
    family: 'table',
    severity: 'error',
    title: {
      zh: '决算非财政拨款部分平衡：(收支总表 − 财政拨款收支总表) 本年收入 + 年初结转 − 本年支出 = 年末结转',
      en: 'Final accounts, non-appropriation part (summary − appropriation summary): income + opening − spending = closing',
    },
    tables: ['income_expense_summary', 'fiscal_summary'],
    needs: {
      zh: '决算收入支出总表与财政拨款收支总表的收入、年初结转、支出、年末结转行',
      en: 'the income, opening, spending and closing lines of both summaries',
    },
  },
  applies(u, ctx) {
    if (ctx.kind !== 'final') return skip('仅适用于决算', 'final accounts only', true);
    return missingTables(
      u,
      ['income_expense_summary', 'fiscal_summary'],
      [
        { zh: '收入支出决算总表', en: 'income and expenditure summary' },
        { zh: '财政拨款收入支出决算总表', en: 'appropriation summary' },
      ],
    );
  },
  check: checkFinal,
});

import { checkTablesPresent } from '../completeness';
import { defineRule, skip } from '../rule';

export default defineRule({
  scope: 'document',
  meta: {
    id: 'C1',
    family: 'completeness',
    severity: 'warning',
    title: { zh: '标准表齐全', en: 'Standard tables present' },
    tables: [],
    needs: { zh: '文档类型（预算或决算）', en: 'the document kind (budget or final accounts)' },
  },
  applies(_d, ctx) {
    return ctx.kind ? null : skip('无法判断是预算还是决算', 'cannot tell budget from final accounts');
  },
  check(d, ctx) {
    checkTablesPresent(d.units, ctx);
  },
});

import { checkNarrativeAmounts } from '../narrative';
import { defineRule, skip } from '../rule';

export default defineRule({
  scope: 'document',
  meta: {
    id: 'N1',
    family: 'narrative',
    severity: 'error',
    title: { zh: '说明中的金额 = 表中数字', en: 'Amounts in the explanation = table figures' },
    tables: [],
    needs: { zh: '说明文字及其所述科目的表格', en: 'explanation text and the tables of the subjects it names' },
  },
  applies(d) {
    return d.doc.narrative?.length ? null : skip('文档没有说明文字', 'the document has no explanation text', true);
  },
  check(d, ctx) {
    checkNarrativeAmounts(d.doc.narrative, d.units, ctx);
  },
});

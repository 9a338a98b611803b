import { checkNarrativeSums } from '../narrative-sums';
import { defineRule, skip } from '../rule';

export default defineRule({
  scope: 'document',
  meta: {
    id: 'N3',
    family: 'narrative',
    severity: 'warning',
    title: {
      zh: '说明中的分项之和 = 所述总数（基本 = 人员 + 公用，增减明细之和等）',
      en: 'Components stated in the explanation add up to the stated total',
    },
    tables: [],
    needs: { zh: '说明中先述总数、后列分项的句子', en: 'sentences stating a total and then its parts' },
  },
  applies(d) {
    return d.doc.narrative?.length ? null : skip('文档没有说明文字', 'the document has no explanation text', true);
  },
  check(d, ctx) {
    checkNarrativeSums(d.doc.narrative, d.units, ctx);
  },
});

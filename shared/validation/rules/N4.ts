import { checkNarrativeCounts } from '../narrative-sums';
import { defineRule, skip } from '../rule';

export default defineRule({
  scope: 'document',
  meta: {
    id: 'N4',
    family: 'narrative',
    severity: 'warning',
    title: {
      zh: '说明中的绩效项目数、资金合计、评价等次数与绩效表一致',
      en: 'Project counts, totals and grade counts in the explanation match the project forms',
    },
    tables: ['performance', 'project'],
    needs: {
      zh: '说明中的项目数、资金合计与项目绩效表',
      en: 'project counts and totals in the text, and project forms',
    },
  },
  applies(d) {
    return d.doc.narrative?.length ? null : skip('文档没有说明文字', 'the document has no explanation text', true);
  },
  check(d, ctx) {
    checkNarrativeCounts(d.doc.narrative, d.units, ctx);
  },
});

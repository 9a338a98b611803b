import { checkNarrativeChanges } from '../narrative';
import { defineRule, skip } from '../rule';

export default defineRule({
  scope: 'document',
  meta: {
    id: 'N2',
    family: 'narrative',
    severity: 'warning',
    title: { zh: '增减变动表述自洽', en: 'Change sentences are consistent' },
    tables: [],
    needs: { zh: '说明中与上年比较的句子', en: 'sentences comparing with last year' },
  },
  applies(d) {
    return d.doc.narrative?.length ? null : skip('文档没有说明文字', 'the document has no explanation text', true);
  },
  check(d, ctx) {
    checkNarrativeChanges(d.doc.narrative, ctx);
  },
});

import { checkSomethingChecked } from '../completeness';
import { always, defineRule } from '../rule';

export default defineRule({
  scope: 'document',
  meta: {
    id: 'C0',
    family: 'completeness',
    severity: 'error',
    title: { zh: '文档已被核对：至少读出一张标准表', en: 'The document was checked: at least one standard table read' },
    tables: [],
    needs: { zh: '文档', en: 'the document' },
  },
  applies: always,
  check(d, ctx) {
    checkSomethingChecked(d.doc, ctx);
  },
});

import { checkEmptyTables } from '../completeness';
import { always, defineRule } from '../rule';

export default defineRule({
  scope: 'document',
  meta: {
    id: 'C2',
    family: 'completeness',
    severity: 'warning',
    title: { zh: '空表有说明，说明无数据则表为空', en: 'Empty table ↔ explanation' },
    tables: [],
    needs: { zh: '标准表及其所在页的文字', en: 'standard tables and the text of their pages' },
  },
  applies: always,
  check(d, ctx) {
    checkEmptyTables(d.doc, d.units, ctx);
  },
});

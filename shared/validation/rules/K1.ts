import { checkCodesInTable, CODE_TABLES, hasCodeColumn } from '../codes';
import { defineRule } from '../rule';

export default defineRule({
  scope: 'table',
  meta: {
    id: 'K1',
    family: 'codes',
    severity: 'warning',
    title: { zh: '科目编码格式', en: 'Subject codes well-formed' },
    tables: CODE_TABLES,
    needs: { zh: '科目编码列', en: 'a subject code column' },
  },
  applies: hasCodeColumn,
  check(v, ctx) {
    checkCodesInTable(v, ctx.out);
  },
});

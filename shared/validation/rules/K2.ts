import { checkParentsInTable, CODE_TABLES, hasCodeColumn } from '../codes';
import { defineRule } from '../rule';

export default defineRule({
  scope: 'table',
  meta: {
    id: 'K2',
    family: 'codes',
    severity: 'warning',
    title: { zh: '下级科目有上级科目', en: 'Parent code present' },
    tables: CODE_TABLES,
    needs: { zh: '科目编码列', en: 'a subject code column' },
  },
  applies: hasCodeColumn,
  check(v, ctx) {
    checkParentsInTable(v, ctx.out);
  },
});

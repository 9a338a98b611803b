import { checkParentsInTable, ECONOMIC, FUNCTIONAL } from '../codes';
import { defineRule, skip } from '../rule';

// Without a code column there is no code to be malformed; R1 reports a coded table that lost its codes.
export default defineRule({
  scope: 'table',
  meta: {
    id: 'K2',
    family: 'codes',
    severity: 'warning',
    title: { zh: '下级科目有上级科目', en: 'Parent code present' },
    tables: [...FUNCTIONAL, ...ECONOMIC],
    needs: { zh: '科目编码列', en: 'a subject code column' },
  },
  applies(v) {
    return v.groups.some((g) => g.kind === 'coded' && g.codeCol !== null)
      ? null
      : skip('没有科目编码列', 'no subject code column', true);
  },
  check(v, ctx) {
    checkParentsInTable(v, ctx.out);
  },
});

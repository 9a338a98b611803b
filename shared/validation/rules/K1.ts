import { checkCodesInTable, ECONOMIC, FUNCTIONAL } from '../codes';
import { defineRule, skip } from '../rule';

// Without a code column there is no code to be malformed; R1 reports a coded table that lost its codes.
export default defineRule({
  scope: 'table',
  meta: {
    id: 'K1',
    family: 'codes',
    severity: 'warning',
    title: { zh: '科目编码格式', en: 'Subject codes well-formed' },
    tables: [...FUNCTIONAL, ...ECONOMIC],
    needs: { zh: '科目编码列', en: 'a subject code column' },
  },
  applies(v) {
    return v.groups.some((g) => g.kind === 'coded' && g.codeCol !== null)
      ? null
      : skip('没有科目编码列', 'no subject code column', true);
  },
  check(v, ctx) {
    checkCodesInTable(v, ctx.out);
  },
});

import { checkCodeNames, CODE_TABLES } from '../codes';
import { always, defineRule } from '../rule';

export default defineRule({
  scope: 'document',
  meta: {
    id: 'K3',
    family: 'codes',
    severity: 'warning',
    title: { zh: '同一编码名称一致', en: 'One name per code' },
    tables: CODE_TABLES,
    needs: { zh: '印有科目编码与名称的表', en: 'tables printing subject codes with names' },
  },
  applies: always,
  check(d, ctx) {
    checkCodeNames(
      d.units.flatMap((u) => u.all),
      ctx,
    );
  },
});

import { checkEqual, entryName, type RuleContext } from '../context';
import { titleOf } from '../figures';
import { codedValue, grand, type UnitTables } from '../rules-cross';
import { defineRule, missingTables } from '../rule';

/** X6: all-GPB economic table total = gpb_exp total; per class all ≥ basic. */
export default defineRule({
  scope: 'unit',
  meta: {
    id: 'X6',
    family: 'cross',
    severity: 'error',
    title: { zh: '一般公共预算经济分类 = 一般公共预算支出表', en: 'GPB economic table = GPB expenditure table' },
    tables: ['gpb_econ_all'],
    needs: { zh: '一般公共预算支出经济分类表', en: 'GPB economic classification table' },
  },
  applies(u) {
    return missingTables(
      u,
      ['gpb_econ_all'],
      [{ zh: '一般公共预算支出经济分类表', en: 'GPB economic classification table' }],
    );
  },
  check,
});

function check(u: UnitTables, ctx: RuleContext): void {
  const T5 = u.byType.get('gpb_exp');
  const B = u.byType.get('gpb_basic_econ');
  const E = u.byType.get('gpb_econ_all');
  if (E) {
    const et = grand(E, 'total');
    const t5 = T5 ? grand(T5, 'total') : null;
    if (et && t5) {
      checkEqual(ctx, 'X6', 'error', et, t5, {
        zh: `${titleOf(E)}合计应等于${titleOf(T5!)}合计`,
        en: `${titleOf(E)} total should equal the total of ${titleOf(T5!)}`,
      });
    }
    if (B) {
      for (const e of B.coded) {
        if (!e.code || e.code.length !== 3) continue;
        const b = codedValue(B, e.code, 'total');
        const a = codedValue(E, e.code, 'total');
        if (!a || !b) continue;
        checkEqual(
          ctx,
          'X6',
          'error',
          b.a,
          a.a,
          {
            zh: `${titleOf(B)} ${entryName(e)} 不应超过${titleOf(E)}同类`,
            en: `${titleOf(B)} ${entryName(e)} should not exceed the same class in ${titleOf(E)}`,
          },
          { atMost: true, discriminator: e.code },
        );
      }
    }
  }
}

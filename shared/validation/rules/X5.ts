import { checkEqual, checkSum, type RuleContext } from '../context';
import { titleOf } from '../figures';
import { grand, wan, type UnitTables } from '../rules-cross';
import { defineRule, missingTables } from '../rule';
import { personnelPublic } from '../rules-table';

/** X5: GPB basic expenditure = basic-expenditure economic table total. */
export default defineRule({
  scope: 'unit',
  meta: {
    id: 'X5',
    family: 'cross',
    severity: 'error',
    title: { zh: '一般公共预算基本支出 = 基本支出经济分类表', en: 'GPB basic expenditure = basic economic table' },
    tables: ['gpb_exp', 'gpb_basic_econ'],
    needs: {
      zh: '一般公共预算支出表、一般公共预算基本支出表',
      en: 'GPB expenditure table and GPB basic expenditure table',
    },
  },
  applies(u) {
    return missingTables(
      u,
      ['gpb_exp', 'gpb_basic_econ'],
      [
        { zh: '一般公共预算支出表', en: 'GPB expenditure table' },
        { zh: '一般公共预算基本支出表', en: 'GPB basic expenditure table' },
      ],
    );
  },
  check,
});

function check(u: UnitTables, ctx: RuleContext): void {
  const T5 = u.byType.get('gpb_exp');
  const B = u.byType.get('gpb_basic_econ');
  if (T5 && B) {
    const basic = grand(T5, 'basic');
    const bt = grand(B, 'total');
    if (basic && bt) {
      checkEqual(ctx, 'X5', 'error', bt, basic, {
        zh: `${titleOf(B)}合计应等于${titleOf(T5)}合计行基本支出`,
        en: `${titleOf(B)} total should equal basic expenditure in the total row of ${titleOf(T5)}`,
      });
    } else if (basic) {
      const pp = personnelPublic(B);
      const parts = [...pp.values()].map((a) => wan(B, a));
      if (parts.length === 2) {
        checkSum(ctx, 'X5', 'error', basic, parts, {
          zh: `${titleOf(T5)}基本支出应等于${titleOf(B)}人员经费合计 + 公用经费合计`,
          en: `${titleOf(T5)} basic expenditure should equal personnel + public totals of ${titleOf(B)}`,
        });
      }
    }
  }
}

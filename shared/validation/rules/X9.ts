import { checkEqual, type RuleContext } from '../context';
import { titleOf } from '../figures';
import { firstFigure, grand, wan, type UnitTables } from '../rules-cross';
import { defineRule, missingTables } from '../rule';
import { personnelPublic } from '../rules-table';

/** X9: 机关运行经费 ≤ 公用经费 (equal for 行政单位). */
export default defineRule({
  scope: 'unit',
  meta: {
    id: 'X9',
    family: 'cross',
    severity: 'error',
    title: { zh: '机关运行经费 ≤ 公用经费', en: 'Operating costs ≤ public costs' },
    tables: ['gpb_basic_econ', 'op_cost'],
    needs: {
      zh: '机关运行经费表、一般公共预算基本支出表',
      en: 'operating costs table and GPB basic expenditure table',
    },
  },
  applies(u) {
    return missingTables(
      u,
      ['op_cost', 'gpb_basic_econ'],
      [
        { zh: '机关运行经费表', en: 'operating costs table' },
        { zh: '一般公共预算基本支出表', en: 'GPB basic expenditure table' },
      ],
    );
  },
  check,
});

function check(u: UnitTables, ctx: RuleContext): void {
  const B = u.byType.get('gpb_basic_econ');
  const OP = u.byType.get('op_cost');
  if (OP && B) {
    const op = grand(OP, 'total') ?? firstFigure(OP);
    const pub = personnelPublic(B).get('public');
    if (op && pub) {
      checkEqual(
        ctx,
        'X9',
        'warning',
        op,
        wan(B, pub),
        {
          zh: `${titleOf(OP)}不应超过公用经费`,
          en: `${titleOf(OP)} should not exceed public costs`,
        },
        { atMost: true },
      );
    }
  }
}

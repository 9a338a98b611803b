import { checkEqual, entryName, type RuleContext } from '../context';
import { titleOf } from '../figures';
import { cell, threePublicItems, type UnitTables } from '../rules-cross';
import { defineRule, missingTables } from '../rule';
import { type TpKey } from '../rules-table';
import { slotOf } from '../view';

/** X8: basic-expenditure items cannot exceed the 三公 lines they feed. */
export default defineRule({
  scope: 'unit',
  meta: {
    id: 'X8',
    family: 'cross',
    severity: 'error',
    title: { zh: '基本支出明细 ≤ “三公”对应项', en: 'Basic items ≤ matching “three public” lines' },
    tables: ['gpb_basic_econ', 'three_public'],
    needs: { zh: '一般公共预算基本支出表、“三公”经费表', en: 'GPB basic expenditure table and “three public” table' },
  },
  applies(u) {
    return missingTables(
      u,
      ['gpb_basic_econ', 'three_public'],
      [
        { zh: '一般公共预算基本支出表', en: 'GPB basic expenditure table' },
        { zh: '“三公”经费表', en: '“three public” table' },
      ],
    );
  },
  check,
});

function check(u: UnitTables, ctx: RuleContext): void {
  const B = u.byType.get('gpb_basic_econ');
  const TP = u.byType.get('three_public');
  if (B && TP) {
    const tp = threePublicItems(TP);
    const pairs: [string, TpKey][] = [
      ['30217', 'reception'],
      ['30231', 'carRun'],
      ['31013', 'carBuy'],
      ['30212', 'abroad'],
    ];
    for (const [code, k] of pairs) {
      const b = B.byCode.get(code)?.[0];
      const t = tp.get(k);
      if (!b || !t) continue;
      const s = slotOf(B.groups[b.group]!, 'total');
      const a = cell(B, b, s >= 0 ? s : 0);
      if (!a) continue;
      checkEqual(
        ctx,
        'X8',
        'warning',
        a,
        t,
        {
          zh: `${titleOf(B)} ${entryName(b)} 不应超过${titleOf(TP)}对应项目`,
          en: `${titleOf(B)} ${entryName(b)} should not exceed the matching line of ${titleOf(TP)}`,
        },
        { atMost: true, discriminator: code },
      );
    }
  }
}

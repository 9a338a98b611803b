import { checkSum, entryName, type Addend, type RuleContext } from '../context';
import { titleOf } from '../figures';
import { cell, type UnitTables } from '../rules-cross';
import { defineRule, missingTables } from '../rule';
import { slotOf } from '../view';

/** X10: soft functional ↔ economic matches. */
export default defineRule({
  scope: 'unit',
  meta: {
    id: 'X10',
    family: 'cross',
    severity: 'warning',
    title: { zh: '功能科目与经济科目的对应（提示）', en: 'Functional ↔ economic correspondences (soft)' },
    tables: ['gpb_basic_econ'],
    needs: { zh: '一般公共预算基本支出表', en: 'GPB basic expenditure table' },
  },
  applies(u) {
    return missingTables(u, ['gpb_basic_econ'], [{ zh: '一般公共预算基本支出表', en: 'GPB basic expenditure table' }]);
  },
  check,
});

function check(u: UnitTables, ctx: RuleContext): void {
  const T3 = u.byType.get('expenditure');
  const T5 = u.byType.get('gpb_exp');
  const B = u.byType.get('gpb_basic_econ');
  if (B) {
    const F = T5 ?? T3;
    if (F) {
      const pairs: [string, string[]][] = [
        ['2080505', ['30108', '30109']],
        ['2210201', ['30113']],
        ['2101103', ['30111']],
      ];
      for (const [fc, ecs] of pairs) {
        const f = F.byCode.get(fc)?.[0];
        if (!f) continue;
        const g = F.groups[f.group]!;
        const s = slotOf(g, 'basic') >= 0 ? slotOf(g, 'basic') : slotOf(g, 'total');
        const a = cell(F, f, s);
        if (!a) continue;
        const parts: Addend[] = [];
        for (const ec of ecs) {
          const e = B.byCode.get(ec)?.[0];
          if (!e) continue;
          const st = slotOf(B.groups[e.group]!, 'total');
          const c = cell(B, e, st >= 0 ? st : 0);
          if (c) parts.push(c);
        }
        if (parts.length === 0) continue;
        checkSum(
          ctx,
          'X10',
          'warning',
          a,
          parts,
          {
            zh: `${titleOf(F)} ${entryName(f)} 通常应等于${titleOf(B)} ${ecs.join(' + ')}`,
            en: `${titleOf(F)} ${entryName(f)} usually equals ${ecs.join(' + ')} in ${titleOf(B)}`,
          },
          1,
          fc,
        );
      }
    }
  }
}

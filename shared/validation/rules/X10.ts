import { checkSum, entryName, type Addend, type RuleContext } from '../context';
import { titleOf } from '../figures';
import { cell, type UnitTables } from '../rules-cross';
import { defineRule, missingTables } from '../rule';
import { slotOf, type TableView } from '../view';

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
      // 职业年金 (30109) is paid from 2080506 where a document lists that 项; the samples book it under 2080505 with the
      // basic pension, real Jiangsu and Shanghai budgets under 2080506: either reading is a match.
      const annuitySeparate = F.byCode.has('2080506');
      const pairs: [string, string[][]][] = [
        ['2080505', annuitySeparate ? [['30108']] : [['30108', '30109'], ['30108']]],
        ['2080506', [['30109']]],
        ['2210201', [['30113']]],
        ['2101103', [['30111']]],
      ];
      for (const [fc, alternatives] of pairs) {
        const f = F.byCode.get(fc)?.[0];
        if (!f) continue;
        const g = F.groups[f.group]!;
        const s = slotOf(g, 'basic') >= 0 ? slotOf(g, 'basic') : slotOf(g, 'total');
        const a = cell(F, f, s);
        if (!a) continue;
        const readings = alternatives
          .map((ecs) => ({ ecs, parts: economicParts(B, ecs) }))
          .filter((r) => r.parts.length > 0);
        if (readings.length === 0) continue;
        const sum = (parts: Addend[]) => parts.reduce((t, p) => t + p.cents, 0);
        const gap = (r: (typeof readings)[number]) => Math.abs(sum(r.parts) - a.cents);
        const { ecs, parts } = readings.reduce((best, r) => (gap(r) < gap(best) ? r : best));
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

/** The economic classes' total-column figures, those printed. */
function economicParts(B: TableView, codes: string[]): Addend[] {
  const parts: Addend[] = [];
  for (const ec of codes) {
    const e = B.byCode.get(ec)?.[0];
    if (!e) continue;
    const st = slotOf(B.groups[e.group]!, 'total');
    const c = cell(B, e, st >= 0 ? st : 0);
    if (c) parts.push(c);
  }
  return parts;
}

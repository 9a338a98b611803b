import { checkEqual, checkSum, type Addend, type RuleContext } from '../context';
import { titleOf } from '../figures';
import { cell, codedValue, grand, isZero, side, sideItems, SOURCE_ZH, type UnitTables } from '../rules-cross';
import { defineRule, missingTables } from '../rule';
import { slotOf, type Measure, type TableView } from '../view';

/** X3: fiscal summary 类 = gpb + 基金 + 国资 tables; GPB expenditure total = gpb_exp total. */
export default defineRule({
  scope: 'unit',
  meta: {
    id: 'X3',
    family: 'cross',
    severity: 'error',
    title: {
      zh: '财政拨款收支总表 = 一般公共预算 + 基金 + 国资支出表',
      en: 'Appropriation summary = GPB + fund + SOE tables',
    },
    tables: ['fiscal_summary'],
    needs: { zh: '财政拨款收支总表', en: 'appropriation summary' },
  },
  applies(u) {
    return missingTables(u, ['fiscal_summary'], [{ zh: '财政拨款收支总表', en: 'appropriation summary' }]);
  },
  check,
});

function check(u: UnitTables, ctx: RuleContext): void {
  const T4 = u.byType.get('fiscal_summary');
  const T5 = u.byType.get('gpb_exp');
  const GF = u.byType.get('gf');
  const SOE = u.byType.get('soe');
  if (T4) {
    const g = side(T4, 'expense');
    if (g) {
      const { items, sub } = sideItems(g);
      const perFund: [Measure, TableView | undefined][] = [
        ['gpb', T5],
        ['gf', GF],
        ['soe', SOE],
      ];
      const split = perFund.some(([m]) => slotOf(g, m) >= 0);
      for (const e of items) {
        if (!e.code) continue;
        if (split) {
          for (const [m, tv] of perFund) {
            const s = slotOf(g, m);
            if (s < 0 || !tv) continue;
            const a = cell(T4, e, s)!;
            const b = codedValue(tv, e.code, 'total');
            const bb = b?.a ?? {
              cents: 0,
              ref: { ref: { table: tv.table.id, row: -1, col: -1 }, key: `${tv.table.id}:${e.code}` },
            };
            if (!b && a.cents === 0) continue;
            checkEqual(
              ctx,
              'X3',
              'error',
              a,
              bb,
              {
                zh: `${titleOf(T4)}「${e.label}」(${SOURCE_ZH[m]}) 应等于${titleOf(tv)} ${e.code}`,
                en: `${titleOf(T4)} [${e.label}] (${m}) should equal ${e.code} in ${titleOf(tv)}`,
              },
              { discriminator: m, addends: b?.entries.length ?? 1 },
            );
          }
        } else {
          const s = slotOf(g, 'total');
          if (s < 0) continue;
          const parts: Addend[] = [];
          for (const [, tv] of perFund) {
            if (!tv) continue;
            const b = codedValue(tv, e.code, 'total');
            if (b) parts.push(b.a);
          }
          if (parts.length === 0 && !T5) continue;
          const a = cell(T4, e, s)!;
          if (parts.length === 0 && a.cents === 0) continue;
          checkSum(ctx, 'X3', 'error', a, parts, {
            zh: `${titleOf(T4)}「${e.label}」应等于一般公共预算、政府性基金、国有资本经营预算支出表同类之和`,
            en: `${titleOf(T4)} [${e.label}] should equal the same class in the GPB, fund and SOE expenditure tables`,
          });
        }
      }
      const t5 = T5 ? grand(T5, 'total') : null;
      if (sub && t5) {
        const s = split ? slotOf(g, 'gpb') : slotOf(g, 'total');
        if (s >= 0 && (split || ((!GF || isZero(GF)) && (!SOE || isZero(SOE))))) {
          checkEqual(
            ctx,
            'X3',
            'error',
            cell(T4, sub, s)!,
            t5,
            {
              zh: `${titleOf(T4)} 一般公共预算支出合计应等于${titleOf(T5!)}合计`,
              en: `${titleOf(T4)} GPB expenditure total should equal the total of ${titleOf(T5!)}`,
            },
            { discriminator: 'total' },
          );
        }
      }
    }
  }
}

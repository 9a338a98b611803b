import { checkEqual, checkSum, type RuleContext } from '../context';
import { titleOf } from '../figures';
import { cell, grand, incomeBySource, side, SOURCE_ZH, SOURCES, type UnitTables } from '../rules-cross';
import { defineRule, missingTables } from '../rule';
import { type Entry } from '../view';

/** X1: each income source of the summary = the 合计 row of the income table. */
export default defineRule({
  scope: 'unit',
  meta: {
    id: 'X1',
    family: 'cross',
    severity: 'error',
    title: { zh: '收支总表收入 = 收入总表', en: 'Summary income = income table' },
    tables: ['income_expense_summary', 'income'],
    needs: { zh: '收支总表、收入总表', en: 'income and expenditure summary and income table' },
  },
  applies(u) {
    return missingTables(
      u,
      ['income_expense_summary', 'income'],
      [
        { zh: '收支总表', en: 'income and expenditure summary' },
        { zh: '收入总表', en: 'income table' },
      ],
    );
  },
  check,
});

function check(u: UnitTables, ctx: RuleContext): void {
  const T1 = u.byType.get('income_expense_summary');
  const T2 = u.byType.get('income');
  if (T1 && T2) {
    const src = incomeBySource(T1);
    const g = side(T1, 'income');
    for (const m of SOURCES) {
      const e = src.get(m);
      const other = grand(T2, m);
      if (!e || !other || !g) continue;
      const a = cell(T1, e, 0)!;
      checkEqual(
        ctx,
        'X1',
        'error',
        a,
        other,
        {
          zh: `${titleOf(T1)}「${e.label}」应等于${titleOf(T2)}合计行「${SOURCE_ZH[m]}」`,
          en: `${titleOf(T1)} [${e.label}] should equal the total row of ${titleOf(T2)} for the same source`,
        },
        { discriminator: m },
      );
    }
    const fiscal = grand(T2, 'fiscal');
    if (fiscal && grand(T2, 'gpb') === null) {
      const parts = (['gpb', 'gf', 'soe'] as const).map((m) => src.get(m)).filter((e): e is Entry => !!e);
      if (parts.length > 0) {
        checkSum(
          ctx,
          'X1',
          'error',
          fiscal,
          parts.map((e) => cell(T1, e, 0)!),
          {
            zh: `${titleOf(T2)}合计行「财政拨款收入」应等于${titleOf(T1)}三项财政拨款收入之和`,
            en: `${titleOf(T2)} total [fiscal appropriation income] should equal the three appropriation lines of ${titleOf(T1)}`,
          },
          1,
          'fiscal',
        );
      }
    }
  }
}

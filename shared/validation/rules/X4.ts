import { checkEqual, type RuleContext } from '../context';
import { titleOf } from '../figures';
import { cell, incomeBySource, type UnitTables } from '../rules-cross';
import { defineRule, missingTables } from '../rule';

/** X4: appropriation income lines of the fiscal summary = the same lines of the summary. */
export default defineRule({
  scope: 'unit',
  meta: {
    id: 'X4',
    family: 'cross',
    severity: 'error',
    title: { zh: '财政拨款收支总表收入 = 收支总表收入', en: 'Appropriation income = summary income' },
    tables: ['income_expense_summary', 'fiscal_summary'],
    needs: { zh: '收支总表、财政拨款收支总表', en: 'income and expenditure summary and appropriation summary' },
  },
  applies(u) {
    return missingTables(
      u,
      ['income_expense_summary', 'fiscal_summary'],
      [
        { zh: '收支总表', en: 'income and expenditure summary' },
        { zh: '财政拨款收支总表', en: 'appropriation summary' },
      ],
    );
  },
  check,
});

function check(u: UnitTables, ctx: RuleContext): void {
  const T1 = u.byType.get('income_expense_summary');
  const T4 = u.byType.get('fiscal_summary');
  if (T1 && T4) {
    const a = incomeBySource(T4);
    const b = incomeBySource(T1);
    for (const m of ['gpb', 'gf', 'soe'] as const) {
      const ea = a.get(m);
      const eb = b.get(m);
      if (!ea || !eb) continue;
      const x = cell(T4, ea, 0)!;
      const y = cell(T1, eb, 0)!;
      const carry = b.get('carry');
      const carryCents = carry ? (cell(T1, carry, 0)?.cents ?? 0) : 0;
      const hint =
        m === 'gpb' && carryCents !== 0 && x.cents - y.cents === carryCents
          ? {
              zh: `差额等于${titleOf(T1)}「上年结转结余」${(carryCents / 100).toFixed(2)}`,
              en: `the difference equals the carry-over line of ${titleOf(T1)}`,
            }
          : undefined;
      checkEqual(
        ctx,
        'X4',
        'error',
        x,
        y,
        {
          zh: `${titleOf(T4)}「${ea.label}」应等于${titleOf(T1)}「${eb.label}」`,
          en: `${titleOf(T4)} [${ea.label}] should equal [${eb.label}] in ${titleOf(T1)}`,
        },
        { discriminator: m, hint, extraRefs: hint && carry ? [cell(T1, carry, 0)!.ref] : [] },
      );
    }
  }
}

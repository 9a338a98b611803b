import { checkEqual, refOf, type RuleContext } from '../context';
import { titleOf } from '../figures';
import { makeFinding } from '../findings';
import { defineRule, missingTables, type Skip } from '../rule';
import { cell, codedValue, grand, side, sideItems, type UnitTables } from '../rules-cross';
import { slotOf } from '../view';

/** X2: each expenditure 类 of the summary = the 类 of the expenditure table; totals agree. */
export default defineRule({
  scope: 'unit',
  meta: {
    id: 'X2',
    family: 'cross',
    severity: 'error',
    title: { zh: '收支总表支出 = 支出总表', en: 'Summary expenditure = expenditure table' },
    tables: ['income_expense_summary', 'income', 'expenditure'],
    needs: {
      zh: '收支总表、支出总表 或 收入总表、支出总表',
      en: 'income and expenditure summary and expenditure table or income table and expenditure table',
    },
  },
  applies(u) {
    let first: Skip | null = null;
    {
      const s = missingTables(
        u,
        ['income_expense_summary', 'expenditure'],
        [
          { zh: '收支总表', en: 'income and expenditure summary' },
          { zh: '支出总表', en: 'expenditure table' },
        ],
      );
      if (!s) return null;
      first ??= s;
    }
    {
      const s = missingTables(
        u,
        ['income', 'expenditure'],
        [
          { zh: '收入总表', en: 'income table' },
          { zh: '支出总表', en: 'expenditure table' },
        ],
      );
      if (!s) return null;
      first ??= s;
    }
    return first;
  },
  check,
});

function check(u: UnitTables, ctx: RuleContext): void {
  const T1 = u.byType.get('income_expense_summary');
  const T2 = u.byType.get('income');
  const T3 = u.byType.get('expenditure');
  if (T1 && T3) {
    const g = side(T1, 'expense');
    if (g) {
      const { items, sub } = sideItems(g);
      const s = slotOf(g, 'total');
      const t3slot = T3.groups[0] ? slotOf(T3.groups[0], 'total') : -1;
      // Precondition: the expenditure table lists its 类 (Jiangsu prints only 合计 | 基本支出 | 项目支出 there).
      const classified = T3.coded.some((e) => e.code);
      if (!classified && items.some((e) => e.code))
        ctx.out.push(
          makeFinding({
            rule: 'X2',
            severity: 'info',
            zh: `未核对：${titleOf(T3)}没有按功能分类列出科目，无法与${titleOf(T1)}逐类比较`,
            en: `Not checked: ${titleOf(T3)} lists no function classes to compare with ${titleOf(T1)} class by class`,
            expected: null,
            actual: null,
            refs: [{ ref: { table: T3.table.id, row: -1, col: -1 }, key: `${T3.table.id}:classes` }],
            discriminator: 'not-checked',
          }),
        );
      for (const e of items) {
        if (!classified) continue;
        if (!e.code || s < 0 || t3slot < 0 || T3.groups[0]?.kind !== 'coded') continue;
        const a = cell(T1, e, s)!;
        const b = codedValue(T3, e.code, 'total');
        if (!b) {
          if (a.cents !== 0) {
            checkEqual(
              ctx,
              'X2',
              'error',
              a,
              { cents: 0, ref: { ref: { table: T3.table.id, row: -1, col: -1 }, key: `${T3.table.id}:${e.code}` } },
              {
                zh: `${titleOf(T1)}「${e.label}」在${titleOf(T3)}中没有对应科目`,
                en: `${titleOf(T1)} [${e.label}] has no rows in ${titleOf(T3)}`,
              },
            );
          }
          continue;
        }
        checkEqual(
          ctx,
          'X2',
          'error',
          a,
          b.a,
          {
            zh: `${titleOf(T1)}「${e.label}」应等于${titleOf(T3)} ${e.code} 类合计`,
            en: `${titleOf(T1)} [${e.label}] should equal class ${e.code} in ${titleOf(T3)}`,
          },
          {
            addends: b.entries.length,
            extraRefs: b.entries.slice(1).map((x) => refOf(T3, x, slotOf(T3.groups[0]!, 'total'))),
          },
        );
      }
      const t3 = grand(T3, 'total');
      if (sub && t3 && s >= 0) {
        checkEqual(
          ctx,
          'X2',
          'error',
          cell(T1, sub, s)!,
          t3,
          {
            zh: `${titleOf(T1)}「${sub.label}」应等于${titleOf(T3)}合计`,
            en: `${titleOf(T1)} [${sub.label}] should equal the total of ${titleOf(T3)}`,
          },
          { discriminator: 'total' },
        );
      }
    }
  }
  if (T2 && T3 && ctx.kind !== 'final') {
    const a = grand(T2, 'total');
    const b = grand(T3, 'total');
    if (a && b) {
      checkEqual(
        ctx,
        'X2',
        'error',
        a,
        b,
        {
          zh: `${titleOf(T2)}合计应等于${titleOf(T3)}合计`,
          en: `${titleOf(T2)} total should equal ${titleOf(T3)} total`,
        },
        { discriminator: 'income-expenditure' },
      );
    }
  }
}

import { checkEqual, entryName, type RuleContext } from '../context';
import { titleOf } from '../figures';
import { cell, codedValue, grand, side, sideItems, type UnitTables } from '../rules-cross';
import { defineRule, missingTables, type Skip } from '../rule';
import { slotOf } from '../view';

/** X7: GPB ≤ all funds per row; final: 财政拨款收入 = fiscal summary income. */
export default defineRule({
  scope: 'unit',
  meta: {
    id: 'X7',
    family: 'cross',
    severity: 'error',
    title: { zh: '一般公共预算 ≤ 全部资金；财政拨款收入一致', en: 'GPB ≤ all funds; appropriation income agrees' },
    tables: ['income', 'expenditure', 'fiscal_summary', 'gpb_exp'],
    needs: {
      zh: '一般公共预算支出表、支出总表 或 收入总表、财政拨款收支总表',
      en: 'GPB expenditure table and expenditure table or income table and appropriation summary',
    },
  },
  applies(u) {
    let first: Skip | null = null;
    {
      const s = missingTables(
        u,
        ['gpb_exp', 'expenditure'],
        [
          { zh: '一般公共预算支出表', en: 'GPB expenditure table' },
          { zh: '支出总表', en: 'expenditure table' },
        ],
      );
      if (!s) return null;
      first ??= s;
    }
    {
      const s = missingTables(
        u,
        ['income', 'fiscal_summary'],
        [
          { zh: '收入总表', en: 'income table' },
          { zh: '财政拨款收支总表', en: 'appropriation summary' },
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
  const T2 = u.byType.get('income');
  const T3 = u.byType.get('expenditure');
  const T4 = u.byType.get('fiscal_summary');
  const T5 = u.byType.get('gpb_exp');
  if (T5 && T3) {
    for (const e of T5.coded) {
      if (!e.code || e.total) continue;
      for (const m of ['total', 'basic', 'project'] as const) {
        const s = slotOf(T5.groups[0]!, m);
        const b = codedValue(T3, e.code, m);
        if (s < 0 || !b) continue;
        const a = cell(T5, e, s)!;
        checkEqual(
          ctx,
          'X7',
          'error',
          a,
          b.a,
          {
            zh: `${titleOf(T5)} ${entryName(e)}（${m === 'total' ? '合计' : m === 'basic' ? '基本支出' : '项目支出'}）不应超过${titleOf(T3)}同一科目`,
            en: `${titleOf(T5)} ${entryName(e)} (${m}) should not exceed the same row of ${titleOf(T3)}`,
          },
          { atMost: true, discriminator: m },
        );
      }
    }
  }
  if (T2 && T4 && ctx.kind === 'final') {
    const f = grand(T2, 'fiscal');
    const g = side(T4, 'income');
    const sub = g ? sideItems(g).sub : null;
    if (f && sub) {
      checkEqual(
        ctx,
        'X7',
        'error',
        f,
        cell(T4, sub, 0)!,
        {
          zh: `${titleOf(T2)}财政拨款收入合计应等于${titleOf(T4)}本年收入合计`,
          en: `${titleOf(T2)} appropriation income should equal the year's income in ${titleOf(T4)}`,
        },
        { discriminator: 'fiscal' },
      );
    }
  }
}

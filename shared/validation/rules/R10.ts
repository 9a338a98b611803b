import { checkSum, type Addend, type RuleContext } from '../context';
import { addend, titleOf } from '../figures';
import { defineRule, skip } from '../rule';
import { PERSONNEL, PUBLIC, personnelPublic } from '../rules-table';
import type { TableView } from '../view';

export default defineRule({
  scope: 'table',
  meta: {
    id: 'R10',
    family: 'table',
    severity: 'error',
    title: {
      zh: '基本支出：人员经费 = 301 + 303，公用经费 = 302 + …',
      en: 'Basic expenditure: personnel = 301 + 303, public = 302 + …',
    },
    tables: ['gpb_basic_econ', 'gpb_econ_all'],
    needs: { zh: '人员经费或公用经费合计', en: 'a personnel or public cost total' },
  },
  applies(v) {
    return personnelPublic(v).size > 0
      ? null
      : skip('未列人员经费 / 公用经费合计', 'no personnel / public cost total printed', v.type === 'gpb_econ_all');
  },
  check: basicEconomic,
});

/** R10: 人员经费 = Σ(301, 303); 公用经费 = Σ(302, 307, 310, 399 …), whether printed as columns or as labelled totals. */
function basicEconomic(v: TableView, ctx: RuleContext): void {
  const printed = personnelPublic(v);
  for (const [m, classes] of [
    ['personnel', PERSONNEL],
    ['public', PUBLIC],
  ] as const) {
    const p = printed.get(m);
    if (!p) continue;
    const parts: Addend[] = [];
    for (const code of classes) {
      const e = v.byCode.get(code)?.[0];
      if (!e) continue;
      const g = v.groups[e.group]!;
      let s = g.amountCols.findIndex((c) => c.total);
      if (s < 0) s = g.amountCols.length === 1 ? 0 : -1;
      if (s < 0) continue;
      const a = addend(v, e, s);
      if (a) parts.push(a);
    }
    if (parts.length === 0) continue;
    const what =
      m === 'personnel'
        ? { zh: '人员经费', en: 'personnel costs', codes: '301 + 303' }
        : { zh: '公用经费', en: 'public costs', codes: '302 + 307 + 310 + 312 + 399' };
    checkSum(
      ctx,
      'R10',
      'error',
      p,
      parts,
      {
        zh: `${titleOf(v)} ${what.zh}应等于经济分类 ${what.codes} 之和`,
        en: `${titleOf(v)} ${what.en} should equal economic classes ${what.codes}`,
      },
      v.scale,
      m,
    );
  }
}

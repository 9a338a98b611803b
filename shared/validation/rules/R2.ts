import { checkSum, colName, type RuleContext } from '../context';
import { addend, present, titleOf, totalOf } from '../figures';
import { CHECKED_TABLES, defineRule, skip } from '../rule';
import type { Entry, TableView } from '../view';

const CODED = new Set(['income', 'expenditure', 'gpb_exp', 'gpb_basic_econ', 'gpb_econ_all', 'gf_income', 'gf', 'soe']);

export default defineRule({
  scope: 'table',
  meta: {
    id: 'R2',
    family: 'table',
    severity: 'error',
    title: { zh: '合计行 = Σ 顶级科目', en: 'Total row = Σ top-level rows' },
    tables: CHECKED_TABLES,
    needs: { zh: '合计行与科目编码', en: 'a 合计 row and subject codes' },
  },
  applies(v) {
    const quiet = !CODED.has(v.type);
    const g = v.groups[0];
    if (!g || g.kind !== 'coded') return skip('没有按科目编码列示', 'rows are not listed by subject code', quiet);
    if (!g.entries.some((e) => e.total === 'grand')) return skip('没有合计行', 'no 合计 row', quiet);
    return null;
  },
  check: totalRow,
});

function isRoot(v: TableView, e: Entry): boolean {
  let p = e.parent;
  for (let i = 0; p && i < 4; i++) {
    const up = v.byCode.get(p)?.[0];
    if (up && up.group === e.group) return false;
    if (up) return false;
    p = p.length > 3 ? p.slice(0, p.length - 2) : null;
  }
  return true;
}

/** R2: 合计 = Σ top-level rows (类, or 项 where only 项 are printed). */
function totalRow(v: TableView, ctx: RuleContext): void {
  const g = v.groups[0];
  if (!g || g.kind !== 'coded') return;
  const grand = g.entries.find((e) => e.total === 'grand');
  if (!grand) return;
  const roots = v.coded.filter((e) => e.code && !e.total && e.group === 0 && isRoot(v, e));
  if (roots.length === 0) return;
  for (let s = 0; s < grand.amounts.length; s++) {
    const parts = present(roots.map((r) => addend(v, r, s)));
    if (parts.length === 0 && grand.amounts[s] === null) continue;
    const tot = totalOf(v, grand, s)!;
    const col = colName(v, grand.cols[s]!);
    checkSum(
      ctx,
      'R2',
      'error',
      tot,
      parts,
      {
        zh: `${titleOf(v)} 合计行「${col}」应等于各科目之和`,
        en: `${titleOf(v)} total row [${col}] should equal the sum of the top-level items`,
      },
      v.scale,
    );
  }
}

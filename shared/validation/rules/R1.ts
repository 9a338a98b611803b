import { checkSum, colName, entryName, type RuleContext } from '../context';
import { addend, present, titleOf, totalOf } from '../figures';
import { CHECKED_TABLES, defineRule, skip } from '../rule';
import type { Entry, TableView } from '../view';

/**
 * Types listed by subject code in every template: one of them with two or more rows and no nested codes has lost its
 * codes in reading, which the reviewer should hear. (An income table may list its sources instead.)
 */
const CODED = new Set(['expenditure', 'gpb_exp', 'gpb_basic_econ', 'gpb_econ_all', 'gf', 'soe']);

export default defineRule({
  scope: 'table',
  meta: {
    id: 'R1',
    family: 'table',
    severity: 'error',
    title: { zh: '科目层级：类 = Σ款，款 = Σ项', en: 'Hierarchy: class = Σ items, item = Σ sub-items' },
    tables: CHECKED_TABLES,
    needs: { zh: '印有上下级科目编码', en: 'subject codes printed with their parents' },
  },
  applies(v) {
    if (v.coded.some((e) => e.parent && !e.total)) return null;
    return skip(
      '没有上下级科目编码',
      'no subject codes with a parent printed',
      !CODED.has(v.type) || v.table.rows.length < 2,
    );
  },
  check: hierarchy,
});

/** R1: 类 = Σ款, 款 = Σ项 (and economic class = Σ款) in every amount column. */
function hierarchy(v: TableView, ctx: RuleContext): void {
  const children = new Map<string, Entry[]>();
  for (const e of v.coded) {
    if (!e.parent || e.total) continue;
    // A 项 whose 款 is not printed still adds up into the 类 above it.
    let anc: string | null = e.parent;
    while (anc && !v.byCode.has(anc)) anc = anc.length > 3 ? anc.slice(0, anc.length - 2) : null;
    if (!anc) continue;
    const list = children.get(anc);
    if (list) list.push(e);
    else children.set(anc, [e]);
  }
  for (const p of v.coded) {
    if (!p.code || p.total) continue;
    const kids = children.get(p.code);
    if (!kids || kids.length === 0) continue;
    if ((v.byCode.get(p.code)?.[0] ?? p) !== p) continue;
    for (let s = 0; s < p.amounts.length; s++) {
      const parts = present(kids.map((k) => (k.amounts.length > s ? addend(v, k, s) : null)));
      if (parts.length === 0 && p.amounts[s] === null) continue;
      const tot = totalOf(v, p, s);
      if (!tot) continue;
      const col = colName(v, p.cols[s]!);
      checkSum(
        ctx,
        'R1',
        'error',
        tot,
        parts,
        {
          zh: `${titleOf(v)} ${entryName(p)}「${col}」应等于下级科目之和`,
          en: `${titleOf(v)} ${entryName(p)} [${col}] should equal the sum of its sub-items`,
        },
        v.scale,
      );
    }
  }
}

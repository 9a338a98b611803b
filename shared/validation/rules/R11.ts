import { checkSum, colName, entryName, type Addend, type RuleContext } from '../context';
import { addend, present, titleOf, totalOf } from '../figures';
import { defineRule, skip } from '../rule';
import { tpKey, type TpKey } from '../rules-table';
import type { Entry, TableView } from '../view';

export default defineRule({
  scope: 'table',
  meta: {
    id: 'R11',
    family: 'table',
    severity: 'error',
    title: {
      zh: '“三公”：合计 = 出国 + 用车 + 接待；用车 = 购置 + 运行',
      en: '“Three public”: total = abroad + vehicles + reception',
    },
    tables: ['three_public'],
    needs: { zh: '“三公”合计及出国、用车、接待各项', en: 'the “three public” total and its items' },
  },
  applies(v) {
    return v.groups[0] && v.groups[0].amountCols.length > 0
      ? null
      : skip('没有金额列', 'no amount column', v.table.rows.length === 0);
  },
  check: threePublic,
});

/** R11: 三公 合计 = 出国 + 用车 + 接待; 用车 = 购置 + 运行 — rows as items (or columns as items). */
function threePublic(v: TableView, ctx: RuleContext): void {
  const g = v.groups[0];
  if (!g) return;
  const rowsAsItems = new Map<TpKey, Entry>();
  for (const e of g.entries) {
    const k = e.total === 'grand' ? 'total' : tpKey(e.label);
    if (k && !rowsAsItems.has(k)) rowsAsItems.set(k, e);
  }
  if (rowsAsItems.size >= 3) {
    for (let s = 0; s < g.amountCols.length; s++) {
      const get = (k: TpKey) => {
        const e = rowsAsItems.get(k);
        return e ? addend(v, e, s) : null;
      };
      const totalE = (k: TpKey) => {
        const e = rowsAsItems.get(k);
        return e ? totalOf(v, e, s) : null;
      };
      judgeTp(v, ctx, get, totalE, colName(v, g.amountCols[s]!.index));
    }
    return;
  }
  const colsAsItems = new Map<TpKey, number>();
  g.amountCols.forEach((c, s) => {
    const k =
      c.total && c.segs.length <= 1
        ? 'total'
        : (tpKey(c.segs[c.segs.length - 1] ?? '') ??
          (c.total ? (tpKey(c.segs[c.segs.length - 2] ?? '') === 'car' ? 'car' : null) : null));
    if (k && !colsAsItems.has(k)) colsAsItems.set(k, s);
  });
  // "三公"经费、会议费、培训费 tables: the whole table's 合计 holds 会议费 and 培训费 too; the 三公 total is its subtotal.
  const tpSubtotal = g.amountCols.findIndex(
    (c) => c.total && c.segs.length >= 2 && /三公/u.test(c.segs[c.segs.length - 2]!),
  );
  if (tpSubtotal >= 0) colsAsItems.set('total', tpSubtotal);
  if (colsAsItems.size < 3) return;
  for (const e of g.entries) {
    const get = (k: TpKey) => {
      const s = colsAsItems.get(k);
      return s === undefined ? null : addend(v, e, s);
    };
    const totalE = (k: TpKey) => {
      const s = colsAsItems.get(k);
      return s === undefined ? null : totalOf(v, e, s);
    };
    judgeTp(v, ctx, get, totalE, entryName(e));
  }
}

function judgeTp(
  v: TableView,
  ctx: RuleContext,
  get: (k: TpKey) => Addend | null,
  totalE: (k: TpKey) => Addend | null,
  where: string,
): void {
  const car = totalE('car');
  const buy = get('carBuy');
  const run = get('carRun');
  if (car && (buy || run)) {
    checkSum(
      ctx,
      'R11',
      'error',
      car,
      present([buy, run]),
      {
        zh: `${titleOf(v)}「${where}」公务用车购置及运行费应等于购置费 + 运行费`,
        en: `${titleOf(v)} [${where}] official vehicles should equal purchase + operation`,
      },
      v.scale,
      'car',
    );
  }
  const tot = totalE('total');
  if (!tot) return;
  const parts = present([get('abroad'), car ? get('car') : null, get('reception')]);
  if (!car) parts.push(...present([buy, run]));
  if (parts.length === 0 && tot.cents === 0) return;
  checkSum(
    ctx,
    'R11',
    'error',
    tot,
    parts,
    {
      zh: `${titleOf(v)}「${where}」“三公”经费合计应等于出国(境) + 公务用车 + 公务接待`,
      en: `${titleOf(v)} [${where}] “three public” total should equal travel abroad + vehicles + reception`,
    },
    v.scale,
    'total',
  );
}

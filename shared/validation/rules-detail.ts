import { checkEqual, checkSum, colName, entryName, refOf, type Addend, type RuleContext } from './context';
import type { Entry, GroupView, TableView } from './view';

/**
 * Detail tables printed by some templates (S2: 政府采购预算表, 固定资产占用情况表):
 *  R12 政府采购: 合计 row = Σ rows per amount column; row 金额 = 数量 × 单价; 预留中小微企业份额 ≤ 金额.
 *  R14 资产: 资产总额 = Σ numbered categories (1、房屋 2、车辆 3、设备 4、其他), 其中 lines not counted twice, in the
 *  value column (数量 columns count different things and do not add up).
 * Columns and rows are found by their words; a table without them (an empty 空表列示 table) is left alone.
 */

const T = (v: TableView) => v.table.title || v.table.id;

function col(g: GroupView, re: RegExp, not?: RegExp): number {
  return g.amountCols.findIndex((c) => {
    const l = c.segs.join('/');
    return re.test(l) && !(not && not.test(l));
  });
}

function fig(v: TableView, e: Entry, slot: number): Addend | null {
  const a = e.amounts[slot];
  return a === null || a === undefined ? null : { cents: a, ref: refOf(v, e, slot) };
}

function numbered(name: string): boolean {
  return /^\s*(?:[0-9]+[、.．)）](?![0-9])|[(（][0-9]+[)）]|[一二三四五六七八九十]+[、.．])/u.test(
    name.normalize('NFKC'),
  );
}

const SUB = /^\s*其中/u;

export function checkAssets(v: TableView, ctx: RuleContext): void {
  const g = v.groups[0];
  if (!g || g.amountCols.length === 0) return;
  let slot = col(g, /价值|金额|账面|原值|净值/u, /数量|面积/u);
  if (slot < 0) slot = g.amountCols.length - 1;
  const total = g.entries.find((e) => e.total === 'grand' || /^(?:资产总额|资产合计|合计|总计)$/u.test(e.label));
  if (!total) return;
  const rest = g.entries.filter((e) => e !== total && !SUB.test(e.name) && !e.total);
  const cats = rest.some((e) => numbered(e.name)) ? rest.filter((e) => numbered(e.name)) : rest;
  const parts = cats.map((e) => fig(v, e, slot)).filter((a): a is Addend => a !== null);
  if (parts.length === 0) return;
  checkSum(
    ctx,
    'R14',
    'error',
    fig(v, total, slot) ?? { cents: 0, ref: refOf(v, total, slot) },
    parts,
    {
      zh: `${T(v)}「${total.label}」(${colName(v, total.cols[slot]!)}) 应等于各类资产之和`,
      en: `${T(v)} [${total.label}] (${colName(v, total.cols[slot]!)}) should equal the sum of the asset categories`,
    },
    v.scale,
  );
}

const ORDINAL = /^[一二三四五六七八九十]+、/u;

export function checkProcurement(v: TableView, ctx: RuleContext): void {
  const g = v.groups[0];
  if (!g || g.amountCols.length === 0) return;
  const grand = g.entries.find((e) => e.total === 'grand');
  const rows = g.entries.filter(
    (e) => e !== grand && !e.total && !SUB.test(e.name) && e.amounts.some((a) => a !== null),
  );
  // Where the items are grouped under numbered categories (一、货物 / 二、工程 / 三、服务 over their projects and
  // goods), the categories add up to 合计 and the rows under them are their detail.
  const firstText = (e: Entry) => v.table.rows[e.row]?.cells.find((c) => c.text.trim() !== '')?.text.trim() ?? '';
  const categories = rows.filter((e) => ORDINAL.test(firstText(e)));
  if (categories.length > 0) rows.splice(0, rows.length, ...categories);
  // Σ rows = 合计, per amount column.
  if (grand && rows.length >= 1 && (rows.length >= 2 || categories.length > 0)) {
    for (let s = 0; s < g.amountCols.length; s++) {
      if (/数量|单价/u.test(g.amountCols[s]!.segs.join('/'))) continue;
      const parts = rows.map((e) => fig(v, e, s)).filter((a): a is Addend => a !== null);
      if (parts.length === 0 && grand.amounts[s] === null) continue;
      checkSum(
        ctx,
        'R12',
        'error',
        fig(v, grand, s) ?? { cents: 0, ref: refOf(v, grand, s) },
        parts,
        {
          zh: `${T(v)}合计行「${colName(v, grand.cols[s]!)}」应等于各采购项目之和`,
          en: `${T(v)} total row [${colName(v, grand.cols[s]!)}] should equal the sum of the items`,
        },
        v.scale,
        `sum-${s}`,
      );
    }
  }
  const qty = col(g, /数量/u);
  const price = col(g, /单价/u);
  const amount = col(g, /金额|合计|总价|预算/u, /数量|单价|中小|预留/u);
  const sme = col(g, /中小|预留/u);
  for (const e of rows) {
    const q = qty >= 0 ? e.amounts[qty] : null;
    const p = price >= 0 ? fig(v, e, price) : null;
    const a = amount >= 0 ? fig(v, e, amount) : null;
    if (q !== null && q !== undefined && q > 0 && p && a) {
      // 数量 is read in hundredths like every figure; the price's rounding is multiplied by the quantity.
      const n = q / 100;
      checkSum(
        ctx,
        'R12',
        'error',
        a,
        [
          { cents: Math.round(n * p.cents), ref: p.ref },
          { cents: 0, ref: refOf(v, e, qty) },
        ],
        {
          zh: `${T(v)} ${entryName(e)} 金额应等于数量 × 单价（${n} × ${(p.cents / 100).toFixed(2)}）`,
          en: `${T(v)} ${entryName(e)}: amount should equal quantity × unit price (${n} × ${(p.cents / 100).toFixed(2)})`,
        },
        v.scale * Math.max(1, Math.ceil(n) / 2),
        'qty',
      );
    }
    const sm = sme >= 0 ? fig(v, e, sme) : null;
    if (sm && a) {
      checkEqual(
        ctx,
        'R12',
        'error',
        sm,
        a,
        {
          zh: `${T(v)} ${entryName(e)} 预留中小微企业份额不应超过采购金额`,
          en: `${T(v)} ${entryName(e)}: the share reserved for small enterprises cannot exceed the amount`,
        },
        { atMost: true, discriminator: 'sme' },
      );
    }
  }
}

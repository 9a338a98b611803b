import { checkSum, colName, type RuleContext } from './context';
import { addend, present, titleOf, totalOf } from './figures';
import { norm } from './text';
import type { Entry, TableView } from './view';

/** A table printed as an income side beside an expenditure side. */
export function hasSides(v: TableView): boolean {
  return v.groups.length >= 2 && v.groups.every((g) => g.kind === 'side');
}

function ordinalLevel(name: string): number {
  const t = norm(name);
  if (/^[一二三四五六七八九十]+[、.．]/u.test(t)) return 1;
  if (/^[(（][一二三四五六七八九十]+[)）]/u.test(t)) return 2;
  if (/^[0-9]+[、.．)）]/u.test(t) || /^[(（][0-9]+[)）]/u.test(t)) return 3;
  return 0;
}

/**
 * R5 (budget 收支总表), R6 (决算 收入支出决算总表), R7 (财政拨款收支总表): on each side the items before
 * 本年合计 sum to it, 总计 = 本年合计 + 结转/结余 lines, a 结转 line = its fund sub-lines, and both sides balance.
 */
export function summaryBalance(v: TableView, ctx: RuleContext, rule: 'R5' | 'R6' | 'R7'): void {
  const grands: Partial<Record<'income' | 'expense', Entry>> = {};
  for (const g of v.groups) {
    const side = g.side ?? 'income';
    const items: Entry[] = [];
    let sub: Entry | null = null;
    let grand: Entry | null = null;
    const carry: { head: Entry; parts: Entry[] }[] = [];
    for (const e of g.entries) {
      if (grand) break;
      if (/^其中/u.test(norm(e.name))) continue;
      // "当年收入小计 … 上年结转资金 … 收入合计": a second total after 本年 (with no 总计 printed) is the side's total.
      const isGrand = /总计$/u.test(e.label) || (sub !== null && /合计$/u.test(e.label) && !/结转|结余/u.test(e.label));
      const isSub = !isGrand && (e.total !== null || /合计$/u.test(e.label));
      if (isGrand) grand = e;
      else if (isSub && !sub) sub = e;
      else if (!sub) items.push(e);
      else if (/结转|结余|结存|使用|分配|调入|调出/u.test(e.label)) carry.push({ head: e, parts: [] });
      else if (carry.length > 0) carry[carry.length - 1]!.parts.push(e);
    }
    // Where lines are numbered 一、二、…, only those are the side's items; (一)/1./其中 lines break them down.
    const numbered = items.filter((e) => ordinalLevel(e.name) === 1);
    if (numbered.length > 0) items.splice(0, items.length, ...numbered);
    const sideZh = side === 'income' ? '收入' : '支出';
    for (let s = 0; s < g.amountCols.length; s++) {
      const col = colName(v, g.amountCols[s]!.index);
      if (sub) {
        const parts = present(items.map((e) => addend(v, e, s)));
        if (parts.length > 0 || sub.amounts[s] !== null) {
          checkSum(
            ctx,
            rule,
            'error',
            totalOf(v, sub, s)!,
            parts,
            {
              zh: `${titleOf(v)} ${sideZh}「${sub.label}」(${col}) 应等于各${sideZh}项目之和`,
              en: `${titleOf(v)} ${side} [${sub.label}] (${col}) should equal the sum of the ${side} lines`,
            },
            v.scale,
            `${side}-sub`,
          );
        }
      }
      for (const c of carry) {
        const parts = present(c.parts.map((e) => addend(v, e, s)));
        if (parts.length === 0) continue;
        checkSum(
          ctx,
          rule,
          'error',
          totalOf(v, c.head, s)!,
          parts,
          {
            zh: `${titleOf(v)}「${c.head.label}」应等于其分项之和`,
            en: `${titleOf(v)} [${c.head.label}] should equal the sum of its fund lines`,
          },
          v.scale,
          `${side}-carry`,
        );
      }
      if (grand && sub) {
        const parts = present([addend(v, sub, s), ...carry.map((c) => addend(v, c.head, s))]);
        checkSum(
          ctx,
          rule,
          'error',
          totalOf(v, grand, s)!,
          parts,
          {
            zh: `${titleOf(v)} ${sideZh}总计(${col}) 应等于本年合计 + 结转结余`,
            en: `${titleOf(v)} ${side} grand total (${col}) should equal the year's total + carry-overs`,
          },
          v.scale,
          `${side}-grand`,
        );
      }
    }
    const top = grand ?? sub;
    if (top) grands[side] = top;
  }
  const inc = grands.income;
  const exp = grands.expense;
  if (inc && exp) {
    const a = totalOf(v, inc, 0);
    const b = totalOf(v, exp, 0);
    if (a && b) {
      checkSum(
        ctx,
        rule,
        'error',
        b,
        [a],
        {
          zh: `${titleOf(v)} 收支应平衡：支出「${exp.label}」应等于收入「${inc.label}」`,
          en: `${titleOf(v)} income and expenditure should balance: [${exp.label}] should equal [${inc.label}]`,
        },
        v.scale,
        'balance',
      );
    }
  }
}

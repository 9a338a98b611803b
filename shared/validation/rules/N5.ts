import { makeFinding } from '../findings';
import { candidatesFor, conceptOf, parseNarrative, pctVerdict, type AmountClaim, type ShareClaim } from '../narrative';
import { defineRule, skip } from '../rule';
import { threePublicItems, type UnitTables } from '../rules-cross';
import { norm } from '../text';
import type { Addend } from '../context';

/** A base name as compared with subjects: no 预算/决算/数, no 的, no year or 部门 scope words. */
function baseKey(s: string): string {
  return norm(s).replace(/预算|决算|数|的|本部门|本单位|部门|本年度|年度|[0-9]{4}年/gu, '');
}

/**
 * The figure a share is of: the list's opening figure for a bare "占X%"; for "占…的X%" the nearest earlier figure
 * of the text whose subject ends with that name, else the one table figure the name stands for.
 */
export function baseOf(
  s: ShareClaim,
  amounts: readonly AmountClaim[],
  units: readonly UnitTables[],
): { cents: number; what: string; ref: Addend | null } | null {
  if (!s.baseName || /^比$/u.test(s.baseName))
    return s.head ? { cents: s.head.cents, what: s.head.subject, ref: null } : null;
  const key = baseKey(s.baseName);
  if (key.length < 2) return null;
  for (let i = s.part.seq - 1; i >= 0; i--) {
    const a = amounts[i]!;
    if (baseKey(a.subject).endsWith(key)) return { cents: a.cents, what: a.subject, ref: null };
  }
  const c = conceptOf(s.baseName);
  for (const u of units) {
    // 三公 is 出国 + 用车 + 接待: a Jiangsu table's 合计 also holds 会议费 and 培训费.
    const tp = c?.k === 'tp' && c.key === 'total' ? u.byType.get('three_public') : undefined;
    if (tp) {
      const items = threePublicItems(tp);
      const buy = items.get('carBuy');
      const run = items.get('carRun');
      const car = items.get('car') ?? (buy && run ? { cents: buy.cents + run.cents, ref: buy.ref } : undefined);
      const parts = [items.get('abroad'), car, items.get('reception')];
      if (parts.every((a) => a))
        return { cents: parts.reduce((n, a) => n + a!.cents, 0), what: s.baseName, ref: parts[0]! };
    }
    const cand = candidatesFor(s.baseName, u);
    if (!cand || cand.list.length === 0) continue;
    const values = new Set(cand.list.map((a) => a.cents));
    return values.size === 1 ? { cents: cand.list[0]!.cents, what: s.baseName, ref: cand.list[0]! } : null;
  }
  return null;
}

/** N5: a share stated in the explanation ("占13.67%", "占“三公”经费的54.43%") is the figure ÷ its base. */
export default defineRule({
  scope: 'document',
  meta: {
    id: 'N5',
    family: 'narrative',
    severity: 'warning',
    title: { zh: '说明中的占比 = 所述金额 ÷ 其基数', en: 'Shares stated in the explanation = figure ÷ its base' },
    tables: [],
    needs: { zh: '说明中有“占…%”及其基数', en: 'a share ("占…%") and the figure it is of' },
  },
  applies: ({ doc }) =>
    doc.narrative && doc.narrative.length > 0 ? null : skip('没有说明文字', 'no explanation text', true),
  check: ({ doc, units }, ctx) => {
    const p = parseNarrative(doc.narrative!);
    for (const s of p.shares) {
      const base = baseOf(s, p.amounts, units);
      if (!base || base.cents <= 0) continue;
      const v = pctVerdict(s.part.cents, base.cents, s.pct, s.pctDecimals);
      if (!v) continue;
      const part = (s.part.cents / 100).toFixed(2);
      const whole = (base.cents / 100).toFixed(2);
      ctx.out.push(
        makeFinding({
          rule: 'N5',
          severity: v.severity,
          zh: `说明中「${s.part.subject}」${part}万元占「${base.what}」${whole}万元的比例应为 ${v.expected.toFixed(2)}%，文中为 ${s.pct}%`,
          en: `"${s.part.subject}" ${part} of "${base.what}" ${whole} is ${v.expected.toFixed(2)}%, the text says ${s.pct}%`,
          expected: v.expected,
          actual: s.pct,
          refs: base.ref ? [base.ref.ref] : [],
          discriminator: `${s.part.subject}|${s.part.cents}|${base.cents}|${s.pct}`,
        }),
      );
    }
  },
});

import { makeFinding } from '../findings';
import { AMOUNT, cents, conceptOf, hasReason, parseNarrative, REASON } from '../narrative';
import { defineRule, skip } from '../rule';

const explainedCache = new WeakMap<object, Set<number>>();

/**
 * Changes (in cents) some sentence states with a reason, in it or the sentence after: the same change restated in
 * a later section ("与上年相比增加844.15万元" under 财政拨款 after the 收支总体 paragraph gave the reason) needs no
 * second one.
 */
function explainedChanges(pages: readonly { text: string }[]): Set<number> {
  let out = explainedCache.get(pages);
  if (out) return out;
  out = new Set();
  const full = pages.flatMap((p) => p.text.match(/[^。]+。?/gu) ?? []);
  const amount = new RegExp(AMOUNT, 'gu');
  full.forEach((s, i) => {
    if (!/增加|减少|增长|下降/u.test(s) || !REASON.test(s + (full[i + 1] ?? ''))) return;
    for (const m of s.matchAll(amount)) out!.add(cents(m[1]!, m[2] ?? ''));
  });
  explainedCache.set(pages, out);
  return out;
}

/**
 * N7: a change against last year ("比上年增加514.39万元") is explained: 主要原因 / 主要是 / 原因是 / 主要用于 / 由于 in
 * its sentence or the next. DOMAIN §4 requires the reasons for 收支总体 and for 三公 (warning); for other lines they
 * are customary (info). A change of 0 needs none, nor one the text restates after explaining it.
 */
export default defineRule({
  scope: 'document',
  meta: {
    id: 'N7',
    family: 'narrative',
    severity: 'warning',
    title: { zh: '增减变动说明了原因', en: 'Changes against last year are explained' },
    tables: [],
    needs: { zh: '说明中有与上年比较的增减', en: 'a change against last year in the explanation' },
  },
  applies: ({ doc }) =>
    doc.narrative && doc.narrative.length > 0 ? null : skip('没有说明文字', 'no explanation text', true),
  check: ({ doc }, ctx) => {
    const p = parseNarrative(doc.narrative!);
    const explained = explainedChanges(p.pages);
    for (const c of p.changes) {
      if (c.deltaCents === 0 || hasReason(c) || explained.has(Math.abs(c.deltaCents))) continue;
      const k = conceptOf(c.subject)?.k;
      const required = k === 'tp' || k === 'totals';
      const delta = (Math.abs(c.deltaCents) / 100).toFixed(2);
      const dir = c.deltaCents > 0 ? '增加' : '减少';
      ctx.out.push(
        makeFinding({
          rule: 'N7',
          severity: required ? 'warning' : 'info',
          zh: `说明中「${c.subject}」比上年${dir}${delta}万元，未说明原因`,
          en: `"${c.subject}" ${c.deltaCents > 0 ? 'rose' : 'fell'} by ${delta} against last year with no reason given`,
          expected: null,
          actual: c.deltaCents / 100,
          refs: [],
          discriminator: `${c.subject}|${c.currentCents}|${c.deltaCents}`,
        }),
      );
    }
  },
});

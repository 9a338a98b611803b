import { makeFinding } from '../findings';
import { cellName, matchClaims, parseNarrative } from '../narrative';
import { defineRule, skip } from '../rule';

/**
 * N6: a 万元 figure written as 元, or the reverse — the stated number is a table cell ×10⁴ or ÷10⁴ ("基本支出118.43元"
 * where the table prints 118.43 万元). Reported instead of an N1 difference, naming the cell.
 */
export default defineRule({
  scope: 'document',
  meta: {
    id: 'N6',
    family: 'narrative',
    severity: 'warning',
    title: {
      zh: '说明中金额单位与表不符（万元写作元或元写作万元）',
      en: 'An amount in the explanation with the wrong unit (万元 written as 元 or the reverse)',
    },
    tables: [],
    needs: { zh: '说明中有对应表中科目的金额', en: 'an explanation amount naming a table figure' },
  },
  applies: ({ doc }) =>
    doc.narrative && doc.narrative.length > 0 ? null : skip('没有说明文字', 'no explanation text', true),
  check: ({ doc, units }, ctx) => {
    for (const r of matchClaims(parseNarrative(doc.narrative!), units)) {
      if (r.k !== 'slip') continue;
      const c = r.claim;
      const shown = `${c.value.toFixed(c.decimals)}${c.unit}`;
      const where = cellName(units, r.cell);
      ctx.out.push(
        makeFinding({
          rule: 'N6',
          severity: 'warning',
          zh: `说明中「${c.subject}」写作 ${shown}，与表中 ${where} 的数字相同而单位不同：应为 ${c.value.toFixed(c.decimals)}${r.as}`,
          en: `The explanation's "${c.subject}" reads ${shown}; ${where} prints the same number in ${r.as}`,
          expected: null,
          actual: c.value,
          refs: [{ ref: r.cell.ref.ref, key: `narrative:${c.subject}` }, r.cell.ref],
          discriminator: `${c.subject}|${c.unit}|${c.value}`,
        }),
      );
    }
  },
});

import { checkSections } from '../completeness';
import { parseNarrative } from '../narrative';
import { defineRule, skip } from '../rule';

export default defineRule({
  scope: 'document',
  meta: {
    id: 'C3',
    family: 'completeness',
    severity: 'warning',
    title: { zh: '必备说明部分齐全', en: 'Required sections present' },
    tables: [],
    needs: { zh: '至少 200 字的说明', en: 'an explanation of at least 200 characters' },
  },
  applies(d) {
    return parseNarrative(d.doc.narrative ?? []).text.length >= 200
      ? null
      : skip('说明文字不足 200 字', 'the explanation is shorter than 200 characters', true);
  },
  check(d, ctx) {
    checkSections(d.doc, ctx);
  },
});

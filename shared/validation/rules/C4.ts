import { checkThreePublicDetails } from '../completeness';
import { defineRule, skip } from '../rule';

export default defineRule({
  scope: 'document',
  meta: {
    id: 'C4',
    family: 'completeness',
    severity: 'warning',
    title: { zh: '决算“三公”说明给出团组、车辆、接待数', en: 'Final “three public” details given' },
    tables: [],
    needs: { zh: '决算说明中的“三公”部分', en: "the “three public” part of a final account's explanation" },
  },
  applies(_d, ctx) {
    return ctx.kind === 'final' ? null : skip('仅适用于决算', 'final accounts only', true);
  },
  check(d, ctx) {
    checkThreePublicDetails(d.doc, ctx);
  },
});

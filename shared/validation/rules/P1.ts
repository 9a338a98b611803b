import { findingsOf } from '../passes';
import { formsOf } from '../forms';
import { defineRule, skip } from '../rule';
import { checkSelfEvaluation } from '../rules-selfeval';

export default defineRule({
  scope: 'unit',
  meta: {
    id: 'P1',
    family: 'projects',
    severity: 'warning',
    title: { zh: '绩效自评：执行率 = 全年执行数 / 全年预算数', en: 'Self-evaluation: execution rate = spent / budget' },
    tables: ['performance', 'other'],
    needs: { zh: '绩效自评表的预算数、执行数、执行率', en: 'self-evaluation budget, spent and rate columns' },
  },
  applies(u) {
    return u.all.some((v) => formsOf(v.table).length > 0)
      ? null
      : skip('没有绩效自评表', 'no self-evaluation forms', true);
  },
  check(u, ctx) {
    findingsOf(checkSelfEvaluation, u, ctx, 'P1');
  },
});

import { findingsOf } from '../passes';
import { formsOf } from '../forms';
import { defineRule, skip } from '../rule';
import { checkSelfEvaluation } from '../rules-selfeval';

export default defineRule({
  scope: 'unit',
  meta: {
    id: 'P3',
    family: 'projects',
    severity: 'warning',
    title: {
      zh: '绩效自评：执行率得分不超过 分值 × 执行率',
      en: 'Self-evaluation: the execution score does not exceed weight × execution rate',
    },
    tables: ['performance', 'other'],
    needs: {
      zh: '绩效自评表的预算数、执行数、执行率、分值与得分',
      en: 'self-evaluation budget, spent and rate columns, weight and score',
    },
  },
  applies(u) {
    return u.all.some((v) => formsOf(v.table).length > 0)
      ? null
      : skip('没有绩效自评表', 'no self-evaluation forms', true);
  },
  check(u, ctx) {
    findingsOf(checkSelfEvaluation, u, ctx, 'P3');
  },
});

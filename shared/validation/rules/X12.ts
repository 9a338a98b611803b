import { findingsOf } from '../passes';
import { formsOf } from '../forms';
import { defineRule, skip } from '../rule';
import { checkProjects } from '../rules-projects';

export default defineRule({
  scope: 'unit',
  meta: {
    id: 'X12',
    family: 'projects',
    severity: 'error',
    title: {
      zh: '项目资金：资金总额 = 财政拨款 + 其他；财政拨款 = 当年 + 上年结转；元表 = 万元 × 10⁴',
      en: 'Project funds: total = appropriation + other; appropriation = this year + carry-over; yuan = 10k yuan × 10⁴',
    },
    tables: ['project', 'performance', 'other'],
    needs: { zh: '项目绩效目标表（资金总额及其来源）', en: 'project forms (total funds and their sources)' },
  },
  applies(u) {
    return u.all.some((v) => formsOf(v.table).length > 0) ? null : skip('没有项目绩效表', 'no project forms', true);
  },
  check(u, ctx) {
    findingsOf(checkProjects, u, ctx, 'X12');
  },
});

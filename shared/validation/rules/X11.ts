import { findingsOf } from '../passes';
import { formsOf } from '../forms';
import { defineRule, skip } from '../rule';
import { checkProjects } from '../rules-projects';

export default defineRule({
  scope: 'unit',
  meta: {
    id: 'X11',
    family: 'projects',
    severity: 'error',
    title: {
      zh: '项目支出表 / 绩效目标表各项目之和 = 支出总表项目支出（只列重点项目时可少于）',
      en: 'Σ projects (project table / project forms) = project expenditure (forms may list key projects only)',
    },
    tables: ['expenditure', 'project', 'performance'],
    needs: {
      zh: '支出总表项目支出，及项目支出表或项目绩效目标表',
      en: 'project expenditure in the expenditure table, and a project table or project forms',
    },
  },
  applies(u) {
    if (!u.byType.has('expenditure')) return skip('缺少支出总表', 'no expenditure table', true);
    if (u.all.some((v) => v.type === 'project' || formsOf(v.table).length > 0)) return null;
    return skip('没有项目支出表或项目绩效目标表', 'no project table or project forms', true);
  },
  check(u, ctx) {
    findingsOf(checkProjects, u, ctx, 'X11');
  },
});

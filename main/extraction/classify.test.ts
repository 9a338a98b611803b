import { describe, expect, it } from 'vitest';
import { classifyTitle, isFurniture, isTitleLike, moneyUnitOf, tableNumber } from './classify';

describe('table classification', () => {
  it.each([
    ['2024 年度收支预算总表', 'income_expense_summary'],
    ['收入支出决算总表', 'income_expense_summary'],
    ['2023年预算收入总表', 'income'],
    ['收入决算表', 'income'],
    ['支出决算表', 'expenditure'],
    ['2024年度财政拨款收支预算总表', 'fiscal_summary'],
    ['财政拨款收入支出决算总表', 'fiscal_summary'],
    ['一般公共预算财政拨款支出决算表', 'gpb_exp'],
    ['2024年度一般公共预算基本支出经济分类情况表', 'gpb_basic_econ'],
    ['一般公共预算财政拨款基本支出决算表', 'gpb_basic_econ'],
    ['2024年度一般公共预算支出经济分类情况表', 'gpb_econ_all'],
    ['2023年政府性基金预算收入表(不含上年结转)', 'gf_income'],
    ['政府性基金预算财政拨款收入支出决算表', 'gf'],
    ['国有资本经营预算财政拨款支出决算表', 'soe'],
    ['一般公共预算财政拨款“三公”经费支出决算表', 'three_public'],
    ['2023年机关运行经费预算财政拨款情况统计表', 'op_cost'],
    ['政府采购预算表', 'procurement'],
    ['固定资产占用情况表', 'assets'],
    ['2023年项目支出预算表(本年预算)', 'project'],
    ['综治协会工作经费绩效目标表', 'performance'],
    ['项目支出绩效自评表', 'performance'],
    ['人员编制情况表', 'other'],
    // The vocabularies of other regions (Shanghai Putuo, Jiangsu provincial departments).
    ['2026年部门财务收支预算总表', 'income_expense_summary'],
    ['2026年预算单位收入预算总表', 'income'],
    ['部门收入预算总表', 'income'],
    ['2026年部门一般公共预算支出功能分类预算表', 'gpb_exp'],
    ['2026年部门一般公共预算基本支出部门预算经济分类预算表', 'gpb_basic_econ'],
    ['财政拨款支出预算表(功能科目)', 'gpb_exp'],
    ['五、财政拨款支出预算表', 'gpb_exp'],
    ['六、财政拨款基本支出预算表', 'gpb_basic_econ'],
    ['“三公”经费、会议费、培训费支出预算表', 'three_public'],
    ['2026年部门“三公”经费和机关运行经费预算表', 'three_public'],
    ['政府基金预算支出表', 'gf'],
    ['财政拨款政府性基金支出预算表', 'gf'],
    ['2026年部门国有资本经营预算支出功能分类预算表', 'soe'],
    ['一般公共预算机关运行经费支出预算表', 'op_cost'],
    ['会议日程表', 'other'],
  ])('%s → %s', (title, type) => {
    expect(classifyTitle(title)).toBe(type);
  });

  it('reads printed numbers and money units', () => {
    expect(tableNumber('公开 01 表')).toBe('公开01表');
    expect(tableNumber('预算公开表1')).toBe('预算公开表1');
    expect(tableNumber('公开表一')).toBe('公开表一');
    expect(tableNumber('公开表十二')).toBe('公开表十二');
    expect(isFurniture('公开表一')).toBe(true);
    expect(tableNumber('收入决算表')).toBeNull();
    expect(moneyUnitOf('单位：万元')).toBe('万元');
    expect(moneyUnitOf('金额单位:元')).toBe('元');
    expect(moneyUnitOf('项目概况')).toBeNull();
  });

  it('tells titles from sentences and page furniture', () => {
    expect(isTitleLike('2024年度收入预算总表')).toBe(true);
    expect(isTitleLike('详细情况见下表。')).toBe(false);
    expect(isFurniture('单位：万元')).toBe(true);
    expect(isFurniture('- 12 -')).toBe(true);
    expect(isFurniture('第 3 页')).toBe(true);
    expect(isFurniture('部门：某某局')).toBe(true);
    expect(isFurniture('一、收入预算总表')).toBe(false);
    // The year line under a form's heading is no lead-in: the heading above it titles the table.
    expect(isFurniture('（2023年度）')).toBe(true);
    expect(isFurniture('2023年度部门预算')).toBe(false);
  });
});

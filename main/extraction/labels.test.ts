import { describe, expect, it } from 'vitest';
import { labelLine } from './labels';

describe('label lines under a title', () => {
  it('reads the department and the unit from one line', () => {
    expect(labelLine('编制部门：上海市普陀区司法局          单位：元')).toEqual({
      department: '上海市普陀区司法局',
      unitName: null,
      moneyUnit: '元',
    });
    expect(labelLine('部门：中共江苏省委办公厅 单位：万元')).toMatchObject({
      department: '中共江苏省委办公厅',
      moneyUnit: '万元',
    });
  });

  it('puts a wrapped name tail printed after the unit back on the name', () => {
    expect(labelLine('部门名称:江苏省人大 单位:万元 常委会办公厅')).toMatchObject({
      department: '江苏省人大常委会办公厅',
      moneyUnit: '万元',
    });
  });

  it('reads unit-name and year labels', () => {
    expect(labelLine('单位名称：某某中心  预算年度：2025  金额单位：万元')).toEqual({
      department: null,
      unitName: '某某中心',
      moneyUnit: '万元',
    });
  });

  it('is null for a line that does not start with a label', () => {
    expect(labelLine('2026年部门财务收支预算总表')).toBeNull();
    expect(labelLine('本单位2026年收入预算总额为100万元')).toBeNull();
  });
});

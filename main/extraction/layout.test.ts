import { describe, expect, it } from 'vitest';
import type { TextLine } from './celltext';
import { contextAbove } from './layout';

/** Lines above a grid, top to bottom, each [text, top y, font size]. */
function lines(...spec: Array<[string, number, number?]>): Array<TextLine & { used: boolean }> {
  return spec.map(([text, top, size = 9.9]) => ({
    text,
    bbox: [80, top - size, 500, top],
    fontSize: size,
    runs: [],
    used: false,
  })) as unknown as Array<TextLine & { used: boolean }>;
}

describe('the context above a grid', () => {
  it('takes the title above a 编制部门 … 单位 line, which gives the department and the unit', () => {
    const ctx = contextAbove(
      lines(['2026年部门财务收支预算总表', 521, 18], ['编制部门：上海市普陀区司法局    单位：元', 491, 12]),
    );
    expect(ctx).toMatchObject({
      title: '2026年部门财务收支预算总表',
      department: '上海市普陀区司法局',
      moneyUnit: '元',
    });
  });

  it('takes the title above a 公开表一 number line', () => {
    const ctx = contextAbove(
      lines(['收支预算总表', 815, 18.2], ['公开表一', 783], ['部门：江苏省人大常委会办公厅 单位：万元', 772]),
    );
    expect(ctx).toMatchObject({ title: '收支预算总表', number: '公开表一', moneyUnit: '万元' });
  });

  it('reads a department name wrapped under its label, with the unit line between', () => {
    // js-rendaban-2018 p8: "部门名称:江苏省人大" / "单位:万元" (right) / "常委会办公厅".
    const ctx = contextAbove(
      lines(
        ['公开01表', 702, 12],
        ['收支预算总表', 672, 18],
        ['部门名称:江苏省人大', 638],
        ['单位:万元', 631],
        ['常委会办公厅', 623],
      ),
    );
    expect(ctx).toMatchObject({
      title: '收支预算总表',
      number: '公开01表',
      department: '江苏省人大常委会办公厅',
      moneyUnit: '万元',
      lead: null,
    });
  });
});

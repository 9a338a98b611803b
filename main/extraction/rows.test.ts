import { describe, expect, it } from 'vitest';
import type { Slot } from './matrix';
import { buildRow, columnReading, columnRoles, inheritCodeParts } from './rows';

const slot = (text: string): Slot => ({
  text,
  bbox: [0, 0, 1, 1],
  repairs: [],
  confidence: 1,
  page: 1,
  origin: true,
  rowSpan: 1,
  colSpan: 1,
  cellBox: [0, 0, 1, 1],
});
const body = (rows: string[][]) => rows.map((r) => r.map(slot));

describe('column roles with the header’s word', () => {
  it('reads a column headed 款 as code parts when a spreadsheet printed 02 as 2 (sh-putuo-wanli-2024 p29)', () => {
    const b = body([
      ['301', '', '工资福利支出', '88,282,511'],
      ['301', '01', '基本工资', '5,873,551'],
      ['301', '2', '津贴补贴', '16,623,810'],
      ['301', '7', '绩效工资', '11,447,100'],
    ]);
    const labels = ['项目 / 经济分类科目编码 / 类', '项目 / 经济分类科目编码 / 款', '项目 / 经济分类科目名称', '合计'];
    const roles = columnRoles(b, 4, labels);
    expect(roles).toEqual(['code', 'code', 'name', 'amount']);
    expect(b.map((r) => buildRow(r, roles, 1).code)).toEqual(['301', '30101', '30102', '30107']);
  });

  it('takes a lone integer under a money heading for an amount, not a sequence number', () => {
    const b = body([['47.91', '0', '1.35', '46.56', '25', '21.56']]);
    const labels = [
      '三公 / 合计',
      '三公 / 因公出国(境)费',
      '三公 / 公务接待费',
      '三公 / 公务用车 / 小计',
      '三公 / 公务用车 / 购置费',
      '三公 / 公务用车 / 运行费',
    ];
    expect(columnRoles(b, 6, labels)).toEqual(['amount', 'amount', 'amount', 'amount', 'amount', 'amount']);
    expect(buildRow(b[0]!, columnRoles(b, 6, labels), 1).cells.map((c) => c.value)).toEqual([
      47.91, 0, 1.35, 46.56, 25, 21.56,
    ]);
  });

  it('still reads a 序号 column, or integers counting up from 1, as sequence numbers', () => {
    const b = body([
      ['1', '甲项目', '10.00'],
      ['2', '乙项目', '20.00'],
      ['3', '丙项目', '30.00'],
    ]);
    expect(columnRoles(b, 3)[0]).toBe('seq');
    expect(columnRoles(body([['7', '甲', '1.00']]), 3, ['序号', '项目', '金额'])[0]).toBe('seq');
  });
});

describe('类 | 款 | 项 cells that leave the inherited parts blank', () => {
  it('takes the blank parts from the rows above', () => {
    const b = body([
      ['204', '', '', '公共安全支出', '100.00'],
      ['', '06', '', '司法', '100.00'],
      ['', '', '01', '行政运行', '60.00'],
      ['', '', '4', '基层司法业务', '40.00'],
      ['208', '', '', '社会保障和就业支出', '5.00'],
      ['', '05', '05', '机关事业单位基本养老保险缴费支出', '5.00'],
    ]);
    const labels = ['科目编码 / 类', '科目编码 / 款', '科目编码 / 项', '科目名称', '合计'];
    const roles = columnRoles(b, 5, labels);
    const rows = b.map((r) => buildRow(r, roles, 1));
    inheritCodeParts(rows, roles);
    expect(rows.map((r) => [r.code, r.level, r.parent])).toEqual([
      ['204', '类', null],
      ['20406', '款', '204'],
      ['2040601', '项', '20406'],
      ['2040604', '项', '20406'],
      ['208', '类', null],
      ['2080505', '项', '20805'],
    ]);
    expect(rows[2]!.cells.map((c) => c.text).slice(0, 3)).toEqual(['', '', '01']);
  });
});

describe('the parts of a code split over columns', () => {
  it('names the 类, 款 and 项 columns of a code the content shows split, headed or not', () => {
    const b = body([
      ['204', '06', '01', '行政运行', '60.00'],
      ['204', '06', '02', '一般行政管理事务', '40.00'],
    ]);
    expect(columnReading(b, 5).parts).toEqual(['类', '款', '项', null, null]);
    const headed = columnReading(b, 5, ['科目编码 / 类', '科目编码 / 款', '科目编码 / 项', '科目名称', '合计']);
    expect(headed.parts).toEqual(['类', '款', '项', null, null]);
  });

  it('leaves a code printed whole, and codes side by side, without parts', () => {
    const b = body([
      ['2010301', '30101', '基本工资', '1.00'],
      ['2010301', '30102', '津贴补贴', '2.00'],
    ]);
    const { roles, parts } = columnReading(b, 4, ['功能科目编码', '经济科目编码', '科目名称', '金额']);
    expect(roles).toEqual(['code', 'code', 'name', 'amount']);
    expect(parts).toEqual([null, null, null, null]);
  });
});

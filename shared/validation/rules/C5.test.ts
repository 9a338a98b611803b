import { describe, expect, it } from 'vitest';
import type { ExtractedDocument, Table } from '../../model/document';
import { validate } from '../index';
import { byRule, CORPUS, docOf, tbl } from '../testing/fixtures';
import { sameUnit, unitKey } from './C5';

const table = (id: string, title: string, label: Partial<Pick<Table, 'department' | 'unitName' | 'unitCode'>>) => ({
  ...tbl(id, title, [['科目编码', '科目名称', '合计']], [['204', '公共安全支出', '10.00']]),
  ...label,
});

function docWith(tables: Table[], department: string | null, narrative: string[] = []): ExtractedDocument {
  const d = docOf(tables, { narrative });
  return { ...d, meta: { ...d.meta, department } };
}

const c5 = (d: ExtractedDocument) => byRule(validate(d), 'C5');

describe('unit names', () => {
  it('treats the abbreviations a disclosure uses as one unit', () => {
    expect(sameUnit('中国共产党江苏省委员会办公厅', '江苏省委办公厅')).toBe(true);
    expect(sameUnit('中共江苏省委办公厅', '省委办公厅')).toBe(true);
    expect(sameUnit('江苏省人大常委会办公厅', '省人大办公厅')).toBe(true);
    expect(sameUnit('江苏省人民检察院', '省检察院')).toBe(true);
    expect(sameUnit('上海市普陀区司法局', '区司法局')).toBe(true);
    expect(sameUnit('上海市普陀区司法局（本级）', '上海市普陀区司法局')).toBe(true);
    expect(sameUnit('上海市普陀区人民政府办公室', '区政府办公室')).toBe(true);
    expect(sameUnit('上海市普陀区人民政府万里街道办事处', '万里街道办事处')).toBe(true);
    // The layout cut the label short.
    expect(sameUnit('中国共产党江苏省委员会办', '中国共产党江苏省委员会办公厅')).toBe(true);
  });

  it('keeps different units apart', () => {
    expect(sameUnit('上海市普陀区司法局', '上海市普陀区民政局')).toBe(false);
    expect(sameUnit('江苏省委办公厅', '江苏省人大常委会办公厅')).toBe(false);
    expect(sameUnit('江苏省委办公厅', '江苏省政府办公厅')).toBe(false);
    expect(sameUnit('上海市普陀区人民政府办公室', '上海市普陀区人民政府万里街道办事处')).toBe(false);
    expect(unitKey('上海市普陀区司法局')).toBe('司法局');
  });
});

describe('C5 one unit throughout', () => {
  it('flags a table labelled with another unit, referencing the table', () => {
    const d = docWith(
      [
        table('t1', '收支预算总表', { department: '上海市普陀区司法局' }),
        table('t2', '收入预算总表', { department: '上海市普陀区司法局' }),
        table('t3', '支出预算总表', { department: '上海市普陀区民政局' }),
      ],
      '上海市普陀区司法局',
    );
    const fs = c5(d);
    expect(fs).toHaveLength(1);
    expect(fs[0]!.severity).toBe('warning');
    expect(fs[0]!.refs[0]!.table).toBe('t3');
    expect(fs[0]!.message.zh).toContain('上海市普陀区民政局');
  });

  it('accepts abbreviated and prefixed labels', () => {
    const d = docWith(
      [
        table('t1', '收支预算总表', { department: '中共江苏省委办公厅' }),
        table('t2', '收入预算总表', { department: '中国共产党江苏省委员会办' }),
        table('t3', '支出预算总表', { unitName: '省委办公厅本级' }),
      ],
      '中共江苏省委办公厅',
      ['江苏省委办公厅2018年度部门预算', '第三部分省委办公厅2018年度部门预算情况说明'],
    );
    expect(c5(d)).toEqual([]);
  });

  it('accepts the sections of sub-units, each under its unit code', () => {
    const d = docWith(
      [
        table('a1', '收支总表', { unitCode: '216', unitName: '开发区群众工作局' }),
        table('a2', '收入总表', { unitCode: '216', unitName: '开发区群众工作局' }),
        table('b1', '收支总表', { unitCode: '216001', unitName: '开发区信访服务中心' }),
        table('b2', '收入总表', { unitCode: '216001', unitName: '开发区信访服务中心' }),
        table('b3', '支出总表', { unitCode: '216001', unitName: '开发区规划建设局' }),
      ],
      '开发区群众工作局',
    );
    const fs = c5(d);
    expect(fs.map((f) => f.refs[0]!.table)).toEqual(['b3']);
  });

  it('accepts a sub-unit the explanation names', () => {
    const d = docWith(
      [
        table('t1', '收支预算总表', { unitName: '上海市普陀区司法局' }),
        table('t2', '收入预算总表', { unitName: '上海市普陀区公证处' }),
      ],
      '上海市普陀区司法局',
      ['本部门预算包括：上海市普陀区司法局本级、上海市普陀区公证处。'],
    );
    expect(c5(d)).toEqual([]);
  });

  it('flags a cover or heading that names another unit', () => {
    const d = docWith([table('t1', '收支预算总表', { department: '上海市普陀区司法局' })], '上海市普陀区司法局', [
      '上海市普陀区民政局2026年度部门预算',
      '第三部分上海市普陀区司法局2026年度部门预算情况说明',
    ]);
    const fs = c5(d);
    expect(fs).toHaveLength(1);
    expect(fs[0]!.message.zh).toContain('封面');
    expect(fs[0]!.message.zh).toContain('民政局');
  });

  it('is silent on the corpus documents', () => {
    for (const make of Object.values(CORPUS)) expect(c5(make())).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { assembleTables, mergeCutRow, noFigureSlots } from './assemble';
import { layoutPage } from './layout';
import { columnRoles } from './rows';
import { detectLatticeTables } from './lattice';
import { gridMatrix } from './matrix';
import { page, ruledTable, run } from './testing/synthetic';

const XS = [50, 150, 350, 450];
const HEAD: Array<Array<string | null>> = [['科目编码', '科目名称', '金额']];
const rowsY = (n: number, top: number) => Array.from({ length: n + 1 }, (_, i) => top - i * 20);

function tablePage(
  n: number,
  rows: Array<Array<string | null>>,
  opts: { title?: string; top?: number; extra?: ReturnType<typeof run>[] } = {},
) {
  const top = opts.top ?? 760;
  const t = ruledTable(XS, rowsY(rows.length, top), rows);
  const runs = [...t.runs, ...(opts.extra ?? [])];
  if (opts.title) runs.push(run(opts.title, 50, top + 40, 12), run('单位：万元', 50, top + 10));
  runs.push(run(String(n), 290, 30));
  return layoutPage(page(runs, t.segments, n), null);
}

describe('stitching and assembly', () => {
  it('makes one table of a table continued over pages, dropping the repeated header and page furniture', () => {
    const rows1 = [
      ...HEAD,
      ['合计', '', '30.00'],
      ['201', '一般公共服务支出', '10.00'],
      ...Array.from({ length: 30 }, (_, i) => [`20101${String(i + 10)}`, `事务${i}`, '0.50']),
    ];
    const p1 = tablePage(1, rows1, { title: '2024年度支出预算总表', top: 740 });
    const p2 = tablePage(2, [...HEAD, ['2080505', '养老保险缴费支出', '5.00'], ['2101101', '行政单位医疗', '15.00']]);
    const tables = assembleTables([p1, p2]);
    expect(tables).toHaveLength(1);
    const t = tables[0]!;
    expect(t.pages).toEqual([1, 2]);
    expect(t.type).toBe('expenditure');
    expect(t.moneyUnit).toBe('万元');
    expect(t.header).toEqual([['科目编码', '科目名称', '金额']]);
    expect(t.rows).toHaveLength(34);
    expect(t.rows[0]).toMatchObject({ kind: 'total', code: null });
    expect(t.rows[1]).toMatchObject({ kind: 'data', code: '201', level: '类', parent: null, name: '一般公共服务支出' });
    const last = t.rows[t.rows.length - 1]!;
    expect(last).toMatchObject({ code: '2101101', level: '项', parent: '21011' });
    expect(last.cells.map((c) => c.text)).toEqual(['2101101', '行政单位医疗', '15.00']);
    expect(last.cells[2]).toMatchObject({ value: 15, page: 2 });
    expect(t.columns.map((c) => c.role)).toEqual(['code', 'name', 'amount']);
    // What validation reads each column as, recorded once: 金额 alone is the row's total.
    expect(t.columns.map((c) => c.kind)).toEqual(['code', 'name', 'total']);
  });

  it('starts a new table where a title is printed, even right after a table that reached the page bottom', () => {
    const long = [...HEAD, ...Array.from({ length: 33 }, () => ['201', '支出', '1.00'])];
    const p1 = tablePage(1, long, { title: '2024年度支出预算总表', top: 720 });
    const p2 = tablePage(2, [...HEAD, ['301', '工资福利支出', '2.00']], {
      title: '2024年度一般公共预算基本支出经济分类情况表',
      top: 700,
    });
    const tables = assembleTables([p1, p2]);
    expect(tables.map((t) => t.type)).toEqual(['expenditure', 'gpb_basic_econ']);
  });

  it('keeps blank cells blank and a printed zero as zero', () => {
    const p = tablePage(1, [...HEAD, ['201', '一般公共服务支出', ''], ['202', '外交支出', '0.00']], {
      title: '支出决算表',
    });
    const [t] = assembleTables([p]);
    expect(t!.rows[0]!.cells[2]).toMatchObject({ text: '', value: null });
    expect(t!.rows[1]!.cells[2]).toMatchObject({ text: '0.00', value: 0 });
  });

  it('marks a table declared empty and keeps its template rows out of the data', () => {
    const t = ruledTable(XS, rowsY(2, 700), [...HEAD, ['', '合计', '']]);
    const runs = [...t.runs, run('2023年政府性基金预算支出表', 50, 740, 12), run('注：本表无数据', 50, 640)];
    const [table] = assembleTables([layoutPage(page(runs, t.segments), null)]);
    expect(table!.empty).toBe(true);
    expect(table!.emptyNote).toContain('本表无数据');
    expect(table!.rows).toEqual([]);
  });

  it('keeps template rows printed over the figure columns out of the data of a table with no note', () => {
    // An empty table printed from a workbook: each subject's name merged across the figure columns, no 本表无数据.
    const xs = [50, 120, 300, 380, 460];
    const head = ['科目编码', '科目名称', '合计', '基本支出'];
    const t = ruledTable(xs, rowsY(3, 700), [
      head,
      ['201', '一般公共服务支出', null, null],
      ['20131', '事务', null, null],
    ]);
    const runs = [...t.runs, run('2023年国有资本经营预算支出表', 50, 740, 12)];
    const [table] = assembleTables([layoutPage(page(runs, t.segments), null)]);
    expect(table!.rows).toEqual([]);
    expect(table!.header.slice(1).map((r) => r[0])).toEqual(['201', '20131']);
  });

  it('keeps the rows of a table of text, however its cells are merged', () => {
    const xs = [50, 120, 300, 380, 460];
    const t = ruledTable(xs, rowsY(3, 700), [
      ['项目', '内容', '人数', '备注'],
      ['机构设置', '内设三个科室', null, null],
      ['主要职能', '负责综合治理工作', null, null],
    ]);
    const runs = [...t.runs, run('部门基本情况', 50, 740, 12)];
    const [table] = assembleTables([layoutPage(page(runs, t.segments), null)]);
    expect(table!.type).toBe('other');
    expect(table!.rows.map((r) => r.cells[0]!.text)).toEqual(['机构设置', '主要职能']);
  });

  it('keeps a figure-less row whose amount cells are its own (a 合计 row printed blank)', () => {
    const t = ruledTable(XS, rowsY(2, 700), [...HEAD, ['', '合计', '']]);
    const runs = [...t.runs, run('政府性基金支出预算表', 50, 740, 12)];
    const [table] = assembleTables([layoutPage(page(runs, t.segments), null)]);
    expect(table!.rows.map((r) => r.cells.map((c) => c.text))).toEqual([['', '合计', '']]);
  });

  it('tells rows with no figure position from rows with blank figure cells', () => {
    const xs = [50, 120, 300, 380, 460];
    const head = ['科目编码', '科目名称', '合计', '基本支出'];
    const merged = ruledTable(xs, rowsY(3, 700), [
      head,
      ['201', '一般公共服务支出', null, null],
      ['202', '外交支出', null, null],
    ]);
    const own = ruledTable(xs, rowsY(3, 700), [
      head,
      ['201', '一般公共服务支出', '', ''],
      ['202', '外交支出', null, null],
    ]);
    const body = (g: typeof merged) => gridMatrix(detectLatticeTables(page(g.runs, g.segments))[0]!).slice(1);
    const roles = ['code', 'name', 'amount', 'amount'] as const;
    expect(noFigureSlots(body(merged), [...roles])).toBe(true);
    expect(noFigureSlots(body(own), [...roles])).toBe(false);
    expect(noFigureSlots([], [...roles])).toBe(false);
    expect(noFigureSlots(body(merged), ['code', 'name', 'text', 'text'])).toBe(false);
  });

  it('rejoins a row cut by a page break (amounts carried to the next page)', () => {
    const a = ruledTable(XS, rowsY(3, 700), [
      ...HEAD,
      ['201', '一般公共服务支出', '1.00'],
      ['20103', '政府办公厅(室)及相关机构事务', ''],
    ]);
    const b = ruledTable(XS, rowsY(2, 700), [
      ['', '', '7.50'],
      ['2010301', '行政运行', '7.50'],
    ]);
    const body = gridMatrix(detectLatticeTables(page(a.runs, a.segments))[0]!).slice(1);
    const incoming = gridMatrix(detectLatticeTables(page(b.runs, b.segments))[0]!);
    const rest = mergeCutRow(body, incoming, columnRoles(body, 3));
    expect(rest).toHaveLength(1);
    expect(body[1]!.map((s) => s.text)).toEqual(['20103', '政府办公厅(室)及相关机构事务', '7.50']);
  });

  it('does not merge a continuation row that is a row of its own', () => {
    const a = ruledTable(XS, rowsY(2, 700), [
      ['201', '一般公共服务支出', '1.00'],
      ['202', '外交支出', '2.00'],
    ]);
    const b = ruledTable(XS, rowsY(1, 700), [['203', '国防支出', '3.00']]);
    const body = gridMatrix(detectLatticeTables(page(a.runs, a.segments))[0]!);
    const incoming = gridMatrix(detectLatticeTables(page(b.runs, b.segments))[0]!);
    expect(mergeCutRow(body, incoming, columnRoles(body, 3))).toHaveLength(1);
  });
});

describe('sub-units', () => {
  it('reads a unit code and name printed over a table and lists the units of the document', () => {
    const a = tablePage(1, [...HEAD, ['201', '一般公共服务支出', '1.00']], {
      title: '收支总表',
      top: 700,
      extra: [run('202 开发区群众工作局 预算年度:2024 单位:万元', 50, 720)],
    });
    const b = tablePage(2, [...HEAD, ['201', '一般公共服务支出', '2.00']], {
      title: '收支总表',
      top: 700,
      extra: [run('216001 开发区群众工作局本级 预算年度:2024 单位:万元', 50, 720)],
    });
    const tables = assembleTables([a, b]);
    expect(tables.map((t) => [t.unitCode, t.unitName])).toEqual([
      ['202', '开发区群众工作局'],
      ['216001', '开发区群众工作局本级'],
    ]);
    expect(tables.map((t) => t.moneyUnit)).toEqual(['万元', '万元']);
  });
});

import { describe, expect, it } from 'vitest';
import { assembleTables } from './assemble';
import { formBreaks, formSignals, formTitle, headingRows, isForm, isFormPart, isFormTitle } from './forms';
import { layoutPage } from './layout';
import { page, ruledTable, run } from './testing/synthetic';

const XS = [50, 150, 250, 350, 450, 550];
const rowsY = (n: number, top: number) => Array.from({ length: n + 1 }, (_, i) => top - i * 20);

function formPage(n: number, rows: Array<Array<string | null>>, opts: { top?: number; above?: string[] } = {}) {
  const top = opts.top ?? 760;
  const t = ruledTable(XS, rowsY(rows.length, top), rows);
  const runs = [...t.runs];
  (opts.above ?? []).forEach((text, i) => runs.push(run(text, 60, top + 16 + i * 16, 10)));
  return layoutPage(page(runs, t.segments, n), null);
}

const NAME_BLOCK = [
  ['专项名称', '法律援助工作经费', '', '', ''],
  ['主管部门', '某某办公室', '', '实施单位', '某某中心'],
];
const FUNDS = [
  ['项目资金(万元)', '年初预算数', '全年预算数', '全年执行数', '得分'],
  ['年度资金总额', '45.00', '45.00', '44.77', '7'],
];
const INDICATORS = [
  ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值'],
  ['产出指标', '数量指标', '政府采购合同签订 2 份', '≥2 份', '2'],
];

describe('project forms', () => {
  it('recognises forms by their labels and headings', () => {
    expect(isFormTitle('专项资金绩效自评表')).toBe(true);
    expect(isFormTitle('上党区县(区)级预算部门(单位)项目支出绩效目标申报表')).toBe(true);
    expect(isFormTitle('2024年度收入预算总表')).toBe(false);
    const s = formSignals([...NAME_BLOCK, ...FUNDS, ...INDICATORS]);
    expect(s.opens).toBe(true);
    expect(s.name).toBe('法律援助工作经费');
    expect(isForm(s)).toBe(true);
    const part = formSignals(INDICATORS);
    expect(isFormPart(part)).toBe(true);
    expect(part.opens).toBe(false);
    // A project table's header names projects but is no form.
    expect(
      isForm(
        formSignals([
          ['项目名称', '合计', '财政拨款'],
          ['网格化工作经费', '12.00', '12.00'],
        ]),
      ),
    ).toBe(false);
  });

  it('reads a heading printed inside the frame and splits grids where a new form opens', () => {
    const rows = [
      ['专项资金绩效自评表', '', ''],
      ['(2022年度)', '', ''],
      ['专项名称', '甲项目', ''],
    ];
    expect(headingRows(rows)).toEqual({ heading: '专项资金绩效自评表', rows: 2 });
    expect(formBreaks(rows)).toEqual([]);
    expect(formBreaks([['', '其他问题', '说明'], ...rows])).toEqual([1]);
    expect(
      formBreaks([
        ['评价等级', '优'],
        ['项目名称', '乙项目'],
      ]),
    ).toEqual([1]);
    // The header rows of a 收支总表 (收入 | 项目名称 | 金额 …) open no form.
    expect(
      formBreaks([
        ['收入', '收入', '支出', '支出'],
        ['项目名称', '金额', '功能分类', '支出用途'],
        ['项目名称', '金额', '功能科目名称', '金额'],
        ['一、财政拨款', '17,981.68', '一、一般公共服务支出', ''],
      ]),
    ).toEqual([]);
    expect(formTitle('专项资金绩效自评表', '甲项目')).toBe('专项资金绩效自评表(甲项目)');
    expect(formTitle('甲项目绩效目标表', '甲项目')).toBe('甲项目绩效目标表');
    expect(formTitle(null, '甲项目')).toBe('甲项目');
  });

  it('types a form performance whatever its words, titles it by heading and project, and stitches its pages', () => {
    const p1 = formPage(1, [['专项资金绩效自评表', null, null, null, null], ...NAME_BLOCK, ...FUNDS], {
      top: 300,
      above: ['流程优化。为弱势群体开通法律援助“绿色通道”'],
    });
    // A page of a tall cell's overflow text, then the form's indicator rows without a name block.
    const p2 = layoutPage(page([run('当日受理、当日办结。二是加强宣传教育。', 60, 700, 10)], [], 2), null);
    const p3 = formPage(3, [...INDICATORS, ['评价等级', '优', '', '', '']], { above: ['元)'] });
    // The next form starts with its own name block.
    const p4 = formPage(4, [['项目名称', '乙项目', '', '', ''], ...FUNDS.slice(1), ...INDICATORS]);
    const tables = assembleTables([p1, p2, p3, p4]);
    expect(tables.map((t) => [t.type, t.title, t.pages])).toEqual([
      ['performance', '专项资金绩效自评表(法律援助工作经费)', [1, 3]],
      ['performance', '乙项目', [4]],
    ]);
    // The fund rows stay in the form, the indicator rows follow them.
    const first = tables[0]!.rows.map((r) => r.cells.map((c) => c.text).join('|'));
    expect(first.some((r) => r.startsWith('项目资金(万元)|年初预算数'))).toBe(true);
    expect(first.some((r) => r.startsWith('年度资金总额|45.00'))).toBe(true);
    expect(first.some((r) => r.startsWith('产出指标'))).toBe(true);
  });

  it('a heading alone at the foot of a page titles the form on the next page', () => {
    const p1 = formPage(
      1,
      [
        ['专项资金绩效自评表', null, null, null, null],
        ['(2022年度)', null, null, null, null],
      ],
      {
        top: 120,
      },
    );
    const p2 = formPage(2, [...NAME_BLOCK, ...FUNDS, ...INDICATORS]);
    const tables = assembleTables([p1, p2]);
    expect(tables.map((t) => [t.type, t.title, t.pages])).toEqual([
      ['performance', '专项资金绩效自评表(法律援助工作经费)', [1, 2]],
    ]);
  });
});

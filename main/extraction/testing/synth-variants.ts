import type { ColumnRole, MoneyUnit, Row, TableType } from '../../../shared/model';
import { pdfBytes, table, text, turned, type SynthPage, type TableSpec } from './synth-pdf';

/**
 * Variants of standard tables that real templates print and the corpus lacks, each with its ground truth: what the
 * engine must report for the table (title, type, unit, column labels) and for every body row (code, level, kind,
 * name, cell texts and values; a blank cell is "" and null, a dash is kept as printed with value null).
 */
export interface TruthRow {
  kind: Row['kind'];
  code: string | null;
  level: Row['level'];
  name: string;
  texts: string[];
  values: Array<number | null>;
}

export interface TruthTable {
  title: string;
  type: TableType;
  moneyUnit: MoneyUnit;
  pages: number[];
  columns: string[];
  /** Printed empty, with its note ("本表无数据"): the template's row labels are not data rows. */
  empty?: boolean;
  /** The sub-unit's code printed over the table. */
  unitCode?: string;
  /** Column roles, where the variant is about them. */
  roles?: ColumnRole[];
  rows: TruthRow[];
}

export interface Variant {
  name: string;
  pdf: Uint8Array;
  tables: TruthTable[];
}

const PORTRAIT = { width: 595, height: 842 };
const LANDSCAPE = { width: 842, height: 595 };

/** A body row as printed: code cells (one joined cell or 类/款/项 parts), name, amounts. */
interface Line {
  code: string[];
  name: string;
  amounts: string[];
}

const valueOf = (t: string): number | null => (/^-?[\d,]+(?:\.\d+)?$/u.test(t) ? Number(t.replace(/,/gu, '')) : null);

function truthRow(l: Line): TruthRow {
  const code = l.code.join('') || null;
  const level = code ? (({ 3: '类', 5: '款', 7: '项' } as Record<number, Row['level']>)[code.length] ?? null) : null;
  return {
    kind: /合计|总计/u.test(l.name) ? 'total' : 'data',
    code,
    level,
    name: l.name,
    texts: [...l.code, l.name, ...l.amounts],
    values: [...l.code.map(() => null), null, ...l.amounts.map(valueOf)],
  };
}

/** 功能分类 rows of a 支出 table (万元): total, basic, project — with blanks, zeros and both dashes. */
const EXPENDITURE: Array<[string, string, string, string, string]> = [
  ['201', '一般公共服务支出', '300.50', '250.50', '50.00'],
  ['20103', '政府办公厅（室）及相关机构事务', '300.50', '250.50', '50.00'],
  ['2010301', '行政运行', '250.50', '250.50', '0.00'],
  ['2010302', '一般行政管理事务', '50.00', '', '50.00'],
  ['208', '社会保障和就业支出', '120.00', '120.00', '—'],
  ['20805', '行政事业单位养老支出', '120.00', '120.00', '—'],
  ['2080505', '机关事业单位基本养老保险缴费支出', '120.00', '120.00', '——'],
];

function split(code: string): string[] {
  return [code.slice(0, 3), code.slice(3, 5), code.slice(5, 7)];
}

function titled(
  title: string,
  unit: string,
  content: string,
  top: number,
  page = PORTRAIT,
  number?: string,
  beside?: string,
): string {
  let s = text(title, (page.width - title.length * 16) / 2, top, 16);
  if (number) s += text(number, page.width - 100, top + 24, 9);
  s += text(unit, page.width - 100, top - 24, 9);
  // Other page-header words on the unit's line ("预算年度：2025 … 单位：元").
  if (beside) s += text(beside, 40, top - 24, 9);
  return s + content;
}

/** MOF 决算 支出决算表: 类 | 款 | 项 code columns under a 项目 group, a three-row header and a 栏次 row. */
function mofSplitCodes(rulings: TableSpec['rulings'] = 'full'): Variant {
  const xs = [40, 70, 100, 130, 300, 390, 470, 555];
  const cells = [
    ['项目', '<', '<', '<', '本年支出合计', '基本支出', '项目支出'],
    ['支出功能分类科目编码', '<', '<', '科目名称', '^', '^', '^'],
    ['类', '款', '项', '^', '^', '^', '^'],
    ['栏次', '<', '<', '<', '1', '2', '3'],
    ['合计', '<', '<', '<', '420.50', '370.50', '50.00'],
    ...EXPENDITURE.map(([code, name, ...a]) => [...split(code), name, ...a]),
  ];
  const spec: TableSpec = { xs, top: 720, rowH: 20, header: 4, cells, rulings };
  const content = titled('支出决算表', '单位：万元', table(spec), 770, PORTRAIT, '公开03表');
  const rows: TruthRow[] = [
    {
      kind: 'total',
      code: null,
      level: null,
      name: '合计',
      texts: ['合计', '', '', '', '420.50', '370.50', '50.00'],
      values: [null, null, null, null, 420.5, 370.5, 50],
    },
    ...EXPENDITURE.map(([code, name, ...a]) => truthRow({ code: split(code).map((p) => p), name, amounts: a })),
  ];
  return {
    name: `MOF 决算: 类 | 款 | 项 code columns, three-row header, 栏次 row, ${rulings} rulings`,
    pdf: pdfBytes([{ ...PORTRAIT, content }]),
    tables: [
      {
        title: '支出决算表',
        type: 'expenditure',
        moneyUnit: '万元',
        pages: [1],
        columns: [
          '项目 / 支出功能分类科目编码 / 类',
          '项目 / 支出功能分类科目编码 / 款',
          '项目 / 支出功能分类科目编码 / 项',
          '项目 / 科目名称',
          '本年支出合计',
          '基本支出',
          '项目支出',
        ],
        roles: ['code', 'code', 'code', 'name', 'amount', 'amount', 'amount'],
        rows,
      },
    ],
  };
}

/** 收入总表 in 元 with thousands separators, a three-row merged header (本年收入 / 财政拨款收入 / …) and 栏次. */
function yuanMergedHeader(rulings: TableSpec['rulings'] = 'full'): Variant {
  const xs = [40, 95, 200, 270, 340, 410, 475, 555];
  const body: Line[] = [
    {
      code: ['201'],
      name: '一般公共服务支出',
      amounts: ['4,431,000.00', '4,231,000.00', '4,000,000.00', '231,000.00', '', '200,000.00'],
    },
    {
      code: ['20103'],
      name: '政府办公厅（室）及相关机构事务',
      amounts: ['4,431,000.00', '4,231,000.00', '4,000,000.00', '231,000.00', '', '200,000.00'],
    },
    {
      code: ['2010301'],
      name: '行政运行',
      amounts: ['3,500,000.00', '3,500,000.00', '3,500,000.00', '0.00', '', '0.00'],
    },
    {
      code: ['2010350'],
      name: '事业运行',
      amounts: ['931,000.00', '731,000.00', '500,000.00', '231,000.00', '', '200,000.00'],
    },
  ];
  const cells = [
    ['科目编码', '科目名称', '合计', '本年收入', '<', '<', '<', '上年结转'],
    ['^', '^', '^', '小计', '财政拨款收入', '<', '其他收入', '^'],
    ['^', '^', '^', '^', '一般公共预算', '政府性基金', '^', '^'],
    ['栏次', '<', '1', '2', '3', '4', '5', '6'],
    ['', '合计', '4,431,000.00', '4,231,000.00', '4,000,000.00', '231,000.00', '', '200,000.00'],
    ...body.map((l) => [...l.code, l.name, ...l.amounts]),
  ];
  // Eight columns: the unit line sits over the table's right edge.
  const spec: TableSpec = {
    xs: [...xs.slice(0, 7), 515, 555],
    top: 720,
    rowH: 22,
    header: 4,
    cells,
    rulings: 'full',
    size: 8,
  };
  const content = titled('部门收入总表', '单位：元', table(spec), 770, PORTRAIT, undefined, '预算年度：2025');
  return {
    name: `元 with thousands separators, 预算年度：2025 … 单位：元 on one line, three-row merged header (本年收入 / 财政拨款收入 / 一般公共预算), ${rulings} rulings`,
    pdf: pdfBytes([{ ...PORTRAIT, content }]),
    tables: [
      {
        title: '部门收入总表',
        type: 'income',
        moneyUnit: '元',
        pages: [1],
        columns: [
          '科目编码',
          '科目名称',
          '合计',
          '本年收入 / 小计',
          '本年收入 / 财政拨款收入 / 一般公共预算',
          '本年收入 / 财政拨款收入 / 政府性基金',
          '本年收入 / 其他收入',
          '上年结转',
        ],
        rows: [truthRow({ code: [''], name: '合计', amounts: cells[4]!.slice(2) }), ...body.map(truthRow)].map(
          (r, i) => (i === 0 ? { ...r, code: null, level: null, texts: ['', ...r.texts.slice(1)] } : r),
        ),
      },
    ],
  };
}

/** A one-row header 支出 table (科目编码 | 科目名称 | 合计 | 基本支出 | 项目支出) with the given rulings. */
function partial(rulings: TableSpec['rulings'], title: string, type: TableType): Variant {
  const xs = [40, 110, 330, 405, 480, 555];
  const cells = [
    ['科目编码', '科目名称', '合计', '基本支出', '项目支出'],
    ['', '合计', '420.50', '370.50', '50.00'],
    ...EXPENDITURE.map((r) => [...r]),
  ];
  const spec: TableSpec = { xs, top: 720, rowH: 20, header: 1, cells, rulings };
  const content = titled(title, '单位：万元', table(spec), 770);
  const rows = [
    { ...truthRow({ code: [''], name: '合计', amounts: ['420.50', '370.50', '50.00'] }), code: null, level: null },
    ...EXPENDITURE.map(([code, name, ...a]) => truthRow({ code: [code], name, amounts: a })),
  ];
  return {
    name: `partial rulings (${rulings}): ${title}`,
    pdf: pdfBytes([{ ...PORTRAIT, content }]),
    tables: [
      {
        title,
        type,
        moneyUnit: '万元',
        pages: [1],
        columns: ['科目编码', '科目名称', '合计', '基本支出', '项目支出'],
        rows,
      },
    ],
  };
}

/** 经济分类 rows for a long 基本支出 table: 301 and 302 with their 款. */
function econRows(): Array<[string, string, string, string, string]> {
  const out: Array<[string, string, string, string, string]> = [];
  const names301 = [
    '基本工资',
    '津贴补贴',
    '奖金',
    '伙食补助费',
    '绩效工资',
    '机关事业单位基本养老保险缴费',
    '职业年金缴费',
    '职工基本医疗保险缴费',
    '公务员医疗补助缴费',
    '其他社会保障缴费',
    '住房公积金',
    '医疗费',
    '其他工资福利支出',
  ];
  const names302 = [
    '办公费',
    '印刷费',
    '咨询费',
    '手续费',
    '水费',
    '电费',
    '邮电费',
    '取暖费',
    '物业管理费',
    '差旅费',
    '因公出国（境）费用',
    '维修（护）费',
    '租赁费',
    '会议费',
    '培训费',
    '公务接待费',
    '专用材料费',
    '劳务费',
    '委托业务费',
    '工会经费',
    '福利费',
    '公务用车运行维护费',
    '其他交通费用',
    '其他商品和服务支出',
  ];
  const cents = (i: number) => 1000 + i * 137;
  const fmt = (c: number) => (c / 100).toFixed(2);
  const kuan = (cls: string, names: string[], personnel: boolean) => {
    const items = names.map(
      (n, i) => [`${cls}${String(i + 1).padStart(2, '0')}`, n, cents(i + (personnel ? 0 : 50))] as const,
    );
    const sum = items.reduce((s, [, , c]) => s + c, 0);
    return { sum, items };
  };
  const a = kuan('301', names301, true);
  const b = kuan('302', names302, false);
  out.push(['301', '工资福利支出', fmt(a.sum), fmt(a.sum), '']);
  for (const [c, n, v] of a.items) out.push([c, n, fmt(v), fmt(v), '']);
  out.push(['302', '商品和服务支出', fmt(b.sum), '', fmt(b.sum)]);
  for (const [c, n, v] of b.items) out.push([c, n, fmt(v), '', fmt(v)]);
  return out;
}

/** A 基本支出 table continued over two pages: header repeated, a running page header on both pages. */
function continued(rulings: TableSpec['rulings'] = 'full'): Variant {
  const xs = [40, 110, 330, 405, 480, 555];
  const rows = econRows();
  const header = ['经济分类科目编码', '经济分类科目名称', '合计', '人员经费', '公用经费'];
  const running = (pageNo: number) =>
    text('单位：万元', 40, 812, 9) + text('预算年度：2025', 440, 812, 9) + text(`第${pageNo}页`, 280, 30, 9);
  const first = rows.slice(0, 26);
  const second = rows.slice(26);
  const p1 =
    running(1) +
    text('一般公共预算基本支出表', 210, 770, 16) +
    table({ xs, top: 740, rowH: 24, header: 1, cells: [header, ...first.map((r) => [...r])], rulings });
  const p2 =
    running(2) + table({ xs, top: 790, rowH: 24, header: 1, cells: [header, ...second.map((r) => [...r])], rulings });
  return {
    name: `continued over two pages, header repeated, running page header 单位：万元 预算年度：2025, ${rulings} rulings`,
    pdf: pdfBytes([
      { ...PORTRAIT, content: p1 },
      { ...PORTRAIT, content: p2 },
    ]),
    tables: [
      {
        title: '一般公共预算基本支出表',
        type: 'gpb_basic_econ',
        moneyUnit: '万元',
        pages: [1, 2],
        columns: header,
        rows: rows.map(([code, name, ...a]) => truthRow({ code: [code], name, amounts: a })),
      },
    ],
  };
}

/** A wide 收入决算表 on a landscape page (MediaBox wider than high), or the same drawing on a /Rotate 90 page. */
function wide(rotated: boolean): Variant {
  const xs = [40, 100, 260, 330, 400, 470, 540, 610, 680, 750, 802];
  const cols = [
    '本年收入合计',
    '财政拨款收入',
    '上级补助收入',
    '事业收入',
    '经营收入',
    '附属单位上缴收入',
    '其他收入',
    '年初结转和结余',
  ];
  const body: Line[] = EXPENDITURE.map(([code, name, total]) => ({
    code: [code],
    name,
    amounts: [total, total, '', '0.00', '', '', '0.00', '—'],
  }));
  const cells = [['科目编码', '科目名称', ...cols], ...body.map((l) => [...l.code, l.name, ...l.amounts])];
  const spec: TableSpec = { xs, top: 480, rowH: 22, header: 1, cells, rulings: 'full', size: 8 };
  const drawing = titled('收入决算表', '单位：万元', table(spec), 530, LANDSCAPE);
  const page: SynthPage = rotated
    ? { width: LANDSCAPE.height, height: LANDSCAPE.width, rotate: 90, content: turned(drawing, LANDSCAPE.height) }
    : { ...LANDSCAPE, content: drawing };
  return {
    name: rotated
      ? 'a /Rotate 90 page (landscape drawing turned on a portrait MediaBox)'
      : 'a landscape page (width > height)',
    pdf: pdfBytes([page]),
    tables: [
      {
        title: '收入决算表',
        type: 'income',
        moneyUnit: '万元',
        pages: [1],
        columns: ['科目编码', '科目名称', ...cols],
        rows: body.map(truthRow),
      },
    ],
  };
}

/** No rulings at all: a whitespace table in 元 with thousands separators, negatives, "0" and "-" for none. */
function unruledYuan(): Variant {
  const xs = [40, 110, 330, 405, 480, 555];
  const body: Line[] = [
    { code: ['201'], name: '一般公共服务支出', amounts: ['1,250,000.00', '1,262,000.00', '-12,000.00'] },
    {
      code: ['20103'],
      name: '政府办公厅（室）及相关机构事务',
      amounts: ['1,250,000.00', '1,262,000.00', '-12,000.00'],
    },
    { code: ['2010301'], name: '行政运行', amounts: ['1,000,000.00', '1,000,000.00', '0'] },
    { code: ['2010302'], name: '一般行政管理事务', amounts: ['250,000.00', '262,000.00', '-12,000.00'] },
    { code: ['221'], name: '住房保障支出', amounts: ['86,400.00', '86,400.00', '-'] },
    { code: ['22102'], name: '住房改革支出', amounts: ['86,400.00', '86,400.00', '-'] },
    { code: ['2210201'], name: '住房公积金', amounts: ['86,400.00', '86,400.00', '-'] },
  ];
  const cells = [
    ['科目编码', '科目名称', '合计', '基本支出', '项目支出'],
    ['', '合计', '1,336,400.00', '1,348,400.00', '-12,000.00'],
    ...body.map((l) => [...l.code, l.name, ...l.amounts]),
  ];
  const content = titled(
    '财政拨款支出表',
    '单位：元',
    table({ xs, top: 720, rowH: 20, header: 1, cells, rulings: 'none' }),
    770,
  );
  return {
    name: 'no rulings: 元 with thousands separators, negative amounts, "0" and "-"',
    pdf: pdfBytes([{ ...PORTRAIT, content }]),
    tables: [
      {
        title: '财政拨款支出表',
        // The appropriation's expenditure by function class, as Jiangsu's 财政拨款支出预算表(功能科目).
        type: 'gpb_exp',
        moneyUnit: '元',
        pages: [1],
        columns: ['科目编码', '科目名称', '合计', '基本支出', '项目支出'],
        rows: [
          { ...truthRow({ code: [''], name: '合计', amounts: cells[1]!.slice(2) }), code: null, level: null },
          ...body.map(truthRow),
        ],
      },
    ],
  };
}

/** Hebei-style: a 序号 column, the full code in one cell across the 类 | 款 | 项 columns, names wrapped in tall cells. */
function seqAndMergedCode(): Variant {
  const xs = [40, 70, 100, 130, 160, 280, 370, 460, 555];
  const body: Array<[string, string, string, string, string]> = [
    ['208', '社会保障和就业\n支出', '120.00', '120.00', '0.00'],
    ['20805', '行政事业单位养老\n支出', '120.00', '120.00', '0.00'],
    ['2080505', '机关事业单位基本养\n老保险缴费支出', '80.00', '80.00', '0.00'],
    ['2080506', '机关事业单位职业年\n金缴费支出', '40.00', '40.00', '0.00'],
  ];
  const cells = [
    ['序号', '科目编码', '<', '<', '科目名称', '合计', '基本支出', '项目支出'],
    ['^', '类', '款', '项', '^', '^', '^', '^'],
    ...body.map(([code, name, ...a], i) => [String(i + 1), code, '<', '<', name, ...a]),
  ];
  const content = titled(
    '一般公共预算支出表',
    '单位：万元',
    table({ xs, top: 720, rowH: 30, header: 2, cells, rulings: 'full' }),
    770,
  );
  return {
    name: '序号 column, full code merged across 类 | 款 | 项, names wrapped in two lines',
    pdf: pdfBytes([{ ...PORTRAIT, content }]),
    tables: [
      {
        title: '一般公共预算支出表',
        type: 'gpb_exp',
        moneyUnit: '万元',
        pages: [1],
        columns: [
          '序号',
          '科目编码 / 类',
          '科目编码 / 款',
          '科目编码 / 项',
          '科目名称',
          '合计',
          '基本支出',
          '项目支出',
        ],
        roles: ['seq', 'code', 'code', 'code', 'name', 'amount', 'amount', 'amount'],
        rows: body.map(([code, name, ...a], i) => {
          const r = truthRow({ code: [code], name: name.replace('\n', ''), amounts: a });
          return {
            ...r,
            texts: [String(i + 1), code, '', '', ...r.texts.slice(1)],
            values: [null, null, null, null, ...r.values.slice(1)],
          };
        }),
      },
    ],
  };
}

/** Two small tables on one page: 三公 with a grouped 公务用车 header, then an empty 政府性基金 table with its note. */
function twoOnAPage(): Variant {
  const xs = [40, 130, 215, 300, 385, 470, 555];
  const sg = [
    ['项目', '合计', '因公出国（境）费', '公务用车购置及运行费', '<', '<', '公务接待费'],
    ['^', '^', '^', '小计', '购置费', '运行费', '^'],
    ['^', '^', '^', '^', '^', '^', '^'],
  ];
  const sgXs = [40, 120, 190, 275, 345, 415, 485, 555];
  const sgBody = [['2025年预算数', '12.50', '0.00', '10.50', '', '10.50', '2.00']];
  const fxs = xs;
  const fund = [
    ['科目编码', '科目名称', '合计', '基本支出', '项目支出'],
    ['', '合计', '', '', ''],
  ];
  const content =
    text('一般公共预算“三公”经费支出表', 170, 780, 16) +
    text('单位：万元', 495, 756, 9) +
    table({ xs: sgXs, top: 745, rowH: 16, header: 3, cells: [...sg, ...sgBody], rulings: 'full' }) +
    text('政府性基金预算支出表', 220, 560, 16) +
    text('单位：万元', 495, 536, 9) +
    table({ xs: fxs.slice(0, 6), top: 525, rowH: 20, header: 1, cells: fund, rulings: 'full' }) +
    text('注：本单位没有使用政府性基金预算拨款安排的支出，故本表无数据。', 40, 470, 9);
  return {
    name: 'two tables on a page: 三公 with a grouped 公务用车 header, an empty 政府性基金 table with its note',
    pdf: pdfBytes([{ ...PORTRAIT, content }]),
    tables: [
      {
        title: '一般公共预算“三公”经费支出表',
        type: 'three_public',
        moneyUnit: '万元',
        pages: [1],
        columns: [
          '项目',
          '合计',
          '因公出国(境)费',
          '公务用车购置及运行费 / 小计',
          '公务用车购置及运行费 / 购置费',
          '公务用车购置及运行费 / 运行费',
          '公务接待费',
        ],
        rows: sgBody.map((r) => ({
          kind: 'data' as const,
          code: null,
          level: null,
          name: r[0]!,
          texts: r,
          values: [null, ...r.slice(1).map(valueOf)],
        })),
      },
      {
        title: '政府性基金预算支出表',
        type: 'gf',
        moneyUnit: '万元',
        pages: [1],
        columns: ['科目编码', '科目名称', '合计', '基本支出', '项目支出'],
        empty: true,
        rows: [],
      },
    ],
  };
}

/** A Hebei-style unruled table: 序号 column, amounts with six decimals, a unit code line over the title. */
function sixDecimals(): Variant {
  const xs = [40, 70, 130, 330, 405, 480, 555];
  const body: Array<[string, string, string, string, string]> = [
    ['213', '农林水支出', '2.250000', '2.250000', '0.000000'],
    ['21301', '农业农村', '2.250000', '2.250000', '0.000000'],
    ['2130104', '事业运行', '2.250000', '2.250000', '0.000000'],
  ];
  const cells = [
    ['序号', '科目编码', '科目名称', '合计', '基本支出', '项目支出'],
    ...body.map((r, i) => [String(i + 1), ...r]),
  ];
  const content =
    text('216001 某某开发区农业农村局', 40, 800, 9) +
    titled(
      '一般公共预算财政拨款支出表',
      '单位：万元',
      table({ xs, top: 720, rowH: 20, header: 1, cells, rulings: 'none' }),
      770,
    );
  return {
    name: 'unruled, 序号 column, six-decimal amounts, unit code line',
    pdf: pdfBytes([{ ...PORTRAIT, content }]),
    tables: [
      {
        title: '一般公共预算财政拨款支出表',
        type: 'gpb_exp',
        moneyUnit: '万元',
        unitCode: '216001',
        pages: [1],
        columns: ['序号', '科目编码', '科目名称', '合计', '基本支出', '项目支出'],
        rows: body.map(([code, name, ...a], i) => {
          const r = truthRow({ code: [code], name, amounts: a });
          return { ...r, texts: [String(i + 1), ...r.texts], values: [null, ...r.values] };
        }),
      },
    ],
  };
}

export function variants(): Variant[] {
  return [
    mofSplitCodes(),
    yuanMergedHeader(),
    partial('horizontal', '一般公共预算财政拨款支出表', 'gpb_exp'),
    partial('frame', '支出总表', 'expenditure'),
    continued(),
    wide(false),
    // Landscape table on a /Rotate 90 portrait sheet (Excel printed through PScript): read in display space.
    wide(true),
    unruledYuan(),
    seqAndMergedCode(),
    yuanMergedHeader('frame'),
    continued('horizontal'),
    twoOnAPage(),
    sixDecimals(),
  ];
}

/**
 * Not in the suite yet: the MOF split-code table with its body unruled. Its rows read right, but the whitespace
 * reading of the three-row header places the centred 项目 and 栏次 labels in the name column and (frame) joins
 * 支出功能分类科目编码 with 类 款 项, or (horizontal rules only) leaves 项目 above the grid, where it hides the title.
 */
export function unruledSplitCodeVariants(): Variant[] {
  return [mofSplitCodes('frame'), mofSplitCodes('horizontal')];
}

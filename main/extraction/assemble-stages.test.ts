import { describe, expect, it } from 'vitest';
import {
  appendFormPart,
  carryTitle,
  dataBody,
  draftTitle,
  finishTable,
  onDraftColumns,
  pagePieces,
  placePiece,
  readPiece,
  splitHeader,
  startDraft,
  stitchContinuation,
  type PieceReading,
  type TableDraft,
} from './assemble';
import { layoutPage, type GridContext, type PageLayout } from './layout';
import { page, ruledTable, run } from './testing/synthetic';

/** Each stage of the assembly on its own (assemble.test.ts drives them together over whole pages). */

const XS = [50, 150, 350, 450];
const HEAD = ['科目编码', '科目名称', '金额'];
const rowsY = (n: number, top: number) => Array.from({ length: n + 1 }, (_, i) => top - i * 20);

function ctx(over: Partial<GridContext> = {}): GridContext {
  return {
    title: null,
    lead: null,
    number: null,
    ordinal: null,
    moneyUnit: null,
    unitName: null,
    unitCode: null,
    department: null,
    note: null,
    ...over,
  };
}

/** A page of one ruled table (top edge `top`), with lines printed above it. */
function layoutOf(
  rows: Array<Array<string | null>>,
  opts: { top?: number; above?: string[]; n?: number; xs?: number[] } = {},
) {
  const top = opts.top ?? 760;
  const t = ruledTable(opts.xs ?? XS, rowsY(rows.length, top), rows);
  const runs = [...t.runs];
  (opts.above ?? []).forEach((text, i) => runs.push(run(text, 50, top + 12 + (opts.above!.length - 1 - i) * 16, 10)));
  return layoutPage(page(runs, t.segments, opts.n ?? 1), null);
}

function readingOf(layout: PageLayout, carried: GridContext | null = null, i = 0): PieceReading {
  const pieces = pagePieces(layout, carried);
  return readPiece(pieces[i]!, layout.page.height, pieces[i + 1]?.grid.bbox[3] ?? null);
}

const texts = (d: TableDraft) => d.body.map((r) => r.map((s) => (s.origin ? s.text : '')));

describe('stage: the pieces of a page', () => {
  it('gives a page’s first untitled grid the title the previous page ended with, keeping its own note', () => {
    const carried = ctx({ title: '2024年支出预算表', moneyUnit: '万元' });
    const own = ctx({ unitName: '某某中心', note: '注：本表无数据' });
    expect(carryTitle(own, carried, 0)).toMatchObject({
      title: '2024年支出预算表',
      moneyUnit: '万元',
      unitName: '某某中心',
      note: '注：本表无数据',
    });
    // A grid with a title of its own, or any later grid, keeps its context.
    expect(carryTitle(ctx({ title: '收入总表' }), carried, 0).title).toBe('收入总表');
    expect(carryTitle(own, carried, 1)).toBe(own);
    expect(carryTitle(own, null, 0)).toBe(own);
  });

  it('lists the page’s grids with their matrices and contexts', () => {
    const layout = layoutOf([HEAD, ['201', '一般公共服务支出', '1.00']]);
    const pieces = pagePieces(layout, ctx({ title: '支出预算表' }));
    expect(pieces).toHaveLength(1);
    expect(pieces[0]!.first).toBe(true);
    expect(pieces[0]!.context.title).toBe('支出预算表');
    expect(pieces[0]!.m.map((r) => r.map((s) => s.text))).toEqual([HEAD, ['201', '一般公共服务支出', '1.00']]);
  });
});

describe('stage: reading a piece', () => {
  it('tells a grid reaching the page bottom (open) from one ending high on the page', () => {
    expect(readingOf(layoutOf([HEAD, ['201', '支出', '1.00']], { top: 200 })).open).toBe(true);
    expect(readingOf(layoutOf([HEAD, ['201', '支出', '1.00']], { top: 760 })).open).toBe(false);
  });

  it('reads a form’s name block as opening a form', () => {
    const p = readingOf(
      layoutOf(
        [
          ['专项名称', '法律援助工作经费', ''],
          ['主管部门', '某某办公室', ''],
          ['项目资金(万元)', '年初预算数', '全年预算数'],
          ['年度资金总额', '45.00', '45.00'],
        ],
        { above: ['专项资金绩效自评表'] },
      ),
    );
    expect(p.sig.opens).toBe(true);
    expect(p.sig.name).toBe('法律援助工作经费');
  });
});

describe('stage: placing a piece', () => {
  const open = () => startDraft('t1', readingOf(layoutOf([HEAD, ['201', '支出', '1.00']], { top: 200 })), 1);

  it('continues the open table with an untitled first grid of its columns', () => {
    const next = readingOf(layoutOf([HEAD, ['202', '外交支出', '2.00']], { n: 2 }));
    expect(placePiece(open(), next)).toBe('continuation');
  });

  it('starts a table where a title is printed, or when the table before was closed', () => {
    const titled = readingOf(layoutOf([HEAD, ['202', '外交支出', '2.00']], { n: 2, above: ['2024年收入预算总表'] }));
    expect(placePiece(open(), titled)).toBe('new');
    const closed = { ...open(), open: false };
    expect(placePiece(closed, readingOf(layoutOf([HEAD, ['202', '外交支出', '2.00']], { n: 2 })))).toBe('new');
    expect(placePiece(null, titled)).toBe('new');
  });
});

describe('stage: a new table', () => {
  it('takes a first row spanning every column as the title printed inside the grid', () => {
    const p = readingOf(layoutOf([['2024年支出预算表', null, null], HEAD, ['201', '支出', '1.00']]));
    const t = draftTitle(p);
    expect(t.title).toBe('2024年支出预算表');
    expect(t.form).toBe(false);
    expect(t.rows.map((r) => r[0]!.text)).toEqual(['科目编码', '201']);
  });

  it('keeps the title printed above the grid over a spanning first row, and falls back to the lead line', () => {
    const p = readingOf(layoutOf([HEAD, ['201', '支出', '1.00']]));
    expect(draftTitle({ ...p, context: ctx({ title: '收入总表' }) }).title).toBe('收入总表');
    expect(draftTitle({ ...p, context: ctx({ lead: '详见下表：' }) }).title).toBe('详见下表：');
  });

  it('splits header rows from body rows (a form has no header)', () => {
    const p = readingOf(layoutOf([['项目', null, '金额'], HEAD, ['201', '支出', '1.00']]));
    const split = splitHeader(p.rows, false);
    expect(split.header).toHaveLength(2);
    expect(split.body.map((r) => r[0]!.text)).toEqual(['201']);
    expect(splitHeader(p.rows, true).body).toHaveLength(3);
  });

  it('starts a draft closed when a note is printed under its grid', () => {
    const p = readingOf(layoutOf([HEAD, ['201', '支出', '1.00']], { top: 200 }));
    expect(startDraft('t1', p, 1).open).toBe(true);
    const noted = startDraft('t1', { ...p, context: ctx({ note: '注：本表无数据' }) }, 1);
    expect(noted).toMatchObject({ open: false, note: '注：本表无数据', pages: [1], cols: 3 });
  });
});

describe('stage: stitching across pages', () => {
  it('drops the repeated header, rejoins a row cut by the page break and records the page', () => {
    const d = startDraft(
      't1',
      readingOf(layoutOf([HEAD, ['201', '一般公共服务支出', '1.00'], ['20103', '政府办公厅事务', '']], { top: 200 })),
      1,
    );
    const next = readingOf(layoutOf([HEAD, ['', '', '7.50'], ['2010301', '行政运行', '7.50']], { n: 2 }));
    stitchContinuation(d, next, 2);
    expect(texts(d)).toEqual([
      ['201', '一般公共服务支出', '1.00'],
      ['20103', '政府办公厅事务', '7.50'],
      ['2010301', '行政运行', '7.50'],
    ]);
    expect(d.pages).toEqual([1, 2]);
    expect(d.open).toBe(false);
  });

  it('moves what came before onto a continuation’s columns when the continuation is better supported', () => {
    const d = startDraft('t1', readingOf(layoutOf([HEAD, ['201', '支出', '1.00']], { top: 200 })), 1);
    const xs = [50, 150, 350, 400, 450];
    const wide = readingOf(
      layoutOf(
        [
          ['科目编码', '科目名称', '合计', '基本支出'],
          ['202', '外交支出', '2.00', '1.00'],
          ['203', '国防支出', '3.00', '1.00'],
        ],
        { n: 2, xs },
      ),
    );
    const rows = onDraftColumns(d, wide.rows, wide.grid);
    expect(d.cols).toBe(4);
    expect(d.header[0]).toEqual(['科目编码', '科目名称', '合计', '基本支出']);
    expect(rows.map((r) => r[0]!.text)).toEqual(['202', '203']);
  });
});

describe('stage: a form’s later part', () => {
  it('adds the part’s rows to the form and keeps it open', () => {
    const d: TableDraft = {
      ...startDraft(
        't1',
        readingOf(
          layoutOf([
            ['专项名称', '某经费', ''],
            ['主管部门', '某办', ''],
          ]),
        ),
        1,
      ),
      form: true,
      open: false,
    };
    const part = readingOf(
      layoutOf(
        [
          ['一级指标', '二级指标', '三级指标'],
          ['产出指标', '数量指标', '2份'],
        ],
        { n: 2 },
      ),
    );
    const before = d.body.length;
    appendFormPart(d, part, 2);
    expect(d.body.length).toBe(before + 2);
    expect(d.pages).toEqual([1, 2]);
    expect(d.open).toBe(true);
  });
});

describe('stage: finishing a table', () => {
  const draftOf = (rows: string[][], note: string | null = null) => ({
    ...startDraft('t1', readingOf(layoutOf([HEAD, ...rows])), 1),
    note,
  });

  it('keeps rows with figures, drops blank and 栏次 rows', () => {
    const { body, header } = dataBody(
      draftOf([
        ['201', '支出', '1.00'],
        ['', '', ''],
        ['1', '2', '3'],
      ]),
    );
    expect(body.map((r) => r[0]!.text)).toEqual(['201']);
    expect(header).toEqual([HEAD]);
  });

  it('moves the template rows of a table declared empty into its header', () => {
    const r = dataBody(draftOf([['', '合计', '']], '注：本表无数据'));
    expect(r).toMatchObject({ body: [], declaredEmpty: true });
    expect(r.header).toEqual([HEAD, ['', '合计', '']]);
  });

  it('makes a Table with rows, column kinds, type and unit', () => {
    const t = finishTable({
      ...draftOf([['201', '一般公共服务支出', '1.00']]),
      title: '2024年支出预算表',
      moneyUnit: '万元',
    });
    expect(t).toMatchObject({ id: 't1', type: 'expenditure', moneyUnit: '万元', pages: [1] });
    expect(t.rows[0]).toMatchObject({ code: '201', name: '一般公共服务支出' });
    expect(t.columns.map((c) => c.kind)).toEqual(['code', 'name', 'total']);
  });
});

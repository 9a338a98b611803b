import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ExtractedDocumentSchema, type ExtractedDocument, type Table } from '../../shared/model';
import { extractDocument, extractRegion } from './index';

const fx = (name: string) =>
  new Uint8Array(readFileSync(path.resolve(import.meta.dirname, '../../test-fixtures/corpus', name)));
const texts = (t: Table, i: number) => t.rows[i]!.cells.map((c) => c.text);
const byTitle = (d: ExtractedDocument, s: string) => d.tables.find((t) => t.title.replace(/\s+/gu, '').includes(s))!;

describe.each(['ruled', 'narrow'])('qz2024 budget, %s layout', (layout) => {
  let doc: ExtractedDocument;
  beforeAll(async () => {
    doc = await extractDocument(fx(`qz2024-budget-${layout}.pdf`), { file: `qz2024-budget-${layout}.pdf` });
  });

  it('validates against the document schema and reads the document metadata', () => {
    expect(ExtractedDocumentSchema.safeParse(doc).success).toBe(true);
    expect(doc.meta).toMatchObject({ year: 2024, kind: 'budget', moneyUnit: '万元' });
    expect(doc.meta.department).toContain('社会治理办公室');
    expect(doc.source.sha256).toMatch(/^[0-9a-f]{64}$/u);
  });

  it('finds the ten standard tables and the ten performance forms', () => {
    const types = doc.tables.map((t) => t.type);
    for (const ty of [
      'income_expense_summary',
      'income',
      'expenditure',
      'fiscal_summary',
      'gpb_exp',
      'gf',
      'soe',
      'gpb_econ_all',
      'gpb_basic_econ',
      'three_public',
    ])
      expect(types).toContain(ty);
    expect(types.filter((t) => t === 'performance')).toHaveLength(10);
  });

  it('keeps the side-by-side summary as printed, with thousands separators parsed', () => {
    const t = byTitle(doc, '2024年度收支预算总表');
    expect(t.columns).toHaveLength(4);
    expect(t.rows).toHaveLength(27);
    expect(texts(t, 0).map((s) => s.replace(/,/gu, ''))).toEqual([
      '一、一般公共预算拨款收入',
      '4641.18',
      '一、一般公共服务支出',
      '619.08',
    ]);
    expect(t.rows[0]!.cells[1]!.value).toBe(4641.18);
    expect(t.rows[26]!.kind).toBe('total');
  });

  it('reads codes, levels and header paths of the 支出 table', () => {
    const t = byTitle(doc, '一般公共预算拨款支出预算表');
    expect(t.columns.map((c) => c.label)).toEqual([
      '科目编码',
      '科目名称',
      '合计',
      '其中: / 基本支出',
      '其中: / 项目支出',
    ]);
    const row = t.rows.find((r) => r.code === '2010302')!;
    expect(row).toMatchObject({ level: '项', parent: '20103', name: '一般行政管理事务' });
    expect(row.cells.map((c) => c.value)).toEqual([null, null, 106.6, 75.6, 31]);
    for (const c of row.cells) {
      expect(c.page).toBeGreaterThan(0);
      expect(c.bbox![2]).toBeGreaterThan(c.bbox![0]);
    }
  });

  it('keeps narrative text outside tables', () => {
    expect(doc.narrative!.some((n) => n.text.includes('5205.49') || n.text.includes('5,205.49'))).toBe(true);
  });
});

describe('qz2022 final accounts (ruled, 194 pages)', () => {
  let doc: ExtractedDocument;
  beforeAll(async () => {
    doc = await extractDocument(fx('qz2022-final-ruled.pdf'), { file: 'qz2022-final-ruled.pdf' });
  }, 120_000);

  it('reads 公开01–09 with their printed numbers and a final-accounts kind', () => {
    expect(doc.meta.kind).toBe('final');
    expect(doc.meta.year).toBe(2022);
    const numbers = doc.tables.map((t) => t.number).filter((n) => n?.startsWith('公开'));
    expect(numbers).toEqual([
      '公开01表',
      '公开02表',
      '公开03表',
      '公开04表',
      '公开05表',
      '公开06表',
      '公开07表',
      '公开08表',
      '公开09表',
    ]);
  });

  it('keeps the 类 款 项 / 合计 row as data and the 栏次 row out of it', () => {
    const income = byTitle(doc, '收入决算表');
    expect(
      texts(income, 0)
        .slice(0, 3)
        .map((s) => s.replace(/\s+/gu, '')),
    ).toEqual(['类款项', '合计', '4180.76']);
    expect(income.rows[0]!.kind).toBe('total');
    const gf = byTitle(doc, '政府性基金预算财政拨款收入支出决算表');
    expect(gf.rows.map((r) => r.cells.map((c) => c.text).join('|'))).toEqual(['|合计|0.00|0.00|0.00|0.00|0.00|0.00']);
    expect(gf.header.some((h) => h.includes('栏次'))).toBe(true);
  });

  it('keeps the three-group 基本支出 table side by side', () => {
    const t = byTitle(doc, '一般公共预算财政拨款基本支出决算表');
    expect(t.columns).toHaveLength(9);
    expect(texts(t, 0)).toEqual([
      '301',
      '工资福利支出',
      '1496.82',
      '302',
      '商品和服务支出',
      '41.90',
      '30703',
      '国内债务发行费用',
      '0.00',
    ]);
  });

  it('reads the performance annex as performance tables', () => {
    expect(doc.tables.filter((t) => t.type === 'performance').length).toBeGreaterThan(0);
  });
});

describe('cz2023 unit budget (ruled)', () => {
  let doc: ExtractedDocument;
  beforeAll(async () => {
    doc = await extractDocument(fx('cz2023-budget-ruled.pdf'), { file: 'cz2023-budget-ruled.pdf' });
  });

  it('reports the unit, blank cells as blank, and empty tables as empty', () => {
    expect(doc.meta.units.map((u) => u.name)).toContain('长治市上党区社会治安综合治理中心');
    const t = byTitle(doc, '财政拨款收支总表');
    const row = t.rows.find((r) => r.cells[0]!.text === '二、政府性基金预算')!;
    expect(row.cells[1]).toMatchObject({ text: '', value: null });
    const empty = doc.tables.filter((x) => x.empty);
    expect(empty.length).toBeGreaterThanOrEqual(4);
    for (const e of empty) expect(e.rows).toEqual([]);
  });
});

describe('qz2024 budget, plain layout (no cell borders)', () => {
  let doc: ExtractedDocument;
  beforeAll(async () => {
    doc = await extractDocument(fx('qz2024-budget-plain.pdf'), { file: 'qz2024-budget-plain.pdf' });
  });

  it('stitches the borderless 支出 table over two pages with its columns', () => {
    const t = byTitle(doc, '一般公共预算拨款支出预算表');
    expect(t.method).toBe('stream');
    expect(t.pages.length).toBe(2);
    expect(t.rows).toHaveLength(15);
    expect(texts(t, 0)).toEqual(['合计', '', '5205.49', '1637.31', '3568.18']);
    const row = t.rows.find((r) => r.code === '2101103')!;
    expect(row.cells.map((c) => c.text)).toEqual(['2101103', '公务员医疗补助', '4.43', '4.43', '0.00']);
    expect(row.cells[2]!.confidence).toBeLessThan(1);
  });
});

describe('a reviewer-drawn region', () => {
  it('returns the table inside the box', async () => {
    const t = await extractRegion(fx('qz2024-budget-ruled.pdf'), 4, [40, 60, 560, 650], 'auto');
    expect(t.method).toBe('manual');
    expect(t.rows.length).toBe(27);
  });
});

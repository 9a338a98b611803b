import { describe, expect, it } from 'vitest';
import { validate } from './index';
import { byRule, CORPUS, docOf, tbl } from './testing/fixtures';

const gf = (rows: string[][], note: string | null = null) => ({
  ...tbl(
    't07',
    '2024 年度政府性基金预算拨款支出预算表',
    [['科目编码', '科目名称', '合计', '基本支出', '项目支出']],
    rows,
  ),
  emptyNote: note,
});

describe('C0: a document nothing could be checked in is not a clean bill', () => {
  it('is an error when no standard table was read, naming the image-only pages of a scan', () => {
    const scan = {
      ...docOf([]),
      source: { file: 'scan.pdf', sha256: '0'.repeat(64), pages: 3 },
      pageInfo: [1, 2, 3].map((page) => ({ page, width: 595, height: 842, hasText: false })),
    };
    const fs = byRule(validate(scan), 'C0', 'error');
    expect(fs).toHaveLength(1);
    expect(fs[0]!.message.en).toContain('3 of 3 pages are images only');
  });

  it('is an error for a text without any budget table, and silent once one standard table is read', () => {
    const notes = docOf([tbl('t1', '会议日程表', [['时间', '事项']], [['上午', '报到']], { type: 'other' })]);
    expect(byRule(validate(notes), 'C0', 'error')[0]!.message.en).toContain('no budget or final-accounts table');
    expect(byRule(validate(CORPUS['qz2024-budget']()), 'C0')).toEqual([]);
  });

  it('is an error for image-only pages no table was read from, even when other pages held tables', () => {
    const doc = CORPUS['qz2024-budget']();
    const pages = new Set(doc.tables.flatMap((t) => t.pages));
    const free = [90, 91];
    expect(free.some((p) => pages.has(p))).toBe(false);
    const notice = (page: number, code: string) => ({ page, code, message: '' });
    const scanned = { ...doc, notices: [notice(90, 'image-only'), notice(91, 'image-only'), notice(92, 'blank-page')] };
    const fs = byRule(validate(scanned), 'C0', 'error');
    expect(fs).toHaveLength(1);
    expect(fs[0]!.message.zh).toContain('第 90、91 页只有图像');
    // A scanned page that did yield a table (read by OCR) is not reported; nor is a blank page.
    const first = doc.tables[0]!.pages[0]!;
    expect(
      byRule(validate({ ...doc, notices: [notice(first, 'image-only'), notice(92, 'blank-page')] }), 'C0'),
    ).toEqual([]);
  });
});

describe('completeness', () => {
  it('C1: a missing standard table is reported once per unit', () => {
    const doc = CORPUS['qz2024-budget']();
    const without = { ...doc, tables: doc.tables.filter((t) => t.type !== 'three_public') };
    const fs = byRule(validate(without), 'C1');
    expect(fs).toHaveLength(1);
    expect(fs[0]!.message.zh).toContain('三公');
    expect(byRule(validate(doc), 'C1')).toEqual([]);
  });

  it('C1: a final-accounts document needs the 国有资本经营 table too', () => {
    const doc = CORPUS['qz2022-final']();
    const fs = byRule(validate({ ...doc, tables: doc.tables.filter((t) => t.type !== 'soe') }), 'C1');
    expect(fs.map((f) => f.severity)).toEqual(['warning']);
  });

  it('C2: an empty table needs its note; the note may sit in the table or in the page text', () => {
    expect(byRule(validate(docOf([gf([])])), 'C2')).toHaveLength(1);
    expect(byRule(validate(docOf([gf([], '本表无数据')])), 'C2')).toEqual([]);
    const onPage = docOf([gf([])], { narrative: [] });
    onPage.narrative = [
      {
        page: onPage.tables[0]!.pages[0]!,
        text: '注：本部门2024年度没有使用政府性基金预算拨款安排的支出，故本表无数据。',
      },
    ];
    expect(byRule(validate(onPage), 'C2')).toEqual([]);
  });

  it('C2: a table of zeros is as empty as a blank one and needs the same note (S0/S1 print theirs with it)', () => {
    const zeros = [['', '合计', '0.00', '0.00', '0.00']];
    const fs = byRule(validate(docOf([gf(zeros)])), 'C2');
    expect(fs.map((f) => f.severity)).toEqual(['warning']);
    expect(fs[0]!.message.zh).toContain('金额全为零');
    expect(
      byRule(validate(docOf([gf(zeros, '备注：本部门 2024 年没有使用政府性基金预算拨款安排的支出。')])), 'C2'),
    ).toEqual([]);
    // A table with one non-zero figure is no empty table.
    expect(byRule(validate(docOf([gf([['2120801', '征地和拆迁补偿支出', '5.00', '0.00', '5.00']])])), 'C2')).toEqual(
      [],
    );
  });

  it('C2: the notes the real documents print under an empty grid', () => {
    for (const note of [
      '注:本部门无相关收支项目', // Jiangsu 2018–2019
      '(无政府性基金支出)', // Jiangsu 2017, under the grid
      '2. 本部门 2022 年度没有使用政府性基金预算拨款安排的收支', // S1:L395
      '注:本部门2026年无政府性基金预算财政拨款安排的预算,故本表为空表。', // Shanghai Putuo
      '注：无政府基金预算财政拨款预算，空表列示。', // S2:L1684
    ]) {
      expect(byRule(validate(docOf([gf([], note)])), 'C2'), note).toEqual([]);
    }
    // A note about what the table shows is no explanation of its emptiness (Shanghai 决算 template).
    expect(byRule(validate(docOf([gf([], '注:本表反映部门本年度各项支出情况。')])), 'C2')).toHaveLength(1);
  });

  it('C2: a note saying "no data" over non-zero figures, and text denying spending the table shows', () => {
    expect(
      byRule(validate(docOf([gf([['2120801', '征地和拆迁补偿支出', '5.00', '0.00', '5.00']], '本表无数据')])), 'C2'),
    ).toHaveLength(1);
    const claimed = docOf([gf([['2120801', '征地和拆迁补偿支出', '5.00', '0.00', '5.00']])], {
      narrative: ['本部门2024年度没有使用政府性基金预算拨款安排的支出。'],
    });
    expect(byRule(validate(claimed), 'C2').map((f) => f.severity)).toEqual(['warning']);
  });

  it('C3/C4: required sections of the explanation', () => {
    const doc = CORPUS['qz2022-final']();
    expect(byRule(validate(doc), 'C3')).toEqual([]);
    expect(byRule(validate(doc), 'C4')).toEqual([]);
    const narrative = doc.narrative!.map((x) => ({
      ...x,
      text: x.text
        .replace(/政府采购/gu, '采买')
        .replace(/团组/gu, '组')
        .replace(/累计 0 人次/gu, ''),
    }));
    const fs = validate({ ...doc, narrative });
    expect(byRule(fs, 'C3').map((f) => f.message.zh)).toEqual(['说明中缺少“政府采购”部分']);
    expect(byRule(fs, 'C4')).toHaveLength(1);
  });
});

describe('subject codes', () => {
  const header = [['科目编码', '科目名称', '合计']];
  it('K1: malformed codes and codes that contradict their level', () => {
    const t = tbl('t04', '支出总表', header, [
      ['201', '一般公共服务支出', '10.00'],
      ['2010', '政府办公厅', '10.00'],
    ]);
    expect(byRule(validate(docOf([t])), 'K1').map((f) => f.refs[0]!.row)).toEqual([1]);
  });
  it('K2: a 项 listed without its 款 where 类/款 rows are printed; not where only 项 rows are printed (S0)', () => {
    const t = tbl('t04', '支出总表', header, [
      ['合计', '', '20.00'],
      ['201', '一般公共服务支出', '20.00'],
      ['2010301', '行政运行', '20.00'],
    ]);
    expect(byRule(validate(docOf([t])), 'K2').map((f) => f.message.zh)).toEqual([
      '支出总表 列出了 2010301，但缺少上级科目 20103',
    ]);
    expect(byRule(validate(CORPUS['qz2024-budget']()), 'K2')).toEqual([]);
  });
  it('K3: one code, one name — but the same name under several codes is fine (一般行政管理事务)', () => {
    const a = tbl('t03', '收入总表', header, [
      ['2010302', '一般行政管理事务', '1.00'],
      ['2040602', '一般行政管理事务', '1.00'],
    ]);
    const b = tbl('t04', '支出总表', header, [
      ['2010302', '一般行政管理事务', '1.00'],
      ['2040602', '普法宣传', '1.00'],
    ]);
    const fs = byRule(validate(docOf([a, b])), 'K3');
    expect(fs).toHaveLength(1);
    expect(fs[0]!.refs.map((r) => r.table)).toEqual(['t03', 't04']);
  });
});

import { describe, expect, it } from 'vitest';
import type { ExtractedDocument, Table } from '../../model/document';
import { subjectNames } from '../data/classification';
import { validate } from '../index';
import { byRule, CORPUS, docOf, tbl } from '../testing/fixtures';
import { truthDocument, type TruthDoc } from '../testing/truth';
import real0 from '../../../test-fixtures/real/js-jianchayuan-2017-budget.truth.json';
import real1 from '../../../test-fixtures/real/js-rendaban-2017-budget.truth.json';
import real2 from '../../../test-fixtures/real/js-rendaban-2019-budget-tables.truth.json';
import real3 from '../../../test-fixtures/real/js-weiban-2018-budget-tables.truth.json';
import real4 from '../../../test-fixtures/real/sh-putuo-guihuaziyuan-2024-dept-final.truth.json';
import real5 from '../../../test-fixtures/real/sh-putuo-sifaju-2026-dept-budget.truth.json';
import real6 from '../../../test-fixtures/real/sh-putuo-wanli-2024-dept-budget.truth.json';
import real7 from '../../../test-fixtures/real/sh-putuo-zhengfuban-2025-unit-budget.truth.json';

/** The transcribed real documents (test-fixtures/real/*.truth.json). */
const REAL: Record<string, unknown> = {
  'js-jianchayuan-2017-budget': real0,
  'js-rendaban-2017-budget': real1,
  'js-rendaban-2019-budget-tables': real2,
  'js-weiban-2018-budget-tables': real3,
  'sh-putuo-guihuaziyuan-2024-dept-final': real4,
  'sh-putuo-sifaju-2026-dept-budget': real5,
  'sh-putuo-wanli-2024-dept-budget': real6,
  'sh-putuo-zhengfuban-2025-unit-budget': real7,
};
import { namesSubject } from './K4';

const econ = (rows: string[][]) =>
  tbl('e', '一般公共预算基本支出表', [['科目编码', '科目名称', '合计']], rows, { type: 'gpb_basic_econ' });
const func = (rows: string[][]) =>
  tbl('f', '一般公共预算支出表', [['科目编码', '科目名称', '合计']], rows, { type: 'gpb_exp' });

function inYear(tables: Table[], year: number | null): ExtractedDocument {
  const d = docOf(tables);
  return { ...d, meta: { ...d.meta, year } };
}

const k4 = (d: ExtractedDocument) => byRule(validate(d), 'K4');

/** Shanghai prints 类 | 款 | 项 in three cells ("204", "06", "01"), which the extractor joins; the truth builder does not. */
function joinSplitCodes(t: TruthDoc['tables'][number]): TruthDoc['tables'][number] {
  const levels = t.header.find((h) => h[0] === '类' && h[1] === '款');
  if (!levels) return t;
  const n = levels[2] === '项' ? 3 : 2;
  return {
    ...t,
    header: t.header.map((h) => [h[0] ?? '', ...h.slice(n)]),
    rows: t.rows.map((r) => [r.slice(0, n).join(''), ...r.slice(n)]),
  };
}

describe('classification data', () => {
  it('knows the 2018 change of the economic classification', () => {
    expect(subjectNames('30311', 2017)).toEqual(['住房公积金']);
    expect(subjectNames('30113', 2017)).toBeNull();
    expect(subjectNames('30113', 2019)).toEqual(['住房公积金']);
    expect(subjectNames('30307', 2024)).toEqual(['医疗费补助']);
  });

  it('knows the functional renames and leaves unlisted codes alone', () => {
    expect(subjectNames('207', 2024)).toEqual(['文化旅游体育与传媒支出']);
    expect(subjectNames('207', 2017)).toEqual(['文化体育与传媒支出']);
    expect(subjectNames('20140', 2022)).toBeNull();
    expect(subjectNames('20140', 2024)).toEqual(['信访事务']);
    expect(subjectNames('29999', 2024)).toBeNull();
  });
});

describe('name tolerance', () => {
  it('accepts spellings of the same subject', () => {
    expect(namesSubject('因公出国（境）费', '因公出国(境)费用')).toBe(true);
    expect(namesSubject('维修费', '维修(护)费')).toBe(true);
    expect(namesSubject('一、一般公共服务', '一般公共服务支出')).toBe(true);
    expect(namesSubject('公共安全(类)', '公共安全支出')).toBe(true);
    expect(namesSubject('对个人和家庭补助', '对个人和家庭的补助')).toBe(true);
    expect(namesSubject('其他对个人和家庭的补助支出', '其他对个人和家庭的补助')).toBe(true);
    expect(namesSubject('政府办公厅(室)及相关机', '政府办公厅(室)及相关机构事务')).toBe(true);
    expect(namesSubject('机关事业单位基本养老保险 缴费', '机关事业单位基本养老保险缴费')).toBe(true);
  });

  it('tells different subjects apart', () => {
    expect(namesSubject('津贴补贴', '基本工资')).toBe(false);
    expect(namesSubject('其他工资福利支出', '工资福利支出')).toBe(false);
    expect(namesSubject('职业年金缴费', '机关事业单位基本养老保险缴费')).toBe(false);
  });
});

describe('K4 code and name agree', () => {
  it('flags a row whose name is another subject, referencing its name cell', () => {
    const d = inYear(
      [
        econ([
          ['301', '工资福利支出', '30.00'],
          ['30101', '基本工资', '10.00'],
          ['30102', '奖金', '10.00'],
          ['30108', '职业年金缴费', '10.00'],
        ]),
      ],
      2024,
    );
    const fs = k4(d);
    expect(fs.map((f) => f.message.zh.match(/科目 (\d+)/u)?.[1])).toEqual(['30102', '30108']);
    expect(fs[0]!.severity).toBe('warning');
    expect(fs[0]!.refs[0]).toMatchObject({ table: 'e', row: 2 });
    expect(fs[0]!.message.zh).toContain('津贴补贴');
  });

  it('reads the year: 30311 住房公积金 is right in 2017 and another subject from 2018', () => {
    const rows = [
      ['303', '对个人和家庭的补助', '5.00'],
      ['30311', '住房公积金', '5.00'],
    ];
    expect(k4(inYear([econ(rows)], 2017))).toEqual([]);
    expect(k4(inYear([econ(rows)], 2024))).toHaveLength(1);
  });

  it('accepts a former name of the same subject', () => {
    const rows = [
      ['207', '文化体育与传媒支出', '5.00'],
      ['20805', '行政事业单位离退休', '5.00'],
    ];
    expect(k4(inYear([func(rows)], 2024))).toEqual([]);
  });

  it('flags a functional 款 printed under the code of another', () => {
    const d = inYear(
      [
        func([
          ['204', '公共安全支出', '5.00'],
          ['20406', '检察', '5.00'],
        ]),
      ],
      2024,
    );
    expect(k4(d)).toHaveLength(1);
  });

  it('does not judge codes the listing does not cover', () => {
    const d = inYear([func([['20140', '信访事务', '5.00']])], 2020);
    expect(k4(d)).toEqual([]);
  });

  it('is silent on the corpus documents', () => {
    const years: Record<string, number> = { 'qz2024-budget': 2024, 'qz2022-final': 2022, 'cz2023-budget': 2023 };
    for (const [name, make] of Object.entries(CORPUS)) {
      const d = make();
      expect(k4({ ...d, meta: { ...d.meta, year: years[name]! } })).toEqual([]);
    }
  });

  it('is silent on the real documents whose tables are transcribed (test-fixtures/real), and checks their codes', () => {
    for (const [f, json] of Object.entries(REAL)) {
      const truth = json as TruthDoc;
      const d = truthDocument({ ...truth, tables: truth.tables.map(joinSplitCodes) });
      const year = Number(/20\d{2}/u.exec(f)![0]);
      const doc = { ...d, meta: { ...d.meta, year } };
      expect(k4(doc), f).toEqual([]);
      // The listing covers what these documents print: every 类/款 code has a name for its year.
      const codes = doc.tables.flatMap((t) => t.rows.map((r) => r.code)).filter((c) => c && c.length <= 5);
      for (const c of codes) expect(subjectNames(c!, year), `${f} ${c}`).not.toBeNull();
    }
  });
});

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExtractedDocument } from '../../shared/model';
import { validate } from '../../shared/validation';
import { isStandardTitle, normTitle, scoreDocument, type TruthTable } from '../../bench/score';
import { extractDocument } from './index';

/**
 * Real published disclosures (test-fixtures/real, copied from ../shared/real) against the truth read off their printed
 * pages: every standard table found, typed and read row for row, and no error finding on a document whose
 * arithmetic, being published, reconciles.
 */
const dir = path.resolve(import.meta.dirname, '../../test-fixtures/real');
const truths = readdirSync(dir)
  .filter((f) => f.endsWith('.truth.json'))
  .map((f) => f.replace(/\.truth\.json$/u, ''))
  .filter((name) => existsSync(path.join(dir, `${name}.pdf`)));

interface RealTruth {
  tables: Array<TruthTable & { type: string; unit?: string | null }>;
}

/** The department or unit each document's pages name (its tables' 编制部门 / 部门 / 编制单位 lines). */
const DEPARTMENT: Record<string, string> = {
  'js-jianchayuan-2017-budget': '江苏省人民检察院',
  'js-rendaban-2017-budget': '江苏省人大常委会办公厅',
  'js-rendaban-2019-budget-tables': '江苏省人大常委会办公厅',
  'js-weiban-2018-budget-tables': '中共江苏省委办公厅',
  'sh-putuo-guihuaziyuan-2024-dept-final': '上海市普陀区规划和自然资源局',
  'sh-putuo-sifaju-2026-dept-budget': '上海市普陀区司法局',
  'sh-putuo-wanli-2024-dept-budget': '上海市普陀区人民政府万里街道办事处',
  'sh-putuo-zhengfuban-2025-unit-budget': '上海市普陀区人民政府办公室',
};

describe.each(truths)('real document %s', (name) => {
  let doc: ExtractedDocument;
  const read = async () =>
    (doc ??= await extractDocument(new Uint8Array(readFileSync(path.join(dir, `${name}.pdf`))), {
      file: `${name}.pdf`,
      workers: 0,
    }));
  const truth = JSON.parse(readFileSync(path.join(dir, `${name}.truth.json`), 'utf8')) as RealTruth;

  it('types every table of the truth as printed, standard or not', async () => {
    const d = await read();
    const got = truth.tables.map((t) => ({
      title: t.title,
      type: d.tables.find((x) => normTitle(x.title) === normTitle(t.title))?.type ?? null,
    }));
    expect(got).toEqual(truth.tables.map((t) => ({ title: t.title, type: t.type })));
  });

  it('carries every printed standard title by a table of its type and unit', async () => {
    const d = await read();
    const got = truth.tables
      .filter((t) => isStandardTitle(t.title))
      .map((t) => {
        const e = d.tables.find((x) => normTitle(x.title) === normTitle(t.title));
        return { title: t.title, type: e?.type ?? null, unit: e ? e.moneyUnit : null };
      });
    const want = truth.tables
      .filter((t) => isStandardTitle(t.title))
      .map((t) => ({ title: t.title, type: t.type, unit: t.unit ?? null }));
    expect(got).toEqual(want);
  });

  it('reads every row of the standard tables as printed', async () => {
    const d = await read();
    const score = scoreDocument(
      truth.tables,
      d.tables.map((t) => ({ title: t.title, rows: t.rows.map((r) => r.cells.map((c) => c.text)) })),
    );
    const wrong = score.tables.filter((t) => t.positionalHits < t.truthRows || t.extractedRows !== t.truthRows);
    expect(wrong).toEqual([]);
    expect(score.rowF1).toBe(1);
  });

  it('reads every subject code well-formed, split 类 | 款 | 项 cells joined (no K1)', async () => {
    const k1 = validate(await read()).filter((f) => f.rule === 'K1');
    expect(k1.map((f) => f.message.en)).toEqual([]);
  });

  it('names the department its tables are labelled with', async () => {
    expect((await read()).meta.department).toBe(DEPARTMENT[name] ?? null);
  });

  it('raises no error finding', async () => {
    const errors = validate(await read()).filter((f) => f.severity === 'error');
    expect(errors.map((f) => `${f.rule}: ${f.message.en}`)).toEqual([]);
  });
});

describe('a discrepancy the printed explanation really has', () => {
  it('js-jianchayuan-2017 p19 states 基本支出 12323.46 where its tables print 12,323.48 (single-row 支出预算总表)', async () => {
    const doc = await extractDocument(new Uint8Array(readFileSync(path.join(dir, 'js-jianchayuan-2017-budget.pdf'))), {
      file: 'js-jianchayuan-2017-budget.pdf',
      workers: 0,
    });
    const n1 = validate(doc).filter((f) => f.rule === 'N1' && f.actual === 12323.46);
    expect(n1.map((f) => f.expected)).toEqual([12323.48]);
  });
});

describe('a table named only by the sentence before it', () => {
  it('is not typed by the words of that sentence (js-rendaban-2018 p28: "…占“三公”经费的26.69%；…")', async () => {
    const doc = await extractDocument(new Uint8Array(readFileSync(path.join(dir, 'js-rendaban-2018-budget.pdf'))), {
      file: 'js-rendaban-2018-budget.pdf',
      workers: 0,
    });
    const sentence = doc.tables.filter((t) => /%/u.test(t.title));
    expect(sentence.length).toBeGreaterThan(0);
    expect(sentence.map((t) => t.type)).toEqual(sentence.map(() => 'other'));
    expect(doc.tables.filter((t) => t.type === 'three_public').map((t) => t.title)).toEqual([
      '“三公”经费、会议费、培训费支出预算表',
    ]);
  });
});

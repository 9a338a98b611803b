import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExtractedDocument } from '../../shared/model';
import { compareDocuments } from '../../shared/compare';
import { extractDocument } from '../extraction/index';
import { toText } from './compare';

const REAL = path.join(__dirname, '..', '..', 'test-fixtures', 'real');
const cache = new Map<string, Promise<ExtractedDocument>>();
function real(name: string): Promise<ExtractedDocument> {
  let p = cache.get(name);
  if (!p) {
    p = extractDocument(new Uint8Array(readFileSync(path.join(REAL, name))), { file: name, workers: 0 });
    cache.set(name, p);
  }
  return p;
}

describe('compare on the Jiangsu 人大办 budgets 2017 / 2018 / 2019', () => {
  it('2018 "比上年增加/减少" against 2017: every sentence is last year’s printed figure', async () => {
    const r = compareDocuments(await real('js-rendaban-2018-budget.pdf'), await real('js-rendaban-2017-budget.pdf'));
    expect(r.swapped).toBe(true);
    expect(r.relation).toBe('year-over-year');
    expect(r.department).toEqual({ same: true, basis: 'name' });
    expect(r.findings).toEqual([]);
    expect(r.tallies.find((t) => t.rule === 'Y2')).toMatchObject({ compared: 9, agreed: 9, unmatched: 0 });
    const by = (s: string) => r.comparisons.find((c) => c.label.includes(s))!;
    // Checked against the pages: 2018 p.19 "一般公共预算收入预算15897.44万元，与上年相比增加2248.37万元" and 2017
    // 收支预算总表 (p.7–9) 13,649.07; 2018 p.24 行政运行 6372.32 +1826.38 and 2017 p.11 2010101 行政运行 4,545.94;
    // 2018 p.29 机关运行经费 1579.38 −4039.93 and 2017 p.19 机关运行经费 合计 5,619.31.
    expect(by('一般公共预算收入预算')).toMatchObject({ bCents: 1364907, aCents: 1364907, b: { page: 19 } });
    expect(by('行政运行(项)')).toMatchObject({ bCents: 454594, aCents: 454594, a: { page: 11 }, b: { page: 24 } });
    expect(by('机关运行经费')).toMatchObject({ bCents: 561931, aCents: 561931, a: { page: 19 }, b: { page: 29 } });
    // 其他人大事务(项) is printed "其他人大事务支出" in 2017's table: found by its name all the same.
    expect(by('其他人大事务')).toMatchObject({ bCents: 10000, aCents: 10000, agreed: true });
  });

  it('2019 text volume against 2018: 20 sentences agree, 会议费/培训费 read off the 三公 table', async () => {
    const r = compareDocuments(
      await real('js-rendaban-2018-budget.pdf'),
      await real('js-rendaban-2019-budget-text.pdf'),
    );
    expect(r.relation).toBe('year-over-year');
    expect(r.findings).toEqual([]);
    const y2 = r.tallies.find((t) => t.rule === 'Y2')!;
    expect(y2.agreed).toBeGreaterThanOrEqual(20);
    expect(r.comparisons.find((c) => c.label.includes('会议费'))).toMatchObject({ aCents: 130525, agreed: true });
  });

  it('a changed figure in last year’s document becomes a finding linked to both sides', async () => {
    const base = await real('js-rendaban-2017-budget.pdf');
    const t = base.tables.find((x) => x.type === 'op_cost')!;
    const row = t.rows.findIndex((x) => x.kind === 'total');
    const col = t.rows[row]!.cells.findIndex((c) => c.value === 5619.31);
    const tables = base.tables.map((x) =>
      x !== t
        ? x
        : {
            ...x,
            rows: x.rows.map((rr, i) =>
              i !== row
                ? rr
                : {
                    ...rr,
                    cells: rr.cells.map((c, j) => (j === col ? { ...c, text: '5,620.31', value: 5620.31 } : c)),
                  },
            ),
          },
    );
    const r = compareDocuments({ ...base, tables }, await real('js-rendaban-2018-budget.pdf'));
    const f = r.findings.filter((x) => x.rule === 'Y2');
    expect(f).toHaveLength(1);
    expect(f[0]!.message.zh).toContain('机关运行经费');
    expect(f[0]!.sides.a).toEqual([{ table: t.id, row, col }]);
    // B: the sentence (p.29) and 2018's own 机关运行经费 table (p.16) holding this year's figure.
    expect(f[0]!.pages).toEqual({ a: [19], b: [29, 16] });
    expect(toText(r)).toContain('@ A p.19  B p.29,p.16');
  });

  it('2017 against 2019 is not consecutive: says so and compares nothing', async () => {
    const r = compareDocuments(
      await real('js-rendaban-2017-budget.pdf'),
      await real('js-rendaban-2019-budget-text.pdf'),
    );
    expect(r.relation).toBe('unrelated');
    expect(r.findings.map((f) => f.rule)).toEqual(['D1']);
  });
});

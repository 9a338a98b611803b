import { describe, expect, it } from 'vitest';
import { applyOp, emptyOverlay, setCellOp } from '../model/edits';
import { FindingSchema, type ExtractedDocument } from '../model/document';
import { createValidator, validate } from './index';
import { byRule, CORPUS, touchesRow } from './testing/fixtures';

/** Whole documents built from the corpus truth tables plus the sample explanations (test-fixtures/). */
function edit(doc: ExtractedDocument, type: string, match: (cells: string[]) => boolean, col: number, text: string) {
  const t = doc.tables.find((x) => x.type === type)!;
  const row = t.rows.findIndex((r) => match(r.cells.map((c) => c.text)));
  expect(row).toBeGreaterThanOrEqual(0);
  return { doc: applyOp(doc, emptyOverlay(), setCellOp(doc, t.id, row, col, text)).doc, table: t.id, row };
}

describe('unmodified corpus documents', () => {
  it('S0 (qz2024 budget): the only error is the real X4 discrepancy 5205.49 vs 4641.18', () => {
    const fs = validate(CORPUS['qz2024-budget']());
    const errors = fs.filter((f) => f.severity === 'error');
    expect(errors.map((f) => f.rule)).toEqual(['X4']);
    const x4 = errors[0]!;
    expect([x4.actual, x4.expected, x4.difference]).toEqual([5205.49, 4641.18, 564.31]);
    expect(x4.message.zh).toContain('上年结转结余');
    expect(fs.filter((f) => f.severity === 'warning')).toEqual([]);
  });

  it('S1 (qz2022 final): no error; X10 2101103 3.98 vs 5.72 is a warning; the documented rounding cases are rounding', () => {
    const fs = validate(CORPUS['qz2022-final']());
    expect(fs.filter((f) => f.severity === 'error')).toEqual([]);
    const x10 = byRule(fs, 'X10');
    expect(x10).toHaveLength(1);
    expect(x10[0]!.severity).toBe('warning');
    expect([x10[0]!.actual, x10[0]!.expected]).toEqual([3.98, 5.72]);
    expect(x10[0]!.message.zh).toContain('2101103');
    const rounding = fs.filter((f) => f.severity === 'rounding').map((f) => `${f.rule} ${f.actual} ${f.expected}`);
    for (const c of [
      'R1 750.26 750.25', // T02 20103
      'R1 991.11 991.12', // T03 204 基本
      'R2 4074.57 4074.58', // T03 合计
      'R2 3875.32 3875.33', // T05 合计
      'R4 3391.24 3391.23', // T03 204
      'R1 1496.82 1496.83', // T06 301
      'R1 41.9 41.92', // T06 302
      'X5 1555.32 1555.31', // T05 基本 vs T06 1513.41 + 41.90
    ]) {
      expect(rounding).toContain(c);
    }
    // Besides X10, the only warnings are the 自评 execution scores DOMAIN §3.4 lists as inconsistent (full marks
    // at 13.44%, 26%, 40.42% … execution), and N7: the 收入 / 支出 totals rise by 1686.56 and 1156.53 (S1:L425,
    // L438) with "具体情况如下" and a list of this year's figures, but no reason (DOMAIN §4 item 4).
    expect(fs.filter((f) => f.severity === 'warning' && f.rule !== 'P3').map((f) => f.rule)).toEqual([
      'X10',
      'N7',
      'N7',
    ]);
    expect(byRule(fs, 'N7').map((f) => f.actual)).toEqual([1686.56, 1156.53]);
    const p3 = byRule(fs, 'P3', 'warning');
    expect(p3.map((f) => f.expected).sort((a, b) => a! - b!)).toEqual([1.34, 2.6, 4.04, 4.1, 4.28, 5, 6.75, 9.47]);
  });

  it('S3 (cz2023 budget): no error, rounding 866.53 vs 866.54 and 110.77 vs 110.78 stay rounding', () => {
    const fs = validate(CORPUS['cz2023-budget']());
    expect(fs.filter((f) => f.severity === 'error')).toEqual([]);
    const rounding = fs.filter((f) => f.severity === 'rounding').map((f) => `${f.rule} ${f.actual} ${f.expected}`);
    expect(rounding).toContain('R2 866.53 866.54');
    expect(rounding).toContain('R1 110.77 110.78');
    // Without the printed notes (truth JSON carries none) the empty tables are flagged — as warnings only.
    expect(new Set(fs.filter((f) => f.severity === 'warning').map((f) => f.rule))).toEqual(new Set(['C2']));
  });
});

describe('findings as the API carries them', () => {
  it('every finding matches the contract schema, with zh and en messages and unique refs', () => {
    for (const d of Object.values(CORPUS)) {
      for (const f of validate(d())) {
        expect(() => FindingSchema.parse(f)).not.toThrow();
        expect(f.message.zh.length).toBeGreaterThan(0);
        expect(f.message.en).toMatch(/^[\x20-\x7e\u00a0-\uffff]+$/u);
        expect(new Set(f.refs.map((r) => `${r.table}:${r.row}:${r.col}`)).size).toBe(f.refs.length);
        if (f.severity === 'rounding') expect(Math.abs(f.difference!)).toBeLessThanOrEqual(f.tolerance!);
      }
    }
  });
});

describe('cross-table rules on the corpus', () => {
  it('X1: a source on the income table that disagrees with the summary', () => {
    const { doc, table, row } = edit(CORPUS['qz2024-budget'](), 'income', (c) => c[0] === '合计', 3, '4614.18');
    const fs = byRule(validate(doc), 'X1', 'error');
    expect(fs).toHaveLength(1);
    expect(touchesRow(fs[0]!, table, row)).toBe(true);
  });

  it('X2: a summary 类 line that disagrees with the expenditure table (S1)', () => {
    const { doc, table, row } = edit(
      CORPUS['qz2022-final'](),
      'income_expense_summary',
      (c) => c[2] === '九、卫生健康支出',
      3,
      '14.96',
    );
    const fs = byRule(validate(doc), 'X2', 'error');
    expect(fs.some((f) => touchesRow(f, table, row) && f.refs.some((r) => r.table !== table))).toBe(true);
  });

  it('X2 is not checked (info, no error) when the expenditure table lists no classes, only its 合计', () => {
    const doc = CORPUS['qz2022-final']();
    const exp = doc.tables.find((t) => t.type === 'expenditure')!;
    const onlyTotal = { ...exp, rows: exp.rows.filter((r) => !r.code) };
    const fs = byRule(validate({ ...doc, tables: doc.tables.map((t) => (t === exp ? onlyTotal : t)) }), 'X2');
    expect(fs.filter((f) => f.severity === 'error')).toEqual([]);
    expect(fs.filter((f) => f.severity === 'info').map((f) => f.message.en)).toEqual([
      expect.stringMatching(/^Not checked: .* lists no function classes/u),
    ]);
  });

  it('X3: fiscal summary GPB column vs the GPB expenditure table (S1)', () => {
    const { doc, table, row } = edit(
      CORPUS['qz2022-final'](),
      'fiscal_summary',
      (c) => c[2] === '八、社会保障和就业支出',
      4,
      '25.58',
    );
    expect(byRule(validate(doc), 'X3', 'error').some((f) => touchesRow(f, table, row))).toBe(true);
  });

  it('X5: GPB basic expenditure vs the basic economic table (S0)', () => {
    const { doc } = edit(CORPUS['qz2024-budget'](), 'gpb_basic_econ', (c) => c[0] === '合计', 2, '1673.31');
    expect(byRule(validate(doc), 'X5', 'error')).toHaveLength(1);
  });

  it('X6: all-GPB economic total vs GPB expenditure total (S0)', () => {
    const { doc } = edit(CORPUS['qz2024-budget'](), 'gpb_econ_all', (c) => c[0] === '合计', 2, '5250.49');
    expect(byRule(validate(doc), 'X6', 'error')).toHaveLength(1);
  });

  it('X7: a GPB row above the all-funds row (S1)', () => {
    const { doc, table, row } = edit(CORPUS['qz2022-final'](), 'gpb_exp', (c) => c[0] === '2040304', 3, '25.00');
    expect(byRule(validate(doc), 'X7', 'error').some((f) => touchesRow(f, table, row))).toBe(true);
  });

  it('X8: basic 30217 公务接待费 above the 三公 reception line is a warning (S0)', () => {
    const { doc } = edit(CORPUS['qz2024-budget'](), 'gpb_basic_econ', (c) => c[0] === '30217', 2, '3.00');
    expect(byRule(validate(doc), 'X8', 'warning')).toHaveLength(1);
  });

  it('X9: 机关运行经费 stated above 公用经费 is a warning (S0 text 44.36 vs 44.36)', () => {
    const doc = CORPUS['qz2024-budget']();
    expect(byRule(validate(doc), 'X9')).toEqual([]);
    const narrative = doc.narrative!.map((n) => ({
      ...n,
      text: n.text.replace('机关运行经费支出44.36万元', '机关运行经费支出54.36万元'),
    }));
    expect(byRule(validate({ ...doc, narrative }), 'X9', 'warning')).toHaveLength(1);
  });

  it('sub-units are checked separately (tables grouped by unitCode)', () => {
    const base = CORPUS['qz2024-budget']();
    const a = base.tables.map((t) => ({ ...t, unitCode: '216001' }));
    const b = base.tables.map((t) => ({ ...t, id: `${t.id}b`, unitCode: '216002' }));
    const fs = validate({ ...base, tables: [...a, ...b] });
    expect(byRule(fs, 'X4', 'error')).toHaveLength(2);
    expect(byRule(fs, 'C1')).toEqual([]);
  });
});

describe('finding ids and the incremental validator', () => {
  it('ids stay the same after an unrelated edit and after inserting a row above', () => {
    const doc = CORPUS['qz2024-budget']();
    const v = createValidator();
    const before = v.run(doc).find((f) => f.rule === 'X4')!;
    const t = doc.tables.find((x) => x.type === 'gpb_basic_econ')!;
    const edited = applyOp(doc, emptyOverlay(), setCellOp(doc, t.id, 2, 2, '48.90')).doc;
    const after = v.run(edited);
    expect(after.find((f) => f.rule === 'X4')!.id).toBe(before.id);
    const r1 = after.find((f) => f.rule === 'R1' && f.severity === 'error')!;
    const fiscal = doc.tables.find((x) => x.type === 'fiscal_summary')!;
    const inserted = applyOp(edited, emptyOverlay(), {
      op: 'spliceRows',
      table: t.id,
      index: 1,
      removed: [],
      inserted: [{ kind: 'data', code: null, level: null, parent: null, name: '注', cells: [] }],
      intent: 'insert',
    }).doc;
    const again = v.run(inserted);
    expect(again.find((f) => f.rule === 'R1' && f.severity === 'error')!.id).toBe(r1.id);
    expect(again.find((f) => f.rule === 'X4')!.refs.some((r) => r.table === fiscal.id)).toBe(true);
  });

  it('the incremental validator agrees with a fresh validation after each edit', () => {
    let doc = CORPUS['qz2022-final']();
    const v = createValidator();
    v.run(doc);
    const targets = ['gpb_exp', 'expenditure', 'income_expense_summary', 'gpb_basic_econ'];
    for (const type of targets) {
      const t = doc.tables.find((x) => x.type === type)!;
      const row = t.rows.findIndex((r) => r.cells.some((c) => c.value !== null && c.value > 1));
      const col = t.rows[row]!.cells.findIndex((c) => c.value !== null && c.value > 1);
      doc = applyOp(doc, emptyOverlay(), setCellOp(doc, t.id, row, col, '1.23')).doc;
      const inc = v
        .run(doc)
        .map((f) => `${f.id}|${f.actual}`)
        .sort();
      const fresh = validate(structuredClone(doc))
        .map((f) => `${f.id}|${f.actual}`)
        .sort();
      expect(inc).toEqual(fresh);
    }
  });

  it('tolerance is a setting', () => {
    const doc = CORPUS['qz2022-final']();
    const strict = validate(doc, { tolerancePerAddend: 0, toleranceMin: 0 });
    expect(strict.some((f) => f.rule === 'R1' && f.actual === 750.26 && f.severity === 'error')).toBe(true);
  });
});

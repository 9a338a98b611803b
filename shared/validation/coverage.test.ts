import { describe, expect, it } from 'vitest';
import { coverageByTable, createValidator, validateWithCoverage } from './index';
import { byRule, CORPUS, docOf, tbl } from './testing/fixtures';

const HEADER = [['科目编码', '科目名称', '合计', '基本支出', '项目支出']];

describe('coverage: which rules ran on which table, and why the others did not', () => {
  it('a functional table without its 合计 row: R2 is reported as not checked (info), never as an error', () => {
    const t = tbl(
      't05',
      '一般公共预算支出表',
      HEADER,
      [
        ['201', '一般公共服务支出', '10.00', '6.00', '4.00'],
        ['20101', '人大事务', '10.00', '6.00', '4.00'],
      ],
      { type: 'gpb_exp' },
    );
    const { findings, coverage } = validateWithCoverage(docOf([t]));
    const r2 = byRule(findings, 'R2');
    expect(r2).toHaveLength(1);
    expect(r2[0]!.severity).toBe('info');
    expect(r2[0]!.message.zh).toContain('没有合计行');
    const c = coverageByTable(coverage).get('t05')!;
    expect(c.ran).toEqual(expect.arrayContaining(['R1', 'R4', 'K1', 'K2']));
    expect(c.skipped.map((s) => s.rule)).toContain('R2');
  });

  it('a single-amount table has no columns to add up: R4 does not apply and says nothing', () => {
    const t = tbl(
      't05',
      '一般公共预算支出表',
      [['科目编码', '科目名称', '金额']],
      [
        ['', '合计', '10.00'],
        ['201', '一般公共服务支出', '10.00'],
        ['20101', '人大事务', '10.00'],
      ],
      { type: 'gpb_exp' },
    );
    const { findings, coverage } = validateWithCoverage(docOf([t]));
    expect(findings.filter((f) => f.severity === 'info' && f.rule === 'R4')).toEqual([]);
    const r4 = coverage.entries.find((e) => e.rule === 'R4' && e.table === 't05')!;
    expect(r4.status).toBe('not_applicable');
    expect(coverage.entries.find((e) => e.rule === 'R2' && e.table === 't05')!.status).toBe('ran');
  });

  it('a table printed empty is not reported as unchecked', () => {
    const t = { ...tbl('t07', '国有资本经营预算支出表', HEADER, [], { type: 'soe' }), empty: true };
    const { findings } = validateWithCoverage(docOf([t]));
    expect(findings.filter((f) => f.message.en.startsWith('Not checked'))).toEqual([]);
  });

  it('cross-table rules are recorded against every table they read', () => {
    const doc = CORPUS['qz2024-budget']();
    const v = createValidator();
    v.run(doc);
    const byTable = coverageByTable(v.coverage());
    const summary = doc.tables.find((t) => t.type === 'income_expense_summary')!;
    expect(byTable.get(summary.id)!.ran).toEqual(expect.arrayContaining(['R5', 'X1', 'X2']));
    // Every standard table of a complete corpus document is read by some rule.
    for (const t of doc.tables.filter((x) => x.type !== 'other'))
      expect(byTable.get(t.id)?.ran.length ?? 0, t.title).toBeGreaterThan(0);
  });

  it('a rule written for another kind of document does not apply (R6 on a budget)', () => {
    const { coverage } = validateWithCoverage(CORPUS['qz2024-budget']());
    const r6 = coverage.entries.filter((e) => e.rule === 'R6');
    expect(r6.length).toBeGreaterThan(0);
    expect(r6.every((e) => e.status === 'not_applicable')).toBe(true);
    const r8 = coverage.entries.filter((e) => e.rule === 'R8');
    expect(r8.every((e) => e.status !== 'ran')).toBe(true);
  });
});

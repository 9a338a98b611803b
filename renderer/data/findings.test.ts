import { describe, expect, it } from 'vitest';
import {
  cellStatus,
  countsByTable,
  failingCells,
  filterFindings,
  isFailing,
  ruleChoices,
  sortFindings,
  stepFinding,
} from './findings';
import { cellAt } from './geometry';
import { expenditureTable, sampleDoc, cell } from './testing/fixtures';
import type { Finding } from '../../shared/model/document';

const f = (id: string, severity: Finding['severity'], refs: [string, number, number][]): Finding => ({
  id,
  rule: 'R1',
  severity,
  message: { zh: id, en: id },
  expected: null,
  actual: null,
  difference: null,
  refs: refs.map(([table, row, col]) => ({ table, row, col })),
});

describe('findings navigation', () => {
  const doc = sampleDoc([expenditureTable('a'), expenditureTable('b')]);
  const list = sortFindings(doc, [
    f('late', 'error', [['b', 0, 2]]),
    f('no-cells', 'info', []),
    f('mid', 'warning', [
      ['a', 3, 1],
      ['b', 0, 0],
    ]),
    f('first', 'rounding', [['a', 1, 4]]),
    f('first-error', 'error', [['a', 1, 4]]),
  ]);

  it('orders by table, row, column, then severity; findings without cells last', () => {
    expect(list.map((x) => x.id)).toEqual(['first-error', 'first', 'mid', 'late', 'no-cells']);
  });

  it('steps forward and back with wrap-around, skipping waived findings', () => {
    const waived = { first: 'ok' };
    expect(stepFinding(list, null, 1, waived)?.id).toBe('first-error');
    expect(stepFinding(list, 'first-error', 1, waived)?.id).toBe('mid');
    expect(stepFinding(list, 'no-cells', 1, waived)?.id).toBe('first-error');
    expect(stepFinding(list, null, -1, waived)?.id).toBe('no-cells');
    expect(stepFinding(list, 'mid', -1, waived)?.id).toBe('first-error');
    expect(stepFinding([], null, 1, {})).toBeNull();
  });

  it('counts open findings per table and severity', () => {
    const counts = countsByTable(list, { late: 'x' });
    expect(counts.get('a')).toEqual({ error: 1, warning: 1, rounding: 1, info: 0 });
    expect(counts.get('b')).toEqual({ error: 0, warning: 1, rounding: 0, info: 0 });
  });

  it('colours cells of failing checks, whole rows included, above the reviewer’s marks', () => {
    const set = failingCells([f('x', 'error', [['a', 2, -1]]), f('y', 'rounding', [['a', 1, 1]])], {}, 'a');
    expect(isFailing(set, 2, 4)).toBe(true);
    expect(isFailing(set, 1, 1)).toBe(false);
    expect(cellStatus({ ...cell('1'), confirmed: true }, true)).toBe('failing');
    expect(cellStatus({ ...cell('1'), corrected: true, confirmed: true }, false)).toBe('confirmed');
    expect(cellStatus({ ...cell('1'), corrected: true }, false)).toBe('corrected');
    expect(cellStatus(cell('1', 1, null, 0.6), false)).toBe('low');
    expect(cellStatus(cell('1'), false)).toBe('extracted');
  });
});

describe('page point to cell', () => {
  const t = expenditureTable();
  it('picks the cell whose text holds the point', () => {
    expect(cellAt(t, 1, 250, 705)).toEqual({ row: 2, col: 2 });
    expect(cellAt(t, 1, 45, 745)).toEqual({ row: 0, col: 0 });
  });
  it('takes the nearest cell for a click in white space inside the table, nothing outside it', () => {
    expect(cellAt(t, 1, 290, 705)).toEqual({ row: 2, col: 2 });
    expect(cellAt(t, 1, 250, 600)).toBeNull();
    expect(cellAt(t, 2, 250, 705)).toBeNull();
  });
});

describe('table list', () => {
  it('groups by sub-unit and puts standard tables before project, performance and unrecognised ones', async () => {
    const { groupTables, firstTable } = await import('./tables');
    const mk = (id: string, type: ReturnType<typeof expenditureTable>['type'], unitCode: string | null) => ({
      ...expenditureTable(id),
      type,
      unitCode,
      unitName: unitCode ? `单位${unitCode}` : null,
    });
    const tables = [
      mk('other', 'other', null),
      mk('exp', 'expenditure', null),
      mk('perf', 'performance', null),
      mk('u2', 'income', '216001'),
      mk('inc', 'income', null),
    ];
    const groups = groupTables(tables);
    expect(groups.map((g) => [g.unit, g.tables.map((t) => t.id)])).toEqual([
      [null, ['exp', 'inc', 'perf', 'other']],
      ['216001 单位216001', ['u2']],
    ]);
    expect(firstTable(tables)?.id).toBe('exp');
  });
});

describe('filtering findings by rule', () => {
  const mk = (id: string, rule: string): Finding => ({
    id,
    rule,
    severity: 'warning',
    message: { zh: id, en: id },
    expected: null,
    actual: null,
    difference: null,
    tolerance: null,
    refs: [],
  });
  const list = [mk('a', 'R4'), mk('b', 'X2'), mk('c', 'X2'), mk('d', 'N1')];

  it('keeps one rule, or a whole family of the rule modules', () => {
    const base = { severity: 'all' as const, table: 'all', showWaived: true, text: '' };
    expect(filterFindings(list, { ...base, rule: 'X2' }, {}).map((f) => f.id)).toEqual(['b', 'c']);
    expect(filterFindings(list, { ...base, rule: 'family:table' }, {}).map((f) => f.id)).toEqual(['a']);
    expect(filterFindings(list, { ...base, rule: 'all' }, {})).toHaveLength(4);
  });

  it('keeps the findings whose rule or message holds every word typed', () => {
    const base = { severity: 'all' as const, table: 'all', rule: 'all', showWaived: true };
    const msg = (id: string, rule: string, zh: string, en: string): Finding => ({
      ...mk(id, rule),
      message: { zh, en },
    });
    const found = [
      msg('a', 'R4', '合计不等于各项之和', 'Total is not the sum'),
      msg('b', 'X2', '两表不一致', 'Tables differ'),
    ];
    expect(filterFindings(found, { ...base, text: '' }, {})).toHaveLength(2);
    expect(filterFindings(found, { ...base, text: '合计' }, {}).map((f) => f.id)).toEqual(['a']);
    expect(filterFindings(found, { ...base, text: 'x2' }, {}).map((f) => f.id)).toEqual(['b']);
    expect(filterFindings(found, { ...base, text: 'tables  DIFFER' }, {}).map((f) => f.id)).toEqual(['b']);
    expect(filterFindings(found, { ...base, text: 'sum differ' }, {})).toHaveLength(0);
  });

  it('offers only the rules that have findings, grouped by family in catalogue order', () => {
    expect(ruleChoices(list)).toEqual([
      { family: 'table', rules: [{ id: 'R4', count: 1 }] },
      { family: 'cross', rules: [{ id: 'X2', count: 2 }] },
      { family: 'narrative', rules: [{ id: 'N1', count: 1 }] },
    ]);
  });
});

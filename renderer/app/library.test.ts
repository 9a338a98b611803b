import { describe, expect, it } from 'vitest';
import type { RecentDocument } from '../../shared/api/contract';
import { libraryGroups, matchesQuery } from './library';

const doc = (over: Partial<RecentDocument>): RecentDocument => ({
  docId: 'a'.repeat(64),
  name: 'x.pdf',
  size: 1,
  pages: 1,
  path: null,
  openedAt: '2026-12-01T00:00:00Z',
  status: 'extracted',
  ...over,
});

const rendaban = (year: number, kind: 'budget' | 'final', openedAt: string, department = '江苏省人大常委会办公厅') =>
  doc({ name: `rendaban-${year}-${kind}.pdf`, department, year, kind, openedAt });

describe('the document library on the start screen', () => {
  it('groups one department across years and spellings, newest year first, the budget before the final account', () => {
    const list = [
      rendaban(2017, 'budget', '2026-12-01T01:00:00Z'),
      rendaban(2018, 'final', '2026-12-01T02:00:00Z', '江苏省人民代表大会常务委员会办公厅'),
      rendaban(2018, 'budget', '2026-12-01T03:00:00Z'),
      doc({
        name: 'weiban-2019.pdf',
        department: '中共江苏省委办公厅',
        year: 2019,
        kind: 'budget',
        openedAt: '2026-12-01T00:30:00Z',
      }),
      doc({ name: 'scan.pdf', status: 'new' }),
    ];
    const groups = libraryGroups(list);
    expect(groups.map((g) => g.department)).toEqual(['江苏省人大常委会办公厅', '中共江苏省委办公厅', null]);
    expect(groups[0]!.docs.map((d) => d.name)).toEqual([
      'rendaban-2018-budget.pdf',
      'rendaban-2018-final.pdf',
      'rendaban-2017-budget.pdf',
    ]);
    expect(groups[0]!.years).toEqual([2018, 2017]);
    expect(groups[2]!.docs.map((d) => d.name)).toEqual(['scan.pdf']);
  });

  it('a unit code decides over the name where both documents print one', () => {
    const a = doc({ name: 'a.pdf', department: '甲单位', unitCode: '101001', year: 2024 });
    const b = doc({ name: 'b.pdf', department: '乙单位', unitCode: '101001', year: 2025 });
    expect(libraryGroups([a, b])).toHaveLength(1);
  });

  it('searches by every word: department, year, 预算 / 决算, file name', () => {
    const d = rendaban(2018, 'final', '2026-12-01T02:00:00Z');
    expect(matchesQuery(d, '人大 2018 决算')).toBe(true);
    expect(matchesQuery(d, '人大 预算')).toBe(false);
    expect(matchesQuery(d, 'rendaban')).toBe(true);
    expect(libraryGroups([d], '2017')).toEqual([]);
  });
});

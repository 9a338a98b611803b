import type { DocumentMeta, MoneyUnit, Table, Unit } from '../../shared/model';
import type { PageLayout } from './layout';

const compact = (s: string) => s.replace(/\s+/gu, '');

function mostCommon<T>(items: T[]): T | null {
  const counts = new Map<T, number>();
  for (const i of items) counts.set(i, (counts.get(i) ?? 0) + 1);
  let best: T | null = null;
  let n = 0;
  for (const [k, v] of counts) if (v > n) [best, n] = [k, v];
  return best;
}

/** Department, year, kind, unit and sub-units from the cover, table titles and the lines around tables. */
export function documentMeta(layouts: PageLayout[], tables: Table[]): DocumentMeta {
  const cover = (layouts[0]?.lines ?? []).map((l) => compact(l.text));
  const coverText = cover.join('');
  const titles = tables.map((t) => compact(t.title));
  const years = [...titles, coverText].flatMap((t) => [...t.matchAll(/(20\d{2})年/gu)].map((m) => Number(m[1])));
  const year = mostCommon(years);
  const finalHits = [coverText, ...titles].filter((t) => /决算/u.test(t)).length;
  const budgetHits = [coverText, ...titles].filter((t) => /预算/u.test(t) && !/决算/u.test(t)).length;
  const kind: DocumentMeta['kind'] = /决算/u.test(coverText)
    ? 'final'
    : /预算/u.test(coverText)
      ? 'budget'
      : finalHits > budgetHits
        ? 'final'
        : budgetHits > 0
          ? 'budget'
          : null;
  // The cover names the department: the text before 部门预算/单位预算/决算 with the year removed.
  // The tables' own label lines (编制部门：…, 部门：…) say it more reliably than a cover read as one run of text.
  let department: string | null = mostCommon(
    layouts.flatMap((l) => l.grids.map((g) => g.context.department).filter((d): d is string => !!d)),
  );
  const m = /^(?:20\d{2}年度?)?(.+?)(?:20\d{2}年度?)?(?:部门|单位)?(?:预算|决算)(?:公开)?/u.exec(coverText);
  if (!department && m && m[1] && m[1].length >= 4 && !/[:：]|\d{4}年/u.test(m[1])) department = m[1];
  // A unit's own budget labels its tables 编制单位：….
  department ??= mostCommon(
    layouts.flatMap((l) => l.grids.map((g) => g.context.unitName).filter((d): d is string => !!d)),
  );
  // Sub-units in order of first appearance, keyed by code when printed, else by name.
  const units: Unit[] = [];
  for (const t of tables) {
    if (!t.unitName && !t.unitCode) continue;
    const known = units.find((u) => (t.unitCode && u.code === t.unitCode) || (!t.unitCode && u.name === t.unitName));
    if (known) known.name ||= t.unitName ?? '';
    else units.push({ code: t.unitCode ?? null, name: t.unitName ?? '' });
  }
  const unitCode = mostCommon(tables.map((t) => t.unitCode).filter((c): c is string => !!c));
  const moneyUnit = mostCommon(tables.map((t) => t.moneyUnit).filter((u): u is MoneyUnit => !!u));
  return { department, unitCode, year, kind, moneyUnit, units };
}

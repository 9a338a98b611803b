import type { Finding, TableType } from '../model/document';
import type { RuleContext } from './context';
import { skip, type Skip } from './rule';
import { makeFinding } from './findings';
import { isTotalLabel, norm, stripOrdinal } from './text';
import type { TableView } from './view';

export const FUNCTIONAL: ReadonlySet<TableType> = new Set([
  'income',
  'expenditure',
  'gpb_exp',
  'gf',
  'soe',
  'gf_income',
]);
export const ECONOMIC: ReadonlySet<TableType> = new Set(['gpb_basic_econ', 'gpb_econ_all']);
export const CODE_TABLES: readonly TableType[] = [...FUNCTIONAL, ...ECONOMIC];

/**
 * K1 / K2 need a code column. Without one there is no code to be malformed or orphaned; R1 reports a coded table
 * that lost its codes.
 */
export function hasCodeColumn(v: TableView): Skip | null {
  return v.groups.some((g) => g.kind === 'coded' && g.codeCol !== null)
    ? null
    : skip('没有科目编码列', 'no subject code column', true);
}

/** K1: well-formed subject codes (length and leading digit by classification, level as printed). */
export function checkCodesInTable(v: TableView, out: Finding[]): void {
  const t = v.table;
  const functional = FUNCTIONAL.has(t.type);
  const economic = ECONOMIC.has(t.type);
  if (!functional && !economic) return;
  for (const g of v.groups) {
    if (g.kind !== 'coded' || g.codeCol === null) continue;
    t.rows.forEach((row, r) => {
      const printed = norm(row.cells[g.codeCol!]?.text ?? '');
      // Split 类 | 款 | 项 cells: the code is the one the extractor joined from them.
      const raw = g === v.groups[0] && row.code && printed ? row.code : printed;
      if (!raw || isTotalLabel(raw) || !/^[0-9]+$/u.test(raw)) return;
      const okLen = functional ? /^(?:\d{3}|\d{5}|\d{7})$/u.test(raw) : /^(?:\d{3}|\d{5})$/u.test(raw);
      const okHead = functional
        ? raw.startsWith('2') || raw.startsWith('1')
        : raw.startsWith('3') || raw.startsWith('5');
      const lvl = row.level;
      const lvlOk =
        !lvl ||
        g !== v.groups[0] ||
        (lvl === '类' ? raw.length === 3 : lvl === '款' ? raw.length === 5 : raw.length === 7);
      if (okLen && okHead && lvlOk) return;
      out.push(
        makeFinding({
          rule: 'K1',
          severity: 'warning',
          zh: `${t.title} 科目编码 ${raw} 格式不正确${!lvlOk ? `（与级次「${lvl}」不符）` : ''}`,
          en: `${t.title}: subject code ${raw} is malformed${!lvlOk ? ` (does not match level ${lvl})` : ''}`,
          expected: null,
          actual: null,
          refs: [{ ref: { table: t.id, row: r, col: g.codeCol! }, key: `${t.id}:${raw}:code` }],
        }),
      );
    });
  }
}

/** K2: a listed 款 or 项 whose parent is not listed, in tables that list parents at all. */
export function checkParentsInTable(v: TableView, out: Finding[]): void {
  const t = v.table;
  const functional = FUNCTIONAL.has(t.type);
  if (!functional && !ECONOMIC.has(t.type)) return;
  const hasUpper = v.coded.some((e) => e.code && e.code.length < 7 && (functional || e.code.length < 5));
  if (!hasUpper) return;
  for (const e of v.coded) {
    if (!e.code || e.code.length === 3) continue;
    const parent = e.code.slice(0, e.code.length - 2);
    if (v.byCode.has(parent)) continue;
    out.push(
      makeFinding({
        rule: 'K2',
        severity: 'warning',
        zh: `${t.title} 列出了 ${e.code}，但缺少上级科目 ${parent}`,
        en: `${t.title} lists ${e.code} but not its parent ${parent}`,
        expected: null,
        actual: null,
        refs: [{ ref: { table: t.id, row: e.row, col: e.cols[0] ?? -1 }, key: `${t.id}:${e.code}:parent` }],
      }),
    );
  }
}

const nameKeys = new Map<string, string>();

function nameKey(s: string): string {
  let k = nameKeys.get(s);
  if (k === undefined) {
    k = readNameKey(s);
    if (nameKeys.size > 50_000) nameKeys.clear();
    nameKeys.set(s, k);
  }
  return k;
}

function readNameKey(s: string): string {
  return stripOrdinal(s)
    .replace(/[()（）]/gu, '')
    .replace(/支出$/u, '');
}

/** K3: one code, one name within the document (names are not unique, codes are). */
export function checkCodeNames(views: TableView[], ctx: RuleContext): void {
  const seen = new Map<string, { name: string; v: TableView; row: number; col: number }>();
  const reported = new Set<string>();
  for (const v of views) {
    if (!FUNCTIONAL.has(v.type) && !ECONOMIC.has(v.type)) continue;
    for (const e of v.coded) {
      if (!e.code || !e.label || e.label === e.code) continue;
      const key = `${e.code[0] === '2' ? 'f' : 'e'}${e.code}`;
      const first = seen.get(key);
      const col = v.groups[e.group]?.nameCol ?? -1;
      if (!first) {
        seen.set(key, { name: e.label, v, row: e.row, col });
        continue;
      }
      if (nameKey(first.name) === nameKey(e.label) || reported.has(key)) continue;
      reported.add(key);
      ctx.out.push(
        makeFinding({
          rule: 'K3',
          severity: 'warning',
          zh: `科目 ${e.code} 在${first.v.table.title}中名为「${first.name}」，在${v.table.title}中名为「${e.label}」`,
          en: `Code ${e.code} is named "${first.name}" in ${first.v.table.title} but "${e.label}" in ${v.table.title}`,
          expected: null,
          actual: null,
          refs: [
            {
              ref: { table: first.v.table.id, row: first.row, col: first.col },
              key: `${first.v.table.id}:${e.code}:name`,
            },
            { ref: { table: v.table.id, row: e.row, col }, key: `${v.table.id}:${e.code}:name` },
          ],
        }),
      );
    }
  }
}

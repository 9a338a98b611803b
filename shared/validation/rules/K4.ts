import type { TableType } from '../../model/document';
import { subjectNames, subjectsOf } from '../data/classification';
import { makeFinding } from '../findings';
import { defineRule, skip } from '../rule';
import { stripOrdinal } from '../text';

/**
 * K4: a code the year's 政府收支分类科目 lists is printed with the name of another subject (a row shifted against its
 * code, a name copied from the line above, a code typed wrong). Only 类 and 款 (3 and 5 digits) of the functional and
 * economic classifications are checked, against `data/classification.ts`; a code that listing does not cover for the
 * year is not judged.
 *
 * Spellings that name the same subject are accepted: brackets, punctuation and spaces, a 支出 / (类) / (款) suffix,
 * 的, a name cut short by the layout (either is a prefix of the other), any 其他… for a 其他… subject, and the
 * names the code had in neighbouring years when a rename's year is uncertain. A name the code had in another year
 * (文化体育与传媒 for 207 after its 2019 rename) still names the same subject and is accepted, unless that name
 * belongs in this year to another code (住房公积金 was 30311 until 2017 and is 30113 from 2018).
 */

/** Tables whose rows carry classification codes and their names. */
const CODED: ReadonlySet<TableType> = new Set([
  'income_expense_summary',
  'income',
  'expenditure',
  'fiscal_summary',
  'gpb_exp',
  'gpb_basic_econ',
  'gpb_econ_all',
  'gf_income',
  'gf',
  'soe',
  'op_cost',
]);

/** A subject name as compared: no list prefix, brackets, punctuation, 的, level marker or 支出/费用 suffix. */
export function subjectKey(name: string): string {
  return stripOrdinal(name)
    .replace(/[()（）[\]【】〔〕<>《》·•.,，、:：;；\-—_/]/gu, '')
    .replace(/(?:类|款|项)$/u, '')
    .replace(/的/gu, '')
    .replace(/(?:支出|费用)$/u, '');
}

/** Whether a printed name names the subject `expected` (see the rule's header for what is tolerated). */
export function namesSubject(printed: string, expected: string): boolean {
  const p = subjectKey(printed);
  const e = subjectKey(expected);
  if (!p || !e || p === e) return true;
  // "维修费" for "维修(护)费": the bracketed alternative left out.
  const bare = (s: string) => subjectKey(s.normalize('NFKC').replace(/\([^)]*\)/gu, ''));
  if (bare(printed) === bare(expected)) return true;
  const other = (s: string) => s.startsWith('其他');
  if (other(p) && other(e)) return true;
  // Cut by the layout: the printed name is the start of the subject's, or carries more after it ("…(款)").
  const [s, l] = p.length <= e.length ? [p, e] : [e, p];
  if (s.length >= 2 && l.startsWith(s) && other(p) === other(e)) return true;
  return false;
}

/** The code's name in another year, and no other code's name this year: an outdated name of the same subject. */
function formerName(code: string, printed: string, year: number): boolean {
  const ever = subjectNames(code, null) ?? [];
  if (!ever.some((n) => namesSubject(printed, n))) return false;
  const key = subjectKey(printed);
  return !subjectsOf(year).some((s) => s.code !== code && s.code[0] === code[0] && subjectKey(s.name) === key);
}

export default defineRule({
  scope: 'document',
  meta: {
    id: 'K4',
    family: 'codes',
    severity: 'warning',
    title: {
      zh: '科目编码与名称相符：编码在当年政府收支分类科目中对应的名称与所印名称一致',
      en: 'Subject code and name agree: the name printed for a code is that of the year’s classification',
    },
    tables: [...CODED],
    needs: { zh: '带科目编码和名称的表', en: 'a table printing subject codes with their names' },
  },
  applies({ units }) {
    const any = units.some((u) => u.all.some((v) => CODED.has(v.type) && v.coded.some((e) => e.code && e.label)));
    return any ? null : skip('没有带编码和名称的科目行', 'no row prints a subject code with its name', true);
  },
  check({ doc, units }, ctx) {
    const year = doc.meta.year;
    const reported = new Set<string>();
    for (const u of units) {
      for (const v of u.all) {
        if (!CODED.has(v.type)) continue;
        for (const e of v.coded) {
          const code = e.code;
          if (!code || (code.length !== 3 && code.length !== 5) || !e.label || e.label === code) continue;
          if (/^[0-9\s]+$/u.test(e.label)) continue;
          const names = subjectNames(code, year);
          if (!names || names.some((n) => namesSubject(e.label, n))) continue;
          if (year !== null && formerName(code, e.label, year)) continue;
          const key = `${v.table.id}:${code}`;
          if (reported.has(key)) continue;
          reported.add(key);
          const col = v.groups[e.group]?.nameCol ?? -1;
          const expected = names.join('」或「');
          ctx.out.push(
            makeFinding({
              rule: 'K4',
              severity: 'warning',
              zh: `${v.table.title} 科目 ${code} 印为「${e.label}」，${year ?? ''}${year ? '年' : ''}政府收支分类科目中 ${code} 为「${expected}」`,
              en: `${v.table.title}: code ${code} is printed as "${e.label}", but ${code} is "${names.join('" or "')}" in the ${year ?? ''}${year ? ' ' : ''}classification`,
              expected: null,
              actual: null,
              refs: [{ ref: { table: v.table.id, row: e.row, col }, key: `${v.table.id}:${code}:subject` }],
            }),
          );
        }
      }
    }
  },
});

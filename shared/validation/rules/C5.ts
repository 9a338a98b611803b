import type { ExtractedDocument, Narrative, Table } from '../../model/document';
import { makeFinding } from '../findings';
import { defineRule, skip } from '../rule';
import { norm } from '../text';

/**
 * C5: one unit throughout (DOMAIN.md §4.6). The cover, the headings of the explanation ("第二部分 X 2024年度部门决算表")
 * and the label line over every table (编制部门：/部门：/编制单位：/单位名称：) name the same department or unit. A table
 * labelled with another unit was copied from another document, or the document mixes two disclosures.
 *
 * Printed names vary legitimately, so names are compared by a key that drops what an abbreviation drops: the region
 * prefix (上海市普陀区, 江苏省, 区, 省), 中国共产党/中共, 委员会 → 委, 常委会, 人民, a 本级 suffix, brackets; and a name cut
 * by the layout (a prefix of four characters or more) or shortened to its tail (街道办事处 without 人民政府, five characters
 * or more) is the same name.
 */

const REGION = /^(?:[\u4e00-\u9fa5]{2,3}(?:省|自治区|特别行政区|市|区|县|旗)|[省市区县])/u;

/** The spelling an abbreviation keeps: 中国共产党/中共 dropped, 委员会 → 委, no 常委会, 人民 or 本级, no brackets. */
function spelled(name: string): string {
  return norm(name)
    .replace(/[()（）〔〕[\]【】·•.,，、:：;；]/gu, '')
    .replace(/^中国共产党/u, '中共')
    .replace(/(?:机关)?本级$/u, '')
    .replace(/^中共/u, '')
    .replace(/常务委员会/gu, '常委会')
    .replace(/委员会/gu, '委')
    .replace(/常委会/gu, '')
    .replace(/人民/gu, '');
}

/** The key two spellings of one unit share ("中国共产党江苏省委员会办公厅" and "省委办公厅" → "委办公厅"). */
export function unitKey(name: string): string {
  let t = spelled(name);
  for (let i = 0; i < 3; i++) {
    const next = t.replace(REGION, '');
    if (next === t || next.length < 2) break;
    t = next;
  }
  return t;
}

/** Whether two printed names are one unit (abbreviated, prefixed or cut by the layout). */
export function sameUnit(a: string, b: string): boolean {
  const ka = unitKey(a);
  const kb = unitKey(b);
  if (!ka || !kb) return true;
  if (ka === kb) return true;
  // "万里街道办事处" for "上海市普陀区人民政府万里街道办事处": the shorter name is the tail of the longer.
  const [sk, lk] = ka.length <= kb.length ? [ka, kb] : [kb, ka];
  if (sk.length >= 5 && lk.endsWith(sk)) return true;
  // A label cut by the layout ("中国共产党江苏省委员会办") names no other unit.
  for (const [x, y] of [
    [norm(a), norm(b)],
    [spelled(a), spelled(b)],
  ] as const) {
    const [s, l] = x.length <= y.length ? [x, y] : [y, x];
    if (s.length >= 4 && l.startsWith(s)) return true;
  }
  return false;
}

/** The last character of a unit's name: 局, 厅, 院, 办公室, 委员会, 中心, 街道办事处, 学校… */
const UNIT_END = /[局厅院室处会委部心所站队办馆社校府团行署园组台场司庭]$/u;
const NAME = '([\\u4e00-\\u9fa5A-Za-z0-9()（）]{2,40}?)';
const YEAR_KIND = '20\\d{2}年度?(?:区级|省级|市级|县级)?(?:部门|单位)(?:预算|决算)';
/** "第三部分 X 2024年度部门决算情况说明" (a heading, also listed in the contents). */
const PART_HEADING = new RegExp(`第[一二三四五六七八九十]+部分${NAME}${YEAR_KIND}`, 'gu');
/** A line that starts with the name: the cover, the heading over the table set. */
const LINE_HEADING = new RegExp(`^${NAME}${YEAR_KIND}`, 'u');
/** Cover labels: "预算主管部门：上海市普陀区司法局", "部门：中共江苏省委办公厅". */
const COVER_LABEL =
  /(?:预算主管部门|主管部门|编制部门|编制单位|部门名称|单位名称|预算单位|部门|单位)[:：]([\u4e00-\u9fa5A-Za-z0-9()（）]{2,40})/gu;

function plausible(name: string): boolean {
  return UNIT_END.test(name) && !/表|说明|情况|部分|目录/u.test(name) && unitKey(name).length >= 2;
}

interface Sighting {
  name: string;
  where: 'cover' | 'text';
  page: number;
}

// The text does not change while a reviewer edits tables: what is read off it is kept per narrative array.
const sightings = new WeakMap<readonly Narrative[], Sighting[]>();
const joined = new WeakMap<readonly Narrative[], string>();

function narrativeText(narr: readonly Narrative[]): string {
  let t = joined.get(narr);
  if (t === undefined) {
    t = norm(narr.map((n) => n.text).join(''));
    joined.set(narr, t);
  }
  return t;
}

/** Unit names the cover and the explanation's headings print. */
export function unitNamesInText(doc: ExtractedDocument): Sighting[] {
  const narr = doc.narrative ?? [];
  if (narr.length === 0) return [];
  let found = sightings.get(narr);
  if (!found) {
    found = readSightings(narr);
    sightings.set(narr, found);
  }
  return found;
}

function readSightings(narr: readonly Narrative[]): Sighting[] {
  const first = Math.min(...narr.map((n) => n.page));
  const out: Sighting[] = [];
  const add = (raw: string, where: Sighting['where'], page: number) => {
    const name = norm(raw);
    if (plausible(name)) out.push({ name, where, page });
  };
  const cover = narr
    .filter((n) => n.page === first)
    .map((n) => norm(n.text))
    .join('\n');
  const head = LINE_HEADING.exec(cover.replace(/\n/gu, ''));
  if (head) add(head[1]!, 'cover', first);
  for (const m of cover.matchAll(COVER_LABEL)) {
    const value = m[1]!.replace(/(?:单位|金额单位)$/u, '');
    add(value, 'cover', first);
  }
  for (const n of narr) {
    const t = norm(n.text);
    if (n.page !== first) {
      const line = LINE_HEADING.exec(t);
      if (line) add(line[1]!, 'text', n.page);
    }
    for (const m of t.matchAll(PART_HEADING)) add(m[1]!, 'text', n.page);
  }
  return out;
}

function labelsOf(t: Table): string[] {
  return [t.department, t.unitName].filter((s): s is string => !!s && unitKey(s).length >= 2);
}

function majority(names: string[]): string | null {
  const groups: { name: string; n: number }[] = [];
  for (const name of names) {
    const g = groups.find((x) => sameUnit(x.name, name));
    if (g) g.n++;
    else groups.push({ name, n: 1 });
  }
  groups.sort((a, b) => b.n - a.n);
  return groups[0] && (groups.length === 1 || groups[0].n > groups[1]!.n) ? groups[0].name : null;
}

/** The unit the document is about: the metadata's department, else the name most tables carry, else the cover's. */
export function documentUnit(doc: ExtractedDocument, text: Sighting[]): string | null {
  if (doc.meta.department && unitKey(doc.meta.department).length >= 2) return doc.meta.department;
  return majority(doc.tables.flatMap(labelsOf)) ?? text.find((s) => s.where === 'cover')?.name ?? null;
}

export default defineRule({
  scope: 'document',
  meta: {
    id: 'C5',
    family: 'completeness',
    severity: 'warning',
    title: {
      zh: '单位名称前后一致：封面、表头编制单位、说明标题所列单位相同',
      en: 'One unit throughout: the cover, the tables’ unit lines and the explanation’s headings name the same unit',
    },
    tables: [],
    needs: { zh: '文档单位名称（封面或表头）', en: 'the document’s unit name (cover or table labels)' },
  },
  applies({ doc }) {
    const text = unitNamesInText(doc);
    return documentUnit(doc, text) ? null : skip('未识别出文档的单位名称', 'no unit name was found for the document');
  },
  check({ doc }, ctx) {
    const text = unitNamesInText(doc);
    const unit = documentUnit(doc, text);
    if (!unit) return;
    const narrText = doc.narrative ? narrativeText(doc.narrative) : '';
    const listed = norm(
      doc.tables
        .filter((t) => t.type === 'other')
        .flatMap((t) => t.rows.flatMap((r) => r.cells.map((c) => c.text)))
        .join('|'),
    );
    const codes = new Set(doc.tables.map((t) => t.unitCode).filter((c): c is string => !!c));
    const allLabels = doc.tables.flatMap(labelsOf);
    for (const t of doc.tables) {
      for (const label of labelsOf(t)) {
        if (sameUnit(label, unit)) continue;
        if (codes.size > 1 && t.unitCode) {
          // A sub-unit's section: its tables agree with each other (same code), not with the department.
          const own = majority(doc.tables.filter((x) => x.unitCode === t.unitCode).flatMap(labelsOf));
          if (own && sameUnit(own, label)) continue;
        } else {
          // A sub-unit's own table set, or a unit the explanation or the unit list names.
          if (allLabels.filter((l) => sameUnit(l, label)).length >= 3) continue;
          const n = norm(label);
          if (n.length >= 4 && (narrText.includes(n) || listed.includes(n))) continue;
        }
        ctx.out.push(
          makeFinding({
            rule: 'C5',
            severity: 'warning',
            zh: `${t.title} 标注的单位「${label}」与文档单位「${unit}」不一致`,
            en: `${t.title} is labelled with the unit "${label}", not the document's "${unit}"`,
            expected: null,
            actual: null,
            refs: [{ ref: { table: t.id, row: -1, col: -1 }, key: `${t.id}:unit` }],
          }),
        );
        break;
      }
    }
    const known = [unit, ...allLabels, ...doc.meta.units.map((u) => u.name).filter(Boolean)];
    const reported = new Set<string>();
    for (const s of text) {
      if (known.some((k) => sameUnit(k, s.name))) continue;
      const key = unitKey(s.name);
      if (reported.has(key)) continue;
      reported.add(key);
      const where = s.where === 'cover' ? { zh: '封面', en: 'The cover' } : { zh: '说明标题', en: 'A heading' };
      ctx.out.push(
        makeFinding({
          rule: 'C5',
          severity: 'warning',
          zh: `${where.zh}（第 ${s.page} 页）所列单位「${s.name}」与文档单位「${unit}」不一致`,
          en: `${where.en} (page ${s.page}) names the unit "${s.name}", not the document's "${unit}"`,
          expected: null,
          actual: null,
          refs: [],
          discriminator: `${s.where}|${key}`,
        }),
      );
    }
  },
});

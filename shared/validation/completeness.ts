import type { ExtractedDocument, Finding, Narrative, Table, TableType } from '../model/document';
import { parseNarrative } from './narrative';
import type { RuleContext } from './context';
import { makeFinding } from './findings';
import type { UnitTables } from './rules-cross';
import { norm } from './text';
import { isZeroTable, type TableView } from './view';

/** Core tables by 财预〔2016〕143号 (budget) and the MoF 公开01–09 set (final accounts). */
const REQUIRED: Record<'budget' | 'final', TableType[]> = {
  budget: [
    'income_expense_summary',
    'income',
    'expenditure',
    'fiscal_summary',
    'gpb_exp',
    'gpb_basic_econ',
    'three_public',
    'gf',
  ],
  final: [
    'income_expense_summary',
    'income',
    'expenditure',
    'fiscal_summary',
    'gpb_exp',
    'gpb_basic_econ',
    'three_public',
    'gf',
    'soe',
  ],
};

const TYPE_ZH: Partial<Record<TableType, string>> = {
  income_expense_summary: '收支总表',
  income: '收入总表',
  expenditure: '支出总表',
  fiscal_summary: '财政拨款收支总表',
  gpb_exp: '一般公共预算支出表',
  gpb_basic_econ: '一般公共预算基本支出表',
  three_public: '“三公”经费支出表',
  gf: '政府性基金预算支出表',
  soe: '国有资本经营预算支出表',
};

/**
 * The printed explanation of an empty table: 本表无数据 / 空表列示 / 没有使用…安排的支出 (S0, S3, S2), …安排的收支 (S1:L395),
 * 本部门无相关收支项目 (Jiangsu 2018–2019), "(无政府性基金支出)" under the grid (Jiangsu 2017).
 */
const EMPTY_NOTE =
  /本表无数据|空表|无数据|没有使用.{0,30}(?:安排的)?(?:支出|收支|收入)|本(?:单位|部门)(?:没有|无).{0,20}(?:支出|经费|收入|预算|收支)|不涉及|[(（](?:无|没有)[^()（）]{0,20}(?:支出|收入|预算|经费)[)）]/u;

/** Document kind from the metadata, else from the titles (决算 / 预算). */
export function kindOf(doc: ExtractedDocument): 'budget' | 'final' | null {
  if (doc.meta.kind) return doc.meta.kind;
  let b = 0;
  let f = 0;
  for (const t of doc.tables) {
    if (/决算/u.test(t.title)) f++;
    else if (/预算/u.test(t.title)) b++;
  }
  return f > b ? 'final' : b > 0 ? 'budget' : null;
}

function hasData(v: TableView): boolean {
  return v.groups.some((g) => g.entries.some((e) => e.amounts.some((a) => a !== null)));
}

const CLAIMS: [RegExp, TableType][] = [
  [/(?:没有|无|未)(?:使用)?政府性基金(?:预算)?(?:财政)?拨款?(?:安排的)?支出/u, 'gf'],
  [/(?:没有|无|未)(?:使用)?国有资本经营(?:预算)?(?:财政)?拨款?(?:安排的)?支出/u, 'soe'],
  [/本(?:单位|部门)无三公经费/u, 'three_public'],
];

const SECTIONS: [RegExp, string, string][] = [
  [/三公/u, '“三公”经费说明', 'explanation of the “three public” costs'],
  [/机关运行经费/u, '机关运行经费', 'operating costs of the organs'],
  [/政府采购/u, '政府采购', 'government procurement'],
  [/国有资产|资产占用|车辆/u, '国有资产占用', 'state-owned assets'],
  [/绩效/u, '绩效目标/绩效评价', 'performance targets / evaluation'],
];

const DETAILS: [RegExp, string, string][] = [
  [/团组|出国.{0,20}人次/u, '出国团组数及人次', 'number of delegations and persons abroad'],
  [/购置.{0,20}辆|保有/u, '公务用车购置数及保有量', 'vehicles bought and held'],
  [/接待.{0,30}(?:批次|人次)/u, '公务接待批次及人次', 'receptions and persons received'],
];

const THREE_PUBLIC = /三公/u;
const tested = new WeakMap<readonly Narrative[], Map<RegExp, boolean>>();

/** Regex tests over the whole explanation, remembered per narrative array (it changes only on re-extraction). */
function has(narr: readonly Narrative[], text: string, re: RegExp): boolean {
  let m = tested.get(narr);
  if (!m) {
    m = new Map();
    tested.set(narr, m);
  }
  let r = m.get(re);
  if (r === undefined) {
    r = re.test(text);
    m.set(re, r);
  }
  return r;
}

const EMPTY_NARR: Narrative[] = [];
const perTable = new WeakMap<Table, { narr: readonly Narrative[]; findings: Finding[] }>();

/** Table types that make a document a budget / final-accounts disclosure the rules can check. */
const NOT_STANDARD = new Set(['other', 'performance']);

/**
 * C0: nothing to check is not "no problems". A document in which no standard table was read (a scan without OCR,
 * a file that is no disclosure, a layout the engine cannot read) gets an error, so it cannot be signed off unread.
 */
/**
 * C0 also where some tables were read but pages that are images only (scanned inserts) hold none: what is printed
 * there has not been checked, and a sign-off would say it had.
 */
function checkImagePages(doc: ExtractedDocument, ctx: RuleContext): void {
  const onTables = new Set(doc.tables.flatMap((t) => t.pages));
  const unread = (doc.notices ?? [])
    .filter((n) => n.code === 'image-only' && n.page !== null && !onTables.has(n.page))
    .map((n) => n.page!);
  if (unread.length === 0) return;
  const list = unread.length > 8 ? `${unread.slice(0, 8).join('、')} 等` : unread.join('、');
  ctx.out.push(
    makeFinding({
      rule: 'C0',
      severity: 'error',
      zh: `第 ${list} 页只有图像（扫描件），其中的表格未经读取和核对；请用 OCR 读取或确认这些页不含表格后豁免`,
      en: `Page${unread.length > 1 ? 's' : ''} ${unread.slice(0, 8).join(', ')}${unread.length > 8 ? ', …' : ''} are images only (scanned): any table there was neither read nor checked; read them with OCR, or waive this once you have seen they hold no table`,
      expected: null,
      actual: null,
      refs: [],
      discriminator: `image-pages|${unread.join(',')}`,
    }),
  );
}

export function checkSomethingChecked(doc: ExtractedDocument, ctx: RuleContext): void {
  if (doc.tables.some((t) => !NOT_STANDARD.has(t.type))) return checkImagePages(doc, ctx);
  const images = (doc.pageInfo ?? []).filter((p) => !p.hasText).length;
  const pages = doc.source.pages;
  const why =
    images > 0
      ? {
          zh: `${images} / ${pages} 页只有图像（扫描件），没有文字层，需 OCR 才能读取`,
          en: `${images} of ${pages} pages are images only (a scan, no text layer) and need OCR`,
        }
      : { zh: '文档中没有可识别的预决算表格', en: 'no budget or final-accounts table could be recognised in it' };
  ctx.out.push(
    makeFinding({
      rule: 'C0',
      severity: 'error',
      zh: `未识别出任何标准表，本文档未经核对：${why.zh}`,
      en: `No standard table was read, so this document has not been checked: ${why.en}`,
      expected: null,
      actual: null,
      refs: [],
      discriminator: 'nothing-checked',
    }),
  );
}

/** C1: every core table of the document's kind is printed, per unit. */
export function checkTablesPresent(units: UnitTables[], ctx: RuleContext): void {
  if (ctx.kind) {
    for (const u of units) {
      for (const type of REQUIRED[ctx.kind]) {
        if (u.byType.has(type)) continue;
        ctx.out.push(
          makeFinding({
            rule: 'C1',
            severity: 'warning',
            zh: `缺少标准表：${TYPE_ZH[type] ?? type}${u.unit ? `（单位 ${u.unit}）` : ''}`,
            en: `Standard table missing: ${type}${u.unit ? ` (unit ${u.unit})` : ''}`,
            expected: null,
            actual: null,
            refs: [],
            discriminator: `${u.unit}|${type}`,
          }),
        );
      }
    }
  }
}

/** C2: an empty table carries its note, a note of no data sits on an empty table, text saying "none" has a zero table. */
export function checkEmptyTables(doc: ExtractedDocument, units: UnitTables[], ctx: RuleContext): void {
  const narrative = doc.narrative ?? EMPTY_NARR;
  const narrText = parseNarrative(narrative).text;
  for (const u of units) {
    for (const v of u.all) {
      const t = v.table;
      if (t.type === 'other' || t.type === 'performance') continue;
      const cached = perTable.get(t);
      if (cached && cached.narr === narrative) {
        ctx.out.push(...cached.findings);
        continue;
      }
      const mark = ctx.out.length;
      const own = [t.emptyNote ?? '', ...t.rows.flatMap((r) => r.cells.map((c) => c.text)), ...t.header.flat()].join(
        ' ',
      );
      const pageText = narrative
        .filter((n) => t.pages.includes(n.page))
        .map((n) => n.text)
        .join('\n');
      const noted = EMPTY_NOTE.test(norm(own)) || EMPTY_NOTE.test(norm(pageText));
      const empty = t.empty === true || !hasData(v);
      // A grid of 0.00 says no more than a blank one: S0/S1 print their unused fund tables so, with the note.
      const zero = !empty && isZeroTable(v);
      const ref = { table: t.id, row: -1, col: -1 };
      if ((empty || zero) && !noted) {
        ctx.out.push(
          makeFinding({
            rule: 'C2',
            severity: 'warning',
            zh: zero
              ? `${t.title} 金额全为零，但未注明“本表无数据”等说明`
              : `${t.title} 为空表，但未注明“本表无数据”等说明`,
            en: zero
              ? `${t.title} prints only zeros but carries no explanation (e.g. 本表无数据)`
              : `${t.title} is empty but carries no explanation (e.g. 本表无数据)`,
            expected: null,
            actual: null,
            refs: [{ ref, key: `${t.id}:empty` }],
          }),
        );
      }
      if (t.emptyNote && EMPTY_NOTE.test(norm(t.emptyNote)) && !isZeroTable(v)) {
        ctx.out.push(
          makeFinding({
            rule: 'C2',
            severity: 'warning',
            zh: `${t.title} 注明无数据，但表中有非零金额`,
            en: `${t.title} says it has no data but prints non-zero amounts`,
            expected: null,
            actual: null,
            refs: [{ ref, key: `${t.id}:note` }],
          }),
        );
      }
      perTable.set(t, { narr: narrative, findings: ctx.out.slice(mark) });
    }
    // Text saying a fund was not used needs a zero table.
    for (const [re, type] of CLAIMS) {
      const v = u.byType.get(type);
      if (!v || !has(narrative, narrText, re) || isZeroTable(v)) continue;
      ctx.out.push(
        makeFinding({
          rule: 'C2',
          severity: 'warning',
          zh: `说明称无此项支出，但${v.table.title}有非零金额`,
          en: `The explanation says there is no such expenditure, but ${v.table.title} prints non-zero amounts`,
          expected: 0,
          actual: null,
          refs: [{ ref: { table: v.table.id, row: -1, col: -1 }, key: `${v.table.id}:claim` }],
        }),
      );
    }
  }
}

/** C3: the explanation has its required sections (only judged on an explanation of some length). */
export function checkSections(doc: ExtractedDocument, ctx: RuleContext): void {
  const narrative = doc.narrative ?? EMPTY_NARR;
  const narrText = parseNarrative(narrative).text;
  if (narrText.length < 200) return;
  for (const [re, zh, en] of SECTIONS) {
    if (has(narrative, narrText, re)) continue;
    ctx.out.push(
      makeFinding({
        rule: 'C3',
        severity: 'warning',
        zh: `说明中缺少“${zh}”部分`,
        en: `The explanation has no section on ${en}`,
        expected: null,
        actual: null,
        refs: [],
        discriminator: zh,
      }),
    );
  }
}

/** C4: a final account's 三公 explanation gives the number of groups abroad, vehicles and receptions. */
export function checkThreePublicDetails(doc: ExtractedDocument, ctx: RuleContext): void {
  const narrative = doc.narrative ?? EMPTY_NARR;
  const narrText = parseNarrative(narrative).text;
  if (ctx.kind === 'final' && has(narrative, narrText, THREE_PUBLIC)) {
    for (const [re, zh, en] of DETAILS) {
      if (has(narrative, narrText, re)) continue;
      ctx.out.push(
        makeFinding({
          rule: 'C4',
          severity: 'warning',
          zh: `决算“三公”说明未给出${zh}`,
          en: `The final-accounts “three public” explanation omits the ${en}`,
          expected: null,
          actual: null,
          refs: [],
          discriminator: zh,
        }),
      );
    }
  }
}

import type { CellRef, ExtractedDocument, Finding, Severity } from '../model/document';
import type { Addend } from '../validation/context';
import { makeFinding } from '../validation/findings';
import { candidatesFor, parseNarrative, type ChangeClaim } from '../validation/narrative';
import { cell, groupByUnit, type UnitTables } from '../validation/rules-cross';
import { norm, stripOrdinal } from '../validation/text';
import { slotOf } from '../validation/view';
import { figureIndex, figureKey, figuresOf, type Figure } from './figures';
import { identityOf, sameDepartment, type DepartmentMatch, type DocumentIdentity } from './identity';

/**
 * Two documents of one department read against each other:
 *  - F1: a 决算's 年初预算数 / 预算数 columns against the year's budget document, line by line and measure by measure;
 *  - Y1: a budget's 上年 columns ("上年预算数", "2017年预算数") against last year's document;
 *  - Y2: a budget's change sentences ("比上年增加 X 万元") — this year's figure less the change is last year's —
 *    against the figure last year's document printed for the same subject;
 *  - D1: the two documents are not of one department, or not of consecutive years (nothing else is compared).
 * Each difference is a Finding; `sides` holds the cells on each side (`refs` repeats side b's, the document checked).
 */
export type Relation = 'budget-final' | 'year-over-year' | 'unrelated';

export interface CompareFinding extends Finding {
  sides: { a: CellRef[]; b: CellRef[] };
  /** Pages the figures are printed on, per side (a sentence has a page but no cell). */
  pages: { a: number[]; b: number[] };
}

export interface CheckTally {
  rule: 'F1' | 'Y1' | 'Y2';
  /** Figures (or sentences) with a counterpart on the other side. */
  compared: number;
  agreed: number;
  /** Figures (or sentences) with nothing to compare with on the other side. */
  unmatched: number;
}

/** One figure (or sentence) of b read against a: what was compared, both values, and where each is printed. */
export interface Comparison {
  rule: 'F1' | 'Y1' | 'Y2';
  /** The line and measure, or the sentence's subject. */
  label: string;
  /** b's figure for the reference year (a 决算's 年初预算数, a 上年 column, this year's figure less the change). */
  bCents: number;
  /** a's figure nearest to it; null when a prints nothing to compare with. */
  aCents: number | null;
  agreed: boolean;
  a: { ref: CellRef | null; page: number | null };
  b: { ref: CellRef | null; page: number | null };
}

export interface CompareResult {
  /** The reference document: the budget, or last year's. */
  a: DocumentIdentity;
  /** The document checked against it: the 决算, or this year's. */
  b: DocumentIdentity;
  /** True when the arguments were given the other way round and were put in order. */
  swapped: boolean;
  relation: Relation;
  department: DepartmentMatch;
  findings: CompareFinding[];
  tallies: CheckTally[];
  comparisons: Comparison[];
}

function wan(cents: number): string {
  return (cents / 100).toFixed(2);
}

interface Draft {
  rule: string;
  severity: Severity;
  zh: string;
  en: string;
  expected: number | null;
  actual: number | null;
  a: { refs: CellRef[]; pages: number[] };
  b: { refs: CellRef[]; pages: number[] };
  discriminator: string;
}

function finding(d: Draft): CompareFinding {
  const key = (side: string, r: CellRef) => ({ ref: r, key: `${side}:${r.table}:${r.row}:${r.col}` });
  const base = makeFinding({
    rule: d.rule,
    severity: d.severity,
    zh: d.zh,
    en: d.en,
    expected: d.expected,
    actual: d.actual,
    refs: [...d.a.refs.map((r) => key('a', r)), ...d.b.refs.map((r) => key('b', r))],
    discriminator: d.discriminator,
  });
  return {
    ...base,
    refs: d.b.refs,
    sides: { a: d.a.refs, b: d.b.refs },
    pages: { a: [...new Set(d.a.pages)], b: [...new Set(d.b.pages)] },
  };
}

function agreesCents(x: number, y: number, loose: boolean): boolean {
  return loose ? Math.abs(x - y) <= 1 : x === y;
}

function nearest(list: readonly Figure[], cents: number): Figure {
  return list.reduce((p, q) => (Math.abs(q.cents - cents) < Math.abs(p.cents - cents) ? q : p));
}

interface Sink {
  findings: CompareFinding[];
  comparisons: Comparison[];
}

/** Figures of `b` on basis `bBasis` against `a`'s own figures of the same table type, line and measure. */
function compareFigures(
  rule: 'F1' | 'Y1',
  a: ExtractedDocument,
  b: ExtractedDocument,
  bBasis: 'budget' | 'prior',
  out: Sink,
): CheckTally {
  const tally: CheckTally = { rule, compared: 0, agreed: 0, unmatched: 0 };
  const ref = figureIndex(figuresOf(a), 'current');
  const seen = new Set<string>();
  for (const f of figuresOf(b)) {
    if (f.basis !== bBasis) continue;
    const k = figureKey(f);
    if (seen.has(`${k}|${f.cents}`)) continue;
    seen.add(`${k}|${f.cents}`);
    const what = `${f.tableTitle}「${f.lineName}」${f.column}`;
    const list = ref.get(k);
    if (!list) {
      tally.unmatched++;
      out.comparisons.push({
        rule,
        label: what,
        bCents: f.cents,
        aCents: null,
        agreed: false,
        a: { ref: null, page: null },
        b: { ref: f.ref, page: f.page },
      });
      continue;
    }
    tally.compared++;
    const hit = list.find((x) => agreesCents(x.cents, f.cents, x.fromYuan || f.fromYuan));
    const n = hit ?? nearest(list, f.cents);
    out.comparisons.push({
      rule,
      label: what,
      bCents: f.cents,
      aCents: n.cents,
      agreed: !!hit,
      a: { ref: n.ref, page: n.page },
      b: { ref: f.ref, page: f.page },
    });
    if (hit) {
      tally.agreed++;
      continue;
    }
    out.findings.push(
      finding({
        rule,
        severity: 'warning',
        zh:
          rule === 'F1'
            ? `决算${what} ${wan(f.cents)} 万元与年初预算（${n.tableTitle}）${wan(n.cents)} 万元不符`
            : `${what} ${wan(f.cents)} 万元与上年文件（${n.tableTitle}）${wan(n.cents)} 万元不符`,
        en:
          rule === 'F1'
            ? `The final account's ${what} ${wan(f.cents)} differs from the budget document's ${wan(n.cents)} (${n.tableTitle})`
            : `Last year's figure ${what} ${wan(f.cents)} differs from last year's document: ${wan(n.cents)} (${n.tableTitle})`,
        expected: n.cents / 100,
        actual: f.cents / 100,
        a: { refs: [n.ref], pages: n.page ? [n.page] : [] },
        b: { refs: [f.ref], pages: f.page ? [f.page] : [] },
        discriminator: k,
      }),
    );
  }
  return tally;
}

function candidates(subject: string, doc: ExtractedDocument, units: readonly UnitTables[]): Addend[] {
  const out: Addend[] = [];
  for (const u of units) out.push(...(candidatesFor(subject, u)?.list ?? []));
  if (out.length) return out;
  const fee = /会议费|培训费/u.exec(subject)?.[0];
  return fee ? feeColumn(doc, fee) : itemByName(subject, units);
}

/** Jiangsu's "三公"经费、会议费、培训费 table prints 会议费 and 培训费 as columns of its one line. */
function feeColumn(doc: ExtractedDocument, fee: string): Addend[] {
  return figuresOf(doc)
    .filter((f) => f.tableType === 'three_public' && f.basis === 'current' && norm(f.column).endsWith(fee))
    .map((f) => ({ cents: f.cents, ref: { ref: f.ref, key: `${f.ref.table}:${fee}` } }));
}

const bare = (s: string) =>
  stripOrdinal(s)
    .replace(/^\d+[.、]/u, '')
    .replace(/支出$/u, '');

/**
 * "人大事务(款)其他人大事务(项)支出" when the table prints the 项 as "其他人大事务支出", or "…(类)住房公积金(项)" with
 * the 款 mislabelled 类: the 项 by its name (支出 or not) under a 款 of that name, in the 功能分类 tables.
 */
function itemByName(subject: string, units: readonly UnitTables[]): Addend[] {
  const m = /([^()（）]+)[(（](?:款|类)[)）]([^()（）]+)[(（]项[)）]/u.exec(norm(subject));
  if (!m) return [];
  const kuan = bare(m[1]!.split(/[(（]类[)）]/u).pop()!);
  const xiang = bare(m[2]!);
  const out: Addend[] = [];
  for (const u of units)
    for (const t of ['gpb_exp', 'expenditure'] as const) {
      const v = u.byType.get(t);
      const g = v?.groups[0];
      if (!v || !g) continue;
      const slot = slotOf(g, 'total');
      if (slot < 0) continue;
      for (const e of v.coded) {
        if (!e.code || e.code.length !== 7 || bare(e.label) !== xiang) continue;
        const parent = v.byCode.get(e.code.slice(0, 5))?.[0];
        if (parent && bare(parent.label) !== kuan) continue;
        const a = cell(v, e, slot);
        if (a) out.push(a);
      }
    }
  return out;
}

function pageOf(doc: ExtractedDocument, r: CellRef): number | null {
  return doc.tables.find((t) => t.id === r.table)?.rows[r.row]?.cells[r.col]?.page ?? null;
}

/** Y2: each change sentence of `b`: this year's figure less the change against the figure `a` printed for it. */
function compareChanges(a: ExtractedDocument, b: ExtractedDocument, out: Sink): CheckTally {
  const tally: CheckTally = { rule: 'Y2', compared: 0, agreed: 0, unmatched: 0 };
  if (!b.narrative?.length) return tally;
  const aUnits = groupByUnit(a.tables);
  const bUnits = groupByUnit(b.tables);
  const aLoose = a.tables.some((t) => t.moneyUnit === '元');
  const seen = new Set<string>();
  for (const c of parseNarrative(b.narrative).changes) {
    const prior = c.currentCents - c.deltaCents;
    const k = `${c.subject}|${c.currentCents}|${c.deltaCents}`;
    if (seen.has(k)) continue;
    seen.add(k);
    const list = candidates(c.subject, a, aUnits);
    if (list.length === 0) {
      // "比上年增加 X 万元" of a line new this year: last year's document has no line for it, and none is owed.
      const fresh = prior === 0;
      if (fresh) {
        tally.compared++;
        tally.agreed++;
      } else tally.unmatched++;
      out.comparisons.push({
        rule: 'Y2',
        label: c.subject,
        bCents: prior,
        aCents: null,
        agreed: fresh,
        a: { ref: null, page: null },
        b: { ref: null, page: c.page },
      });
      continue;
    }
    tally.compared++;
    // A 元 table's figure rounds to 万元; a sentence in 元 states its figures to the 元.
    const loose = aLoose || c.current.unit !== '万元';
    const hit = list.find((x) => agreesCents(x.cents, prior, loose));
    const n = hit ?? list.reduce((p, q) => (Math.abs(q.cents - prior) < Math.abs(p.cents - prior) ? q : p));
    const aPage = pageOf(a, n.ref.ref);
    out.comparisons.push({
      rule: 'Y2',
      label: c.subject,
      bCents: prior,
      aCents: n.cents,
      agreed: !!hit,
      a: { ref: n.ref.ref, page: aPage },
      b: { ref: null, page: c.page },
    });
    if (hit) {
      tally.agreed++;
      continue;
    }
    const here = candidates(c.subject, b, bUnits).filter((x) => agreesCents(x.cents, c.currentCents, true));
    out.findings.push(
      finding({
        rule: 'Y2',
        severity: 'warning',
        zh: `说明称「${c.subject}」${changeText(c)}，推出上年为 ${wan(prior)} 万元；上年文件为 ${wan(n.cents)} 万元`,
        en: `The text says "${c.subject}" ${wan(c.currentCents)} changed by ${wan(c.deltaCents)}, so last year was ${wan(prior)}; last year's document prints ${wan(n.cents)}`,
        expected: n.cents / 100,
        actual: prior / 100,
        a: { refs: [n.ref.ref], pages: aPage ? [aPage] : [] },
        b: {
          refs: here.map((x) => x.ref.ref),
          pages: [c.page, ...here.map((x) => pageOf(b, x.ref.ref)).filter((p): p is number => p !== null)],
        },
        discriminator: k,
      }),
    );
  }
  return tally;
}

function changeText(c: ChangeClaim): string {
  const d = c.deltaCents;
  return `${wan(c.currentCents)} 万元，比上年${d >= 0 ? '增加' : '减少'} ${wan(Math.abs(d))} 万元`;
}

function identityFinding(zh: string, en: string, a: DocumentIdentity, b: DocumentIdentity): CompareFinding {
  return finding({
    rule: 'D1',
    severity: 'warning',
    zh,
    en,
    expected: null,
    actual: null,
    a: { refs: [], pages: [] },
    b: { refs: [], pages: [] },
    discriminator: `${a.id}|${b.id}`,
  });
}

/** Which document is the reference: the budget before its 决算, the earlier year before the later. */
function ordered(x: DocumentIdentity, y: DocumentIdentity): boolean {
  if (x.year !== null && y.year !== null && x.year !== y.year) return x.year < y.year;
  if (x.kind !== y.kind) return x.kind !== 'final';
  return true;
}

export function compareDocuments(first: ExtractedDocument, second: ExtractedDocument): CompareResult {
  const i1 = identityOf(first);
  const i2 = identityOf(second);
  const swapped = !ordered(i1, i2);
  const [a, b] = swapped ? [second, first] : [first, second];
  const [ia, ib] = swapped ? [i2, i1] : [i1, i2];
  const department = sameDepartment(ia, ib);
  const findings: CompareFinding[] = [];
  const tallies: CheckTally[] = [];
  const sink: Sink = { findings, comparisons: [] };
  let relation: Relation = 'unrelated';
  if (ia.year !== null && ia.year === ib.year && ia.kind === 'budget' && ib.kind === 'final') relation = 'budget-final';
  else if (ia.year !== null && ib.year !== null && ib.year === ia.year + 1 && ib.kind === 'budget')
    relation = 'year-over-year';

  if (!department.same)
    findings.push(
      identityFinding(
        `两份文件不是同一部门：「${ia.department ?? '未识别'}」与「${ib.department ?? '未识别'}」`,
        `The documents are not of one department: "${ia.department ?? 'unknown'}" and "${ib.department ?? 'unknown'}"`,
        ia,
        ib,
      ),
    );
  if (relation === 'unrelated')
    findings.push(
      identityFinding(
        `无可比对的关系：${ia.year ?? '?'}年${kindZh(ia.kind)}与${ib.year ?? '?'}年${kindZh(ib.kind)}（需同年预算与决算，或相邻两年的预算）`,
        `Nothing to compare: ${ia.year ?? '?'} ${ia.kind ?? '?'} and ${ib.year ?? '?'} ${ib.kind ?? '?'} (needs a budget and its final account, or budgets of consecutive years)`,
        ia,
        ib,
      ),
    );
  if (department.same && relation === 'budget-final') tallies.push(compareFigures('F1', a, b, 'budget', sink));
  if (department.same && relation === 'year-over-year') {
    tallies.push(compareFigures('Y1', a, b, 'prior', sink));
    tallies.push(compareChanges(a, b, sink));
  }
  return { a: ia, b: ib, swapped, relation, department, findings, tallies, comparisons: sink.comparisons };
}

function kindZh(k: DocumentIdentity['kind']): string {
  return k === 'final' ? '决算' : k === 'budget' ? '预算' : '文件';
}

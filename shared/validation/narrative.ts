import type { Narrative } from '../model/document';
import { checkEqual, trace, type Addend, type RuleContext } from './context';
import { allowedCents, makeFinding } from './findings';
import { personnelPublicOrSum } from './rules-table';
import { cell, measureOfItem, side, threePublicItems, wan, type UnitTables } from './rules-cross';
import { funcClassOfName, norm, prepareNarrativeText, stripOrdinal } from './text';
import { grandTotal, slotOf, valueUnder, type Measure, type TableView } from './view';

/**
 * Claims read from the explanatory text: "subject 123.45万元", and change clauses
 * "比上年增加514.39万元，增长10.97%" attached to the sentence's subject — the amount before "其中" when the
 * sentence lists components (DOMAIN §3.3: in "收入总计866.53万元，其中…上年结转0.00万元，比上年增加759.59万元"
 * the change belongs to 866.53, not to the nearest figure).
 */
export type MoneyUnit = '元' | '万元' | '亿元';

export interface AmountClaim {
  page: number;
  subject: string;
  /** The figure in cents of 万元 (rounded when printed in 元). */
  cents: number;
  sentence: string;
  /** The unit as printed, the figure in it and its decimals ("1.5亿元": 亿元, 1.5, 1). */
  unit: MoneyUnit;
  value: number;
  decimals: number;
  /** Position in the document's text, in order of reading (N5 looks back for the figure a share is of). */
  seq: number;
  /** Where the number is printed: narrative entry index and offsets in its original text (the mutation suite). */
  src: { entry: number; start: number; end: number } | null;
}

export interface ChangeClaim {
  page: number;
  subject: string;
  currentCents: number;
  deltaCents: number;
  net: boolean;
  /** Signed percentage as printed, null when none. */
  pct: number | null;
  pctDecimals: number;
  sentence: string;
  /** The figure the change is attached to. */
  current: AmountClaim;
  /** The full sentence (up to 。) and the one after it: where a reason would be given (N7). */
  context: string;
}

/** "基本支出118.43万元，占13.67%" / "占“三公”经费的8.75%": a share of a base, named or the head of the list. */
export interface ShareClaim {
  page: number;
  part: AmountClaim;
  /** The base as named after 占 ("“三公”经费"), empty when bare ("占13.67%", "占比…"). */
  baseName: string;
  /** The figure the list opened with ("支出预算866.53万元，其中：…"), the base of a bare share. */
  head: AmountClaim | null;
  pct: number;
  pctDecimals: number;
  sentence: string;
}

export interface ParsedNarrative {
  amounts: AmountClaim[];
  changes: ChangeClaim[];
  shares: ShareClaim[];
  /** Each page's prepared text (CJK spacing removed, broken figures joined), in reading order. */
  pages: { page: number; text: string }[];
  text: string;
}

/** A figure and its unit: 元, 万元 or 亿元 ("5,205.49万元", "3. 20 万\n元", "1.2亿元", "4,431,000元"). */
export const AMOUNT = String.raw`((?:(?<![0-9])-)?[0-9][0-9,]*(?:\s*\.\s*[0-9]+)?)\s*(亿|万)?\s*元`;
export const CHANGE = new RegExp(
  String.raw`(?:比|较|与)上年(?:度)?(?:决算数|预算数|决算|预算)?(?:相比)?[，,]?\s*各?\s*(净)?\s*(增加|减少|增长|下降|降低)\s*` +
    AMOUNT +
    String.raw`(?:\s*[，,]?\s*(增长|下降|降低|增加|减少)\s*([0-9]+(?:\.[0-9]+)?)\s*%)?`,
  'gu',
);
const AMOUNT_RE = new RegExp(AMOUNT, 'gu');
const SHARE_RE = /占(?:比)?([^0-9,;。%]{0,30}?)的?(?:比重|比例)?为?\s*([0-9]+(?:\s*\.\s*[0-9]+)?)\s*%/gu;
const LIST_MARKER = /其中|主要包括|包括|主要用于|分别为|分别是|具体如下|具体情况如下|如下/u;

const UNIT_OF: Record<string, MoneyUnit> = { 亿: '亿元', 万: '万元', '': '元' };
/** 万元 per unit. */
const WAN_PER: Record<MoneyUnit, number> = { 元: 1e-4, 万元: 1, 亿元: 1e4 };

export function unitOf(mag: string | undefined): MoneyUnit {
  return UNIT_OF[mag ?? '']!;
}

/** A printed figure in cents of 万元; `mag` is the magnitude before 元 (亿 / 万 / none), 万 by default. */
export function cents(raw: string, mag: string | undefined = '万'): number {
  return Math.round(Number(raw.replace(/[\s,]/gu, '')) * 100 * WAN_PER[unitOf(mag)]);
}

function decimalsOf(raw: string): number {
  const t = raw.replace(/[\s,]/gu, '');
  const i = t.indexOf('.');
  return i < 0 ? 0 : t.length - i - 1;
}

const cache = new WeakMap<readonly Narrative[], ParsedNarrative>();

export function parseNarrative(narr: readonly Narrative[]): ParsedNarrative {
  let p = cache.get(narr);
  if (!p) {
    p = parse(narr);
    cache.set(narr, p);
  }
  return p;
}

/** Sentences of a text (split at 。；;) with their offsets, and whether each ends a full sentence (。). */
function sentencesWithin(text: string): { s: string; at: number; full: boolean }[] {
  const out: { s: string; at: number; full: boolean }[] = [];
  let at = 0;
  for (const m of text.matchAll(/[。；;]/gu)) {
    out.push({ s: text.slice(at, m.index), at, full: m[0] === '。' });
    at = m.index + 1;
  }
  if (at < text.length) out.push({ s: text.slice(at), at, full: true });
  return out;
}

export const REASON = /主要原因|原因是|原因为|原因:|主要是|主要用于|由于|因为|主要系|为(?:今年|本年|当年)?新增/u;

function parse(narr: readonly Narrative[]): ParsedNarrative {
  const amounts: AmountClaim[] = [];
  const changes: ChangeClaim[] = [];
  const shares: ShareClaim[] = [];
  const pages: { page: number; text: string }[] = [];
  const byPage = new Map<number, number[]>();
  narr.forEach((n, i) => {
    const list = byPage.get(n.page);
    if (list) list.push(i);
    else byPage.set(n.page, [i]);
  });
  let head: AmountClaim | null = null;
  for (const [page, idx] of byPage) {
    const prep = prepareNarrativeText(idx.map((i) => narr[i]!));
    const text = prep.text;
    pages.push({ page, text });
    const srcOf = (a: number, b: number): AmountClaim['src'] => {
      const e = prep.entry[a]!;
      if (e < 0 || prep.entry[b - 1] !== e) return null;
      return { entry: idx[e]!, start: prep.offset[a]!, end: prep.offset[b - 1]! + 1 };
    };
    // Full sentences (up to 。) for the reason of a change: its own and the next.
    const fulls = [...text.matchAll(/[^。]+。?/gu)].map((m) => ({ at: m.index, end: m.index + m[0].length, s: m[0] }));
    const contextAt = (i: number) => {
      const k = fulls.findIndex((f) => i >= f.at && i < f.end);
      return k < 0 ? '' : fulls[k]!.s + (fulls[k + 1]?.s ?? '');
    };
    for (const { s: sentence, at: sAt, full } of sentencesWithin(text)) {
      if (!/元/u.test(sentence)) {
        if (full) head = null;
        continue;
      }
      const changeSpans: [number, number][] = [];
      let m: RegExpExecArray | null;
      const found: { at: number; m: RegExpExecArray }[] = [];
      CHANGE.lastIndex = 0;
      while ((m = CHANGE.exec(sentence))) {
        changeSpans.push([m.index, m.index + m[0].length]);
        found.push({ at: m.index, m: m });
      }
      const inChange = (i: number) => changeSpans.some(([a, b]) => i >= a && i < b);
      const here: { at: number; end: number; claim: AmountClaim }[] = [];
      let prevEnd = -1;
      AMOUNT_RE.lastIndex = 0;
      while ((m = AMOUNT_RE.exec(sentence))) {
        const end = m.index + m[0].length;
        if (inChange(m.index)) {
          prevEnd = end;
          continue;
        }
        const before = sentence.slice(0, m.index);
        // The subject is the nearest noun phrase of the clause: after the last delimiter or the figure before it.
        const cut = Math.max(
          prevEnd - 1,
          ...['，', ',', '：', ':', '、', '\n', '(', '（'].map((d) => lastDelim(before, d)),
        );
        prevEnd = end;
        const subject = cleanSubject(before.slice(cut + 1));
        const raw = m[1]!;
        const unit = unitOf(m[2]);
        const claim: AmountClaim = {
          page,
          subject,
          cents: cents(raw, m[2] ?? ''),
          sentence,
          unit,
          value: Number(raw.replace(/[\s,]/gu, '')),
          decimals: decimalsOf(raw),
          seq: amounts.length,
          src: srcOf(sAt + m.index, sAt + m.index + raw.length),
        };
        here.push({ at: m.index, end, claim });
        amounts.push(claim);
      }
      for (const f of found) {
        const qi = sentence.indexOf('其中');
        const prior = here.filter((h) => h.at < f.at);
        let main = prior[prior.length - 1];
        if (qi >= 0 && qi < f.at) main = prior.find((h) => h.at < qi) ?? main;
        if (!main) continue;
        const word = f.m[2]!;
        const sign = /减少|下降|降低/u.test(word) ? -1 : 1;
        const pctWord = f.m[5];
        const pctRaw = f.m[6];
        const pctSign = pctWord && /减少|下降|降低/u.test(pctWord) ? -1 : 1;
        changes.push({
          page,
          subject: main.claim.subject,
          currentCents: main.claim.cents,
          deltaCents: sign * cents(f.m[3]!, f.m[4] ?? ''),
          net: !!f.m[1],
          pct: pctRaw ? pctSign * Number(pctRaw) : null,
          pctDecimals: pctRaw && pctRaw.includes('.') ? pctRaw.split('.')[1]!.length : 0,
          sentence,
          current: main.claim,
          context: contextAt(sAt + f.at),
        });
      }
      // A list opens at its marker: the figure before the marker is what bare shares are of.
      const mk = LIST_MARKER.exec(sentence);
      if (mk) {
        const opener = here.filter((h) => h.at < mk.index).pop();
        if (opener) head = opener.claim;
      }
      SHARE_RE.lastIndex = 0;
      while ((m = SHARE_RE.exec(sentence))) {
        const at = m.index;
        const part = here.filter((h) => h.end <= at).pop();
        // The share is of the figure just before it in the same clause ("基本支出118.43万元，占13.67%").
        if (!part || !/^[\s,、]*$/u.test(sentence.slice(part.end, at))) continue;
        const baseName = m[1]!.trim();
        const pctRaw = m[2]!.replace(/\s/gu, '');
        shares.push({
          page,
          part: part.claim,
          baseName,
          head: head && head !== part.claim ? head : null,
          pct: Number(pctRaw),
          pctDecimals: decimalsOf(pctRaw),
          sentence,
        });
      }
      if (full) head = null;
    }
  }
  return { amounts, changes, shares, pages, text: norm(pages.map((p) => p.text).join('\n')) };
}

/** Whether a change is stated with its reason in the same sentence or the next (N7). */
export function hasReason(c: ChangeClaim): boolean {
  return REASON.test(c.context);
}

export function lastDelim(s: string, d: string): number {
  const i = s.lastIndexOf(d);
  // "因公出国（境）费": an opening bracket closed again before the figure is part of the subject.
  if ((d === '（' || d === '(') && i >= 0 && /[）)]/u.test(s.slice(i))) return -1;
  return i;
}

/** The subject as written, list prefix and trailing verb removed; a leading year stays (it scopes "2022年度收入"). */
export function cleanSubject(s: string): string {
  return stripOrdinal(s)
    .replace(/^(?:以及|和|及|、)/u, '')
    .replace(/(?:为|是|共计|共|合计为|达|安排)$/u, '');
}

interface Candidates {
  precise: boolean;
  list: Addend[];
}

function sideTotals(v: TableView | undefined, s: 'income' | 'expense'): Addend[] {
  const g = side(v, s);
  if (!g || !v) return [];
  const out: Addend[] = [];
  for (const e of g.entries) {
    if (e.total !== null || /合计$|总计$/u.test(e.label)) {
      for (let i = 0; i < e.amounts.length; i++) {
        const a = cell(v, e, i);
        if (a) out.push(a);
      }
    }
  }
  return out;
}

function grandCells(v: TableView | undefined, m: Measure): Addend[] {
  if (!v) return [];
  const e = grandTotal(v);
  const g = v.groups[0];
  if (!e || !g) return [];
  const a = cell(v, e, slotOf(g, m));
  return a ? [a] : [];
}

const EXCLUDE = /采购|资产|绩效|项目数|合同|团组|车辆|实际|执行|完成|补贴|奖励|投入|损失|罚没|工作经费|涉及/u;

type Concept =
  | { k: 'code'; code: string }
  | { k: 'tp'; key: 'total' | 'abroad' | 'reception' | 'car' | 'carBuy' | 'carRun' | null }
  | { k: 'op' }
  | { k: 'pp'; which: 'personnel' | 'public' }
  | { k: 'measure'; m: Measure }
  | { k: 'source'; src: Measure }
  | { k: 'class'; cls: string }
  | { k: 'item'; kuan: string; xiang: string }
  | { k: 'totals'; income: boolean; spend: boolean };

const concepts = new Map<string, Concept | null>();

/** What table figure a subject names, from its words alone (cached: subjects repeat across runs). */
export function conceptOf(subject: string): Concept | null {
  let c = concepts.get(subject);
  if (c === undefined) {
    c = readConcept(norm(subject));
    if (concepts.size > 50_000) concepts.clear();
    concepts.set(subject, c);
  }
  return c;
}

function readConcept(s: string): Concept | null {
  if (!s || EXCLUDE.test(s)) return null;
  // "增加基本支出 844.15 万元" states a change, not the figure (N2 reads changes).
  if (/^(?:比上年|较上年|同比)?(?:增加|减少|增长|下降)/u.test(s)) return null;
  const code = /^([0-9]{7}|[0-9]{5}|[0-9]{3})(?![0-9年])/u.exec(s)?.[1];
  if (code) return { k: 'code', code };
  if (/三公|出国|公务用车|公务接待/u.test(s)) {
    const key = /三公/u.test(s)
      ? 'total'
      : /出国/u.test(s)
        ? 'abroad'
        : /接待/u.test(s)
          ? 'reception'
          : /购置/u.test(s) && /运行/u.test(s)
            ? 'car'
            : /购置/u.test(s)
              ? 'carBuy'
              : /运行/u.test(s)
                ? 'carRun'
                : null;
    return { k: 'tp', key };
  }
  if (/机关运行经费/u.test(s)) return { k: 'op' };
  if (/^(?:[^支]*)(?:人员经费|公用经费)$/u.test(s)) return { k: 'pp', which: /人员/u.test(s) ? 'personnel' : 'public' };
  // "会议费预算支出" / "培训费" name a column of Jiangsu's 三公、会议费、培训费 table, not the document's totals.
  if (/会议费|培训费/u.test(s)) return null;
  const measure: Measure | null = /基本支出(?:预算|决算)?数?$/u.test(s)
    ? 'basic'
    : /项目支出(?:预算|决算)?数?$/u.test(s)
      ? 'project'
      : /上缴上级支出$/u.test(s)
        ? 'upper'
        : /经营支出$/u.test(s)
          ? 'operating'
          : /对附属单位补助支出$/u.test(s)
            ? 'subsidiary'
            : null;
  if (measure) return { k: 'measure', m: measure };
  const src = measureOfItem(s);
  if (src && /收入|拨款|资金$|结转$|结余$/u.test(s) && !/支出/u.test(s)) return { k: 'source', src };
  // "公共安全(类)1.检察(款)行政运行(项)支出": the 项 named under its 款, not the class.
  const item = /\(款\)(.+?)\(项\)/u.exec(s);
  if (item) {
    const kuan = stripOrdinal(s.slice(0, s.indexOf('(款)')).split('(类)').pop()!).replace(/^\d+[.、]/u, '');
    return { k: 'item', kuan, xiang: stripOrdinal(item[1]!).replace(/^\d+[.、]/u, '') };
  }
  const cls = /支出$/u.test(s) ? funcClassOfName(s) : null;
  if (cls && !/总|合计|预算|决算|年度|拨款|本年|当年/u.test(s)) return { k: 'class', cls };
  // "年初预算为 28.11 万元，支出决算为 28.11 万元" reports the item the sentence before names, not the totals.
  if (/^(?:收入|支出)(?:预算|决算)数?$/u.test(s)) return null;
  const totals = /(?:收入|支出|收支)(?:预算|决算)?(?:总计|合计|总预算|总额)?$/u.test(s) || /总预算$/u.test(s);
  const scoped =
    /年度|本部门|部门|单位|本年|当年|财政拨款|一般公共预算|政府性基金|国有资本经营|预算|决算|总计|合计/u.test(s);
  if (totals && scoped) return { k: 'totals', income: /收入|收支|总预算/u.test(s), spend: /支出|收支|总预算/u.test(s) };
  return null;
}

/** Cells of the tables a narrative subject names; null when the subject names no table figure. */
export function candidatesFor(subject: string, u: UnitTables): Candidates | null {
  const c = conceptOf(subject);
  if (!c) return null;
  const T = (t: Parameters<UnitTables['byType']['get']>[0]) => u.byType.get(t);
  switch (c.k) {
    case 'code': {
      const list: Addend[] = [];
      for (const v of [T('gpb_exp'), T('expenditure'), T('gf'), T('soe')]) {
        if (!v || !v.groups[0]) continue;
        const slot = slotOf(v.groups[0], 'total');
        if (slot < 0) continue;
        const x = valueUnder(v, c.code, slot);
        if (x && x.entries[0]) list.push({ ...cell(v, x.entries[0], slot)!, cents: Math.round(x.cents / v.scale) });
      }
      return { precise: true, list };
    }
    case 'tp': {
      const tp = T('three_public');
      const a = tp && c.key ? threePublicItems(tp).get(c.key) : undefined;
      return a ? { precise: false, list: [a] } : null;
    }
    case 'op': {
      const op = T('op_cost');
      return op ? { precise: false, list: grandCells(op, 'total') } : null;
    }
    case 'pp': {
      const b = T('gpb_basic_econ');
      const pp = b ? personnelPublicOrSum(b, c.which) : null;
      return b && pp ? { precise: false, list: [wan(b, pp)] } : null;
    }
    case 'measure': {
      const list = [T('expenditure'), T('gpb_exp'), T('gf'), T('soe')].flatMap((v) => grandCells(v, c.m));
      // 财政拨款 / 一般公共预算基本支出 is also the grand total of the 基本支出 经济分类 table.
      if (c.m === 'basic') list.push(...grandCells(T('gpb_basic_econ'), 'total'));
      return list.length ? { precise: false, list } : null;
    }
    case 'source': {
      const list: Addend[] = [];
      for (const v of [T('income_expense_summary'), T('fiscal_summary')]) {
        const g = side(v, 'income');
        if (!g || !v) continue;
        for (const e of g.entries) {
          if (e.total !== null || measureOfItem(e.label) !== c.src) continue;
          const a = cell(v, e, 0);
          if (a) list.push(a);
        }
      }
      list.push(...grandCells(T('income'), c.src));
      return list.length ? { precise: false, list } : null;
    }
    case 'class': {
      const list: Addend[] = [];
      for (const v of [T('income_expense_summary'), T('fiscal_summary')]) {
        const g = side(v, 'expense');
        if (!g || !v) continue;
        for (const e of g.entries) {
          if (e.code !== c.cls) continue;
          for (let i = 0; i < e.amounts.length; i++) {
            const a = cell(v, e, i);
            if (a) list.push(a);
          }
        }
      }
      for (const v of [T('expenditure'), T('gpb_exp')]) {
        if (!v || !v.groups[0]) continue;
        const slot = slotOf(v.groups[0], 'total');
        const x = slot >= 0 ? valueUnder(v, c.cls, slot) : null;
        if (x && x.entries[0]) list.push({ ...cell(v, x.entries[0], slot)!, cents: Math.round(x.cents / v.scale) });
      }
      return list.length ? { precise: false, list } : null;
    }
    case 'item': {
      const list: Addend[] = [];
      for (const v of [T('gpb_exp'), T('expenditure')]) {
        const g = v?.groups[0];
        if (!v || !g) continue;
        const slot = slotOf(g, 'total');
        if (slot < 0) continue;
        for (const e of v.coded) {
          if (!e.code || e.code.length !== 7 || e.label !== c.xiang) continue;
          const parent = v.byCode.get(e.code.slice(0, 5))?.[0];
          if (parent && parent.label !== c.kuan) continue;
          const a = cell(v, e, slot);
          if (a) list.push(a);
        }
      }
      // Named but not found (another year's name, a 项 the tables do not print): nothing to compare with.
      return list.length ? { precise: false, list } : null;
    }
    case 'totals': {
      const list: Addend[] = [];
      if (c.income) {
        list.push(...sideTotals(T('income_expense_summary'), 'income'), ...sideTotals(T('fiscal_summary'), 'income'));
        list.push(...grandCells(T('income'), 'total'));
      }
      if (c.spend) {
        list.push(...sideTotals(T('income_expense_summary'), 'expense'), ...sideTotals(T('fiscal_summary'), 'expense'));
        for (const t of ['expenditure', 'gpb_exp', 'gf', 'soe'] as const) list.push(...grandCells(T(t), 'total'));
      }
      return list.length ? { precise: false, list } : null;
    }
  }
}

const FEN_PER: Record<MoneyUnit, number> = { 元: 100, 万元: 1e6, 亿元: 1e10 };

/** A table figure in fen (0.01 元) and the step it is printed to: a 元 table's own cell, else 万元 to 0.01. */
export function cellFen(a: Addend, units: readonly UnitTables[]): { fen: number; step: number } {
  for (const u of units)
    for (const v of u.all) {
      if (v.table.id !== a.ref.ref.table) continue;
      if (v.scale === 1) return { fen: a.cents * 1e4, step: 1e4 };
      const raw = v.table.rows[a.ref.ref.row]?.cells[a.ref.ref.col]?.value;
      if (raw != null && Math.round(Math.round(raw * 100) / v.scale) === a.cents)
        return { fen: Math.round(raw * 100), step: 1 };
      return { fen: a.cents * 1e4, step: 1e4 };
    }
  return { fen: a.cents * 1e4, step: 1e4 };
}

/** The claim in fen, read in `unit` (its own unless asked how it would read in another). */
export function claimFen(c: AmountClaim, unit: MoneyUnit = c.unit): { fen: number; step: number } {
  return { fen: Math.round(c.value * FEN_PER[unit]), step: FEN_PER[unit] / 10 ** c.decimals };
}

/**
 * Whether the stated figure is the cell, compared in the coarser of the two units ("1.2亿元" against 12,003.55万元;
 * "3,500元" against 0.35万元; a 元 table against a 元 figure exactly). 万元 against 万元 stays exact to the cent.
 */
export function agrees(c: AmountClaim, cell: { fen: number; step: number }, unit: MoneyUnit = c.unit): boolean {
  const a = claimFen(c, unit);
  if (unit === '万元' && cell.step === 1e4) return a.fen === cell.fen;
  const step = Math.max(a.step, cell.step);
  return Math.abs(a.fen - cell.fen) < step / 2 + 1e-6;
}

export type ClaimMatch =
  | { k: 'match'; claim: AmountClaim; cells: Addend[]; precise: boolean }
  | { k: 'slip'; claim: AmountClaim; cell: Addend; as: MoneyUnit }
  | { k: 'differs'; claim: AmountClaim; nearest: Addend; precise: boolean; named: Addend[] }
  | { k: 'missing'; claim: AmountClaim };

const OTHER_UNIT: Partial<Record<MoneyUnit, MoneyUnit>> = { 元: '万元', 万元: '元' };

/**
 * Each stated amount whose subject names a table figure, against those figures (one result per subject and figure):
 * equal (N1 passes), equal once 元 is read as 万元 or the reverse (N6), different (N1), or named but not printed.
 */
export function matchClaims(p: ParsedNarrative, units: readonly UnitTables[]): ClaimMatch[] {
  const out: ClaimMatch[] = [];
  const done = new Set<string>();
  for (const c of p.amounts) {
    if (!conceptOf(c.subject)) continue;
    const k = `${c.subject}|${c.unit}|${c.value}`;
    if (done.has(k)) continue;
    done.add(k);
    let best: Candidates | null = null;
    let matched: ClaimMatch | null = null;
    for (const u of units) {
      const cand = candidatesFor(c.subject, u);
      if (!cand) continue;
      if (!best || cand.list.length > best.list.length) best = cand;
      const hits = cand.list.filter((a) => agrees(c, cellFen(a, units)));
      if (hits.length) {
        matched = { k: 'match', claim: c, cells: hits, precise: cand.precise };
        break;
      }
    }
    if (matched) {
      out.push(matched);
      continue;
    }
    if (!best) continue;
    if (best.list.length === 0) {
      if (best.precise && c.cents !== 0) out.push({ k: 'missing', claim: c });
      continue;
    }
    const other = OTHER_UNIT[c.unit];
    const slip = other && c.value !== 0 ? best.list.find((a) => agrees(c, cellFen(a, units), other)) : undefined;
    if (slip && other) {
      out.push({ k: 'slip', claim: c, cell: slip, as: other });
      continue;
    }
    const fen = claimFen(c).fen;
    // The cell the subject's own words name ("一般公共预算…支出" → that table's total, "支出总计" → the 总计 row),
    // then the nearest in value among those.
    const scored = best.list.map((a) => ({ a, n: sharedWords(c.subject, cellName(units, a)) }));
    const top = Math.max(...scored.map((x) => x.n));
    const pool = scored.filter((x) => x.n === top).map((x) => x.a);
    const nearest = pool.reduce((a, b) =>
      Math.abs(cellFen(b, units).fen - fen) < Math.abs(cellFen(a, units).fen - fen) ? b : a,
    );
    out.push({ k: 'differs', claim: c, nearest, precise: best.precise, named: pool.filter((a) => a !== nearest) });
  }
  return out;
}

const NAMING_WORDS = [
  '一般公共预算',
  '政府性基金',
  '国有资本',
  '财政拨款',
  '总计',
  '合计',
  '本年',
  '收入',
  '支出',
  '基本',
  '项目',
  '结转',
];

function sharedWords(subject: string, where: string): number {
  const s = norm(subject);
  const w = norm(where);
  return NAMING_WORDS.filter((x) => s.includes(x) && w.includes(x)).length;
}

function printed(c: AmountClaim): string {
  return `${c.value.toFixed(c.decimals)}${c.unit}`;
}

/** N1: each amount the explanation states for a subject the tables carry equals that cell (and X9 from the text). */
export function checkNarrativeAmounts(
  narr: readonly Narrative[] | undefined,
  units: UnitTables[],
  ctx: RuleContext,
): void {
  if (!narr || narr.length === 0) return;
  const p = parseNarrative(narr);
  for (const r of matchClaims(p, units)) {
    const c = r.claim;
    if (r.k === 'match') continue;
    if (r.k === 'slip') continue; // N6 reports it.
    if (r.k === 'missing') {
      ctx.out.push(
        makeFinding({
          rule: 'N1',
          severity: 'warning',
          zh: `说明中「${c.subject}」${printed(c)}在表中找不到对应科目`,
          en: `The explanation states ${printed(c)} for "${c.subject}", which no table lists`,
          expected: null,
          actual: c.cents / 100,
          refs: [],
          discriminator: `${c.subject}|${c.cents}`,
        }),
      );
      continue;
    }
    const nearest = r.nearest;
    const severity = r.precise ? 'error' : 'warning';
    const cellAt = cellFen(nearest, units);
    if (c.unit === '万元' && cellAt.step === 1e4) {
      checkEqual(
        ctx,
        'N1',
        severity,
        { cents: c.cents, ref: { ref: nearest.ref.ref, key: `narrative:${c.subject}` } },
        nearest,
        { zh: `说明中「${c.subject}」与表中数字不符`, en: `The explanation's "${c.subject}" disagrees with the table` },
        // The other cells the subject names as well as the nearest: the figure may be meant for any of them.
        { discriminator: `${c.subject}|${c.cents}`, extraRefs: r.named.slice(0, 4).map((a) => a.ref) },
      );
      continue;
    }
    // Another magnitude (元 / 亿元) or a 元 table: compared in the coarser unit, reported in the claim's own.
    trace(ctx, [nearest.ref]);
    const inClaimUnit = cellAt.fen / FEN_PER[c.unit];
    const shown = inClaimUnit.toFixed(Math.max(c.decimals, 2));
    ctx.out.push(
      makeFinding({
        rule: 'N1',
        severity,
        zh: `说明中「${c.subject}」${printed(c)}与表中数字不符：表中为 ${shown}${c.unit}`,
        en: `The explanation's "${c.subject}" ${printed(c)} disagrees with the table: ${shown} ${c.unit}`,
        expected: Math.round(inClaimUnit * 100) / 100,
        actual: c.value,
        refs: [{ ref: nearest.ref.ref, key: `narrative:${c.subject}` }, nearest.ref],
        discriminator: `${c.subject}|${c.unit}|${c.value}`,
      }),
    );
  }
  checkOpCost(p, units, ctx);
}

/** N2: a change against last year agrees with itself (current − change = last year, the percentage). */
export function checkNarrativeChanges(narr: readonly Narrative[] | undefined, ctx: RuleContext): void {
  if (!narr || narr.length === 0) return;
  for (const c of parseNarrative(narr).changes) checkChange(c, ctx);
}

function checkChange(c: ChangeClaim, ctx: RuleContext): void {
  const prev = c.currentCents - c.deltaCents;
  const push = (
    severity: 'warning' | 'rounding',
    zh: string,
    en: string,
    expected: number | null,
    actual: number | null,
  ) =>
    ctx.out.push(
      makeFinding({
        rule: 'N2',
        severity,
        zh: `说明「${c.sentence.trim().slice(0, 60)}」：${zh}`,
        en: `Explanation "${c.subject}": ${en}`,
        expected,
        actual,
        refs: [],
        discriminator: `${c.subject}|${c.currentCents}|${c.deltaCents}|${c.pct}`,
      }),
    );
  if (c.net) {
    if (Math.abs(prev) > allowedCents(ctx.tol, 2)) {
      push(
        'warning',
        `“净增加/净减少”表示上年为 0，但本年 ${(c.currentCents / 100).toFixed(2)} − 变动 ${(c.deltaCents / 100).toFixed(2)} = ${(prev / 100).toFixed(2)}`,
        `"net change" implies a zero previous year, but current − change = ${(prev / 100).toFixed(2)}`,
        0,
        prev / 100,
      );
    }
    return;
  }
  if (c.pct === null) return;
  if (prev <= 0) {
    if (c.deltaCents === 0 && c.pct === 0) return;
    if (prev < 0)
      push(
        'warning',
        `本年 ${(c.currentCents / 100).toFixed(2)} 与变动 ${(c.deltaCents / 100).toFixed(2)} 推出上年为负数`,
        `the change implies a negative previous year`,
        null,
        prev / 100,
      );
    else if (c.pct !== 0)
      push(
        'warning',
        `上年为 0 时不应给出增长率 ${c.pct}%`,
        `a growth rate ${c.pct}% is given although the previous year is 0`,
        null,
        c.pct,
      );
    return;
  }
  const expected = (c.deltaCents / prev) * 100;
  const diff = Math.abs(expected - c.pct);
  const precision = Math.max(0.01, 0.5 * 10 ** -c.pctDecimals) + 1e-9;
  if (diff <= precision) return;
  // Figures printed to 0.01 move the rate a little; within that reach it is rounding.
  const slack = ((Math.abs(c.deltaCents) * 0.5) / (prev * prev)) * 100 + (0.5 / prev) * 100;
  const sev = diff <= precision + slack ? 'rounding' : 'warning';
  if (Math.sign(expected) !== Math.sign(c.pct) && c.pct !== 0 && sev === 'warning') {
    push(
      sev,
      `增减方向与百分比不一致`,
      `the direction of the change disagrees with the percentage`,
      round(expected),
      c.pct,
    );
    return;
  }
  push(
    sev,
    `按本年 ${(c.currentCents / 100).toFixed(2)}、变动 ${(c.deltaCents / 100).toFixed(2)} 计算增幅为 ${expected.toFixed(2)}%，文中为 ${c.pct}%`,
    `from current ${(c.currentCents / 100).toFixed(2)} and change ${(c.deltaCents / 100).toFixed(2)} the rate is ${expected.toFixed(2)}%, the text says ${c.pct}%`,
    round(expected),
    c.pct,
  );
}

function round(v: number): number {
  return Math.round(v * 100) / 100;
}

/** X9 from the text when no 机关运行经费 table is printed: the stated figure ≤ 公用经费. */
function checkOpCost(p: ParsedNarrative, units: UnitTables[], ctx: RuleContext): void {
  for (const u of units) {
    if (u.byType.has('op_cost')) continue;
    const b = u.byType.get('gpb_basic_econ');
    if (!b) continue;
    const pub = personnelPublicOrSum(b, 'public');
    if (!pub) continue;
    const claim = p.amounts.find((a) => /机关运行经费/u.test(a.subject));
    if (!claim) continue;
    const pubWan = wan(b, pub);
    checkEqual(
      ctx,
      'X9',
      'warning',
      { cents: claim.cents, ref: { ref: pubWan.ref.ref, key: `narrative:${claim.subject}` } },
      pubWan,
      {
        zh: `说明中机关运行经费不应超过公用经费`,
        en: `Operating costs stated in the explanation should not exceed public costs`,
      },
      { atMost: true, discriminator: 'narrative' },
    );
  }
}

/**
 * A printed percentage against part ÷ base × 100 (cents of 万元): null when it agrees to its printed decimals or
 * 0.01 (DOMAIN §3), `rounding` when the two figures' own rounding to 0.01 could explain the difference.
 */
export function pctVerdict(
  partCents: number,
  baseCents: number,
  pct: number,
  decimals: number,
): { severity: 'warning' | 'rounding'; expected: number } | null {
  if (baseCents === 0) return null;
  const expected = (partCents / baseCents) * 100;
  const diff = Math.abs(expected - pct);
  const precision = Math.max(0.01, 0.5 * 10 ** -decimals) + 1e-9;
  if (diff <= precision) return null;
  const b = Math.abs(baseCents);
  const slack = ((Math.abs(partCents) * 0.5) / (b * b)) * 100 + (0.5 / b) * 100;
  return { severity: diff <= precision + slack ? 'rounding' : 'warning', expected: Math.round(expected * 100) / 100 };
}

/** Where a cell is, in words: the table's title and the row's label ("收支总表 收入总计"). */
export function cellName(units: readonly UnitTables[], a: Addend): string {
  for (const u of units)
    for (const v of u.all) {
      if (v.table.id !== a.ref.ref.table) continue;
      const row = v.table.rows[a.ref.ref.row];
      const label = row?.cells
        .map((c) => c.text.trim())
        .filter((t) => t && !/^[-+]?[0-9,.]+$/u.test(t))
        .join(' ');
      const col = v.cols[a.ref.ref.col]?.segs.join('/');
      return `${v.table.title ?? v.table.id}${label ? ` ${label}` : ''}${col ? `（${col}）` : ''}`;
    }
  return a.ref.key;
}

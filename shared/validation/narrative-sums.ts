import type { Narrative } from '../model/document';
import { trace, type RuleContext } from './context';
import type { RefKey } from './findings';
import { allowedCents, fmt, judge, makeFinding, round2 } from './findings';
import { budgetColumn, formsOf, moneyColumns, type ProjectForm } from './forms';
import { AMOUNT, candidatesFor, CHANGE, cleanSubject, lastDelim, cents as centsOf } from './narrative';
import type { UnitTables } from './rules-cross';
import { norm, prepareNarrativeText } from './text';

/**
 * Sums stated in the explanation (说明):
 *  N3 a figure and the components listed after it ("基本支出1564.57万元。其中，人员支出1513.42万元，公用支出51.15万元";
 *     "较2023年预算减少349.94万元，其中：基本支出减少7.52万元…。项目支出减少342.42万元"; an enumerated list of
 *     (一)(二)… or 1. 2. … paragraphs after "其中：" / "具体情况如下："),
 *  R12 the same for 政府采购 (总额 = 货物 + 工程 + 服务), R14 for 资产 (资产总额 = Σ categories),
 *  N4 counts: the number of project forms and their Σ amounts = what the text states; graded counts add up.
 * Lists are read by structure (marker words, sentence and heading boundaries), never by the samples' wording.
 */

type Kind = 'level' | 'change';

interface Token {
  cents: number;
  kind: Kind;
  subject: string;
  start: number;
  end: number;
}

interface Marker {
  word: string;
  start: number;
  end: number;
}

interface Sentence {
  text: string;
  /** Heading level of an enumerated paragraph: 1 一、 2 （一） 3 1. / 1、 4 （1）; 0 for running text. */
  heading: number;
  /** Starts a new line (paragraph) of the text: a list running on over sentences stops there. */
  lineStart: boolean;
  tokens: Token[];
  markers: Marker[];
}

const HEADING =
  /^(?:#+\s*)?(?:([一二三四五六七八九十]+)[、.．]|[(（]([一二三四五六七八九十]+)[)）]|([0-9]+)[、.．](?![0-9])|[(（]([0-9]+)[)）])/u;
// 主要是 / 主要原因是 introduce reasons, not lists.
const MARKER = /其中|分别为|分别是|具体情况如下|具体如下|具体为|如下|主要包括|包括|主要为/gu;
// "比上年预算增加(减少)0万元": a template's either-way wording is a change too.
const CHANGE_WORD = /(增加|减少|增长|下降|降低)\s*(?:[(（](?:增加|减少|增长|下降|降低)[)）])?\s*$/u;

const SHARE_AFTER = /^[^，,。；;]{0,4}[，,]?\s*占[^。；;，,]{0,24}?[0-9.]+\s*%/u;

function headingOf(s: string): number {
  const m = HEADING.exec(s.trimStart());
  if (!m) return 0;
  return m[1] ? 1 : m[2] ? 2 : m[3] ? 3 : 4;
}

/** Sentences of the whole explanation (lists run over page ends), split at 。；; and before enumerated headings. */
function sentencesOf(narr: readonly Narrative[]): Sentence[] {
  // A heading on a line of its own ("（三）支出决算情况说明") ends there: it is a title, not the start of the paragraph.
  const text = prepareNarrativeText(narr)
    .text.split('\n')
    .map((line) =>
      headingOf(line) > 0 && line.length <= 40 && !/[。；;]|[0-9]\s*[万亿]?\s*元/u.test(line) ? `${line}。` : line,
    )
    .join('\n');
  const out: Sentence[] = [];
  const pieces = text.split(
    /[。；;]|\n(?=\s*(?:#+\s*)?(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十0-9]+[)）]|[0-9]+[、.．](?![0-9])))/u,
  );
  for (const raw of pieces) {
    const s = raw.replace(/^[ \t\u3000]+/u, '');
    const lineStart = /^\n/u.test(s);
    const t = s.replace(/^\s+/u, '');
    if (!t) continue;
    out.push({ text: t, heading: headingOf(t), lineStart, tokens: tokensOf(t), markers: markersOf(t) });
  }
  return out;
}

function tokensOf(s: string): Token[] {
  const tokens: Token[] = [];
  const spans: [number, number][] = [];
  const change = new RegExp(CHANGE.source, 'gu');
  let m: RegExpExecArray | null;
  while ((m = change.exec(s))) {
    spans.push([m.index, m.index + m[0].length]);
    const sign = /减少|下降|降低/u.test(m[2]!) ? -1 : 1;
    const at = m.index + m[0].indexOf(m[3]!);
    tokens.push({
      cents: sign * centsOf(m[3]!, m[4] ?? ''),
      kind: 'change',
      subject: '',
      start: at,
      end: m.index + m[0].length,
    });
  }
  const amount = new RegExp(AMOUNT, 'gu');
  while ((m = amount.exec(s))) {
    const at = m.index;
    if (spans.some(([a, b]) => at >= a && at < b)) continue;
    // "单价在20万元以上的设备": a threshold inside a label, not an amount.
    if (/^\s*(?:及?以上|以下|以内)/u.test(s.slice(at + m[0].length))) continue;
    const before = s.slice(0, at);
    const cut = Math.max(...['，', ',', '：', ':', '、', '\n', '(', '（', '和', '及'].map((d) => lastDelim(before, d)));
    const subject = cleanSubject(before.slice(cut + 1)).replace(/^(?:其中|主要包括|包括|主要为|分别为|分别是)/u, '');
    const w = CHANGE_WORD.exec(before);
    const c = centsOf(m[1]!, m[2] ?? '');
    tokens.push(
      w
        ? { cents: /减少|下降|降低/u.test(w[1]!) ? -c : c, kind: 'change', subject, start: at, end: at + m[0].length }
        : { cents: c, kind: 'level', subject, start: at, end: at + m[0].length },
    );
  }
  return tokens.sort((a, b) => a.start - b.start);
}

function markersOf(s: string): Marker[] {
  const out: Marker[] = [];
  const re = new RegExp(MARKER.source, 'gu');
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) out.push({ word: m[0], start: m.index, end: m.index + m[0].length });
  return out;
}

export interface SumClaim {
  rule: 'N3' | 'R12' | 'R14';
  head: Token;
  parts: Token[];
  /** Parts before any continuation into later sentences: the list as certainly stated. */
  certain: number;
  marker: string;
  /** A list announced as partial ("主要…", "…等"): a shortfall is information only. */
  partial: boolean;
  enumerated: boolean;
  sentence: string;
}

/** A marker directly after a token opens a nested list under that token ("559.49万元，包括…"). */
function nestedAfter(s: Sentence, t: Token): Marker | null {
  return s.markers.find((m) => m.start >= t.end && m.start - t.end <= 3) ?? null;
}

function sumClaims(sentences: Sentence[]): SumClaim[] {
  const claims: SumClaim[] = [];
  sentences.forEach((s, si) => {
    for (const mk of s.markers) {
      let before = s.tokens.filter((t) => t.end <= mk.start);
      let headSentence = s;
      // "…总额707.6万元。其中：…": a sentence opening with the marker continues the previous one's figure.
      const opens = /^[\s，,：:]*$/u.test(s.text.slice(0, mk.start));
      if (before.length === 0 && opens && si > 0) {
        headSentence = sentences[si - 1]!;
        before = headSentence.tokens;
      }
      if (before.length === 0) continue;
      const after = s.tokens.filter((t) => t.start >= mk.end);
      const nextMarker = s.markers.find((m) => m.start >= mk.end && m !== mk);
      const parts: Token[] = [];
      let certain = 0;
      let enumerated = false;
      let kind: Kind;
      if (after.length > 0) {
        kind = after[0]!.kind;
        // Inline list: same-kind figures up to a nested list; a nested list's own figures are not ours.
        for (const t of after) {
          if (nextMarker && t.start >= nextMarker.end && parts.length > 0 && nestedOwner(s, parts, nextMarker)) break;
          if (t.kind === kind) parts.push(t);
        }
        certain = parts.length;
        // The list may go on in the next sentences when each opens with a sibling ("。项目支出减少342.42万元") —
        // unless it is itself nested in a list of this sentence ("其中基本支出559.49万元，包括…"): the next
        // sentence continues the outer list then.
        const nestedList = s.markers.some((m) => m.end <= mk.start && m !== mk);
        // "其中：(1)…0万元。(2)…183.6万元。": items numbered inline go on in the sentences numbered alike.
        const inlineLevel = headingOf(s.text.slice(mk.end).replace(/^[\s：:，,]+/u, ''));
        let details = 0;
        for (let k = si + 1; k < sentences.length && !nestedList; k++) {
          const n = sentences[k]!;
          const first = n.tokens[0];
          if (inlineLevel > 0) {
            // Numbered inline: each sibling's own figure; what a sibling says further (its own 其中 list, split off
            // at ；) is its detail, not one of ours; a heading of a higher level ends the list.
            if (n.heading > 0 && n.heading < inlineLevel) break;
            if (n.heading !== inlineLevel) {
              // A sibling's details run a few sentences; past that the list has ended without a heading.
              if (++details > 4) break;
              continue;
            }
            details = 0;
            if (!first || first.kind !== kind || first.start > 24) break;
            parts.push(first);
            certain = parts.length;
            continue;
          }
          if (n.heading > 0 || n.lineStart) break;
          if (!first || first.kind !== kind || first.start > 24) break;
          parts.push(first);
          const nested = nestedAfter(n, first);
          for (const t of n.tokens.slice(1)) {
            if (nested && t.start >= nested.end) break;
            if (t.kind === kind) parts.push(t);
          }
        }
      } else {
        // Enumerated list ("其中：" / "具体情况如下：" closing the sentence): the first figure of each following
        // paragraph at the level of the first one, which sits below the heading of the sentence stating the total.
        const first = sentences[si + 1];
        if (!/^\s*(?:[(（][^)）]*[)）])?\s*[:：]?\s*$/u.test(s.text.slice(mk.end))) continue;
        if (!first || first.heading === 0 || first.tokens.length === 0) continue;
        const level = first.heading;
        if (s.heading > 0 && level <= s.heading) continue;
        kind = first.tokens[0]!.kind;
        enumerated = true;
        for (let k = si + 1; k < sentences.length; k++) {
          const n = sentences[k]!;
          if (n.heading > 0 && n.heading < level) break;
          if (n.heading !== level) continue;
          const t = n.tokens[0];
          if (!t || t.kind !== kind) break;
          parts.push(t);
        }
        certain = parts.length;
      }
      const heads = before.filter((t) => t.kind === kind);
      // From the previous sentence only an unambiguous figure: "拨款A万元，基金B万元。其中：…" names none.
      if (headSentence !== s && heads.length !== 1) continue;
      const head = heads[heads.length - 1];
      if (!head || parts.length < 2) continue;
      // "主要原因是…，增加基本支出844.15万元。其中：(一)收入…": a figure in the previous sentence's reason is not the
      // total the list breaks down.
      if (headSentence !== s && /原因|由于|因为/u.test(headSentence.text.slice(0, head.start))) continue;
      // "…156.55万元，占“三公”经费的26.72%。具体情况如下": a figure given as a share of something is a part, not a total.
      if (SHARE_AFTER.test(headSentence.text.slice(head.end, head.end + 40))) continue;
      // "…万元等": the inline list says it is not complete.
      const tail = enumerated ? '' : s.text.slice(parts[certain - 1]!.end, parts[certain - 1]!.end + 3);
      const rule = /采购/u.test(head.subject) ? 'R12' : /资产/u.test(head.subject) ? 'R14' : 'N3';
      claims.push({
        rule,
        head,
        parts,
        certain,
        marker: mk.word,
        partial: /主要/u.test(mk.word) || /^[\s，,]*等/u.test(tail),
        enumerated,
        sentence: headSentence.text.slice(0, 80),
      });
    }
  });
  return claims;
}

/** Whether `m` opens a list nested under the last part taken (it directly follows that part). */
function nestedOwner(s: Sentence, parts: Token[], m: Marker): boolean {
  const last = parts[parts.length - 1]!;
  return nestedAfter(s, last) === m;
}

const cache = new WeakMap<readonly Narrative[], { sentences: Sentence[]; claims: SumClaim[] }>();

/** The component-sum claims of an explanation (parsed once per narrative array). */
export function readSums(narr: readonly Narrative[]): SumClaim[] {
  return parsed(narr).claims;
}

function parsed(narr: readonly Narrative[]): { sentences: Sentence[]; claims: SumClaim[] } {
  let p = cache.get(narr);
  if (!p) {
    const sentences = sentencesOf(narr);
    p = { sentences, claims: sumClaims(sentences) };
    cache.set(narr, p);
  }
  return p;
}

/** The table cell a stated figure names, where one holds exactly that figure (for the finding's references). */
function cellFor(t: Token, units: UnitTables[]): RefKey | null {
  if (!t.subject) return null;
  for (const u of units) {
    const c = candidatesFor(t.subject, u);
    const hit = c?.list.find((a) => a.cents === t.cents);
    if (hit) return { ref: hit.ref.ref, key: `narrative:${t.subject}` };
  }
  return null;
}

const RULE_TEXT: Record<SumClaim['rule'], [string, string]> = {
  N3: ['说明中', 'The explanation'],
  R12: ['说明中政府采购', 'The explanation (procurement)'],
  R14: ['说明中资产', 'The explanation (assets)'],
};

export function checkNarrativeSums(
  narr: readonly Narrative[] | undefined,
  units: UnitTables[],
  ctx: RuleContext,
): void {
  if (!narr || narr.length === 0) return;
  for (const c of parsed(narr).claims) judgeClaim(c, units, ctx);
}

/** N4: project counts, totals and grade counts the explanation states against the project forms. */
export function checkNarrativeCounts(
  narr: readonly Narrative[] | undefined,
  units: UnitTables[],
  ctx: RuleContext,
): void {
  if (!narr || narr.length === 0) return;
  checkCounts(parsed(narr).sentences, units, ctx);
}

function judgeClaim(c: SumClaim, units: UnitTables[], ctx: RuleContext): void {
  // Looking the figures up in the tables costs more than the sum: only for coverage or for a finding.
  const refsOf = () => [c.head, ...c.parts].map((t) => cellFor(t, units)).filter((r): r is RefKey => r !== null);
  if (ctx.seen) trace(ctx, refsOf());
  // The longest run of parts that matches the figure: later sentences may or may not continue the list.
  const from = Math.max(2, c.enumerated ? c.parts.length : c.certain);
  let best: { n: number; sev: ReturnType<typeof judge> } | null = null;
  for (let n = c.parts.length; n >= from; n--) {
    const list = c.parts.slice(0, n);
    const sum = list.reduce((s, t) => s + t.cents, 0);
    const sev = judge(sum, c.head.cents, list.filter((t) => t.cents !== 0).length, ctx.tol, 'warning');
    if (sev === null) return;
    if (sev === 'rounding' && !best) best = { n, sev };
  }
  const n = best?.n ?? (c.enumerated ? c.parts.length : c.certain);
  if (n < 2) return;
  const list = c.parts.slice(0, n);
  const sum = list.reduce((s, t) => s + t.cents, 0);
  const nonZero = list.filter((t) => t.cents !== 0).length;
  let sev = best?.sev ?? judge(sum, c.head.cents, nonZero, ctx.tol, 'warning');
  if (!sev) return;
  // Fewer than the whole is allowed where the text says it lists the main items only.
  if (sev === 'warning' && sum < c.head.cents && c.partial) sev = 'info';
  const diff = c.head.cents - sum;
  const [zh, en] = RULE_TEXT[c.rule];
  const what = c.head.subject || c.sentence.slice(0, 20);
  const terms = list.map((t) => `${t.subject ? `${t.subject} ` : ''}${fmt(t.cents)}`).join(' + ');
  ctx.out.push(
    makeFinding({
      rule: c.rule,
      severity: sev,
      zh: `${zh}「${what}」${fmt(c.head.cents)}万元，其后所列分项 ${terms} 合计 ${fmt(sum)}，差 ${fmt(diff)}${sev === 'rounding' ? '（尾数误差）' : ''}`,
      en: `${en}: "${what}" ${fmt(c.head.cents)} but the items listed after it sum to ${fmt(sum)}, difference ${fmt(diff)}${sev === 'rounding' ? ' (rounding)' : ''}`,
      expected: sum / 100,
      actual: c.head.cents / 100,
      tolerance: round2(allowedCents(ctx.tol, nonZero) / 100),
      refs: refsOf(),
      discriminator: `${what}|${c.head.cents}|${list.map((t) => t.cents).join(',')}`,
    }),
  );
}

const COUNT = /(?:([0-9]+)\s*个\s*(?:项目|重点项目|专项)|项目\s*(?:共)?\s*([0-9]+)\s*个)/u;
const GRADES = /分别(?:是|为)\s*((?:[0-9]+\s*个\s*[、,，和及]?\s*){2,4})/u;

/** N4: "共设置10个项目绩效目标，共涉及…2,339.47万元" against the forms read; graded counts add up to the count. */
const countCache = new WeakMap<Sentence[], { s: Sentence; t: string; count: number }[]>();

/** Sentences stating a number of projects (read once per explanation). */
function countSentences(sentences: Sentence[]): { s: Sentence; t: string; count: number }[] {
  let list = countCache.get(sentences);
  if (!list) {
    list = [];
    for (const s of sentences) {
      const t = norm(s.text);
      if (!/绩效|自评|评价/u.test(t)) continue;
      const m = COUNT.exec(t);
      if (m) list.push({ s, t, count: Number(m[1] ?? m[2]) });
    }
    countCache.set(sentences, list);
  }
  return list;
}

function checkCounts(sentences: Sentence[], units: UnitTables[], ctx: RuleContext): void {
  const claims = countSentences(sentences);
  if (claims.length === 0) return;
  const forms: ProjectForm[] = units.flatMap((u) => u.all.flatMap((v) => formsOf(v.table)));
  for (const { s, t, count } of claims) {
    const g = GRADES.exec(t);
    if (g) {
      const grades = [...g[1]!.matchAll(/([0-9]+)\s*个/gu)].map((x) => Number(x[1]));
      const total = grades.reduce((a, b) => a + b, 0);
      if (total !== count) {
        ctx.out.push(
          makeFinding({
            rule: 'N4',
            severity: 'warning',
            zh: `说明中评价等次的项目数 ${grades.join(' + ')} = ${total}，与所述项目数 ${count} 不符`,
            en: `The explanation's graded projects ${grades.join(' + ')} = ${total} do not match the stated ${count} projects`,
            expected: count,
            actual: total,
            refs: [],
            discriminator: `grades|${count}|${grades.join(',')}`,
          }),
        );
      }
    }
    if (forms.length === 0) continue;
    const totals = forms.map((f) => ({ f, line: f.lines.find((l) => l.key === 'total')! }));
    const refs: RefKey[] = totals.flatMap(({ f, line }) => {
      const col = budgetColumn(f);
      const x = col !== null ? line.cells.get(col) : undefined;
      return x ? [x.ref] : [];
    });
    trace(ctx, refs);
    if (count !== forms.length) {
      ctx.out.push(
        makeFinding({
          rule: 'N4',
          severity: 'warning',
          zh: `说明中项目数为 ${count} 个，但文件中有 ${forms.length} 张项目绩效表`,
          en: `The explanation states ${count} projects but the document holds ${forms.length} project forms`,
          expected: forms.length,
          actual: count,
          refs,
          discriminator: `count|${count}`,
        }),
      );
    }
    const amount = s.tokens.find((x) => x.kind === 'level');
    if (!amount) continue;
    // The stated amount may be the forms' total funds or their appropriations, in any money column.
    const options = new Set<number>();
    const sums = new Map<string, number>();
    for (const f of forms) {
      const total = f.lines.find((l) => l.key === 'total')!;
      // Columns by their place among the money columns (年初预算 / 全年预算 / 执行数): headers are not always read.
      moneyColumns(f, total).forEach((col, place) => {
        for (const l of f.lines) {
          const x = l.cells.get(col);
          if (!x || !['total', 'fiscal', 'current'].includes(l.key)) continue;
          const key = `${l.key}|${place}`;
          sums.set(key, (sums.get(key) ?? 0) + Math.round(x.cents / f.scale));
        }
      });
    }
    for (const v of sums.values()) options.add(v);
    if (options.size === 0) continue;
    const near = [...options].reduce((a, b) => (Math.abs(b - amount.cents) < Math.abs(a - amount.cents) ? b : a));
    const sev = judge(near, amount.cents, forms.length, ctx.tol, 'warning');
    if (!sev) continue;
    ctx.out.push(
      makeFinding({
        rule: 'N4',
        severity: sev,
        zh: `说明中项目资金 ${fmt(amount.cents)}万元，与 ${forms.length} 张项目绩效表的合计 ${fmt(near)} 不符，差 ${fmt(amount.cents - near)}${sev === 'rounding' ? '（尾数误差）' : ''}`,
        en: `The explanation states ${fmt(amount.cents)} for the projects; the ${forms.length} project forms total ${fmt(near)}, difference ${fmt(amount.cents - near)}${sev === 'rounding' ? ' (rounding)' : ''}`,
        expected: near / 100,
        actual: amount.cents / 100,
        tolerance: round2(allowedCents(ctx.tol, forms.length) / 100),
        refs,
        discriminator: `amount|${amount.cents}`,
      }),
    );
  }
}

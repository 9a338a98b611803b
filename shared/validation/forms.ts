import type { Table } from '../model/document';
import { parseAmount, toCents } from '../model/amount';
import type { Addend } from './context';
import { norm, stripOrdinal } from './text';

/**
 * Project forms (绩效目标表 / 绩效目标申报表 / 项目支出绩效自评表) read by their labels, whatever the grid:
 * each row is split into label → figures pairs (a label cell, then the numbers right of it up to the next label),
 * so the two-pair rows of the Shanxi 申报表 ("实施期资金总额: 4,431,000 | 年度资金总额: 4,431,000"), the one-column
 * Fujian 绩效目标表 and the six-column 自评表 (年初预算数 … 得分) read alike. A form starts at its 资金总额 line;
 * a table may hold several forms (the 自评 annex printed as one long table) and one form may come in a table the
 * extractor did not type as `performance` (its title lost), so every non-standard table is scanned.
 * Header rows are read too: some sources keep the whole form in the header (row index -1 in references).
 */

export type FundKey = 'total' | 'fiscal' | 'current' | 'carry' | 'other' | 'level' | 'self';

export interface FormFigure {
  cents: number;
  /** Label of the pair the figure belongs to ("年度资金总额"), for two-pair rows. */
  pairLabel: string;
  ref: Addend['ref'];
}

export interface FormLine {
  key: FundKey;
  label: string;
  row: number;
  /** Figures by column index, in cents of the form's unit. */
  cells: Map<number, FormFigure>;
  /** Columns printing a dash ("—"): not money columns in the 自评表 (分值 / 执行率 of the sub-lines). */
  dashes: Set<number>;
}

export interface ProjectForm {
  table: Table;
  index: number;
  name: string | null;
  /** 10000 when the form states 元 (the cents are then 元 cents), else 1. */
  scale: number;
  lines: FormLine[];
  /** Column labels of the form's header row (年初预算数 / 全年预算数 / 全年执行数 / 分值 / 执行率 / 得分). */
  header: Map<number, string>;
  grade: string | null;
  /** 资金支出计划: cumulative amounts at 3月底 / 6月底 … (Hebei template), in the order printed. */
  plan: FormFigure[];
}

/** Tables a form may sit in: the non-standard ones (a form whose title was lost can be typed anything of these). */
const FORM_HOSTS: ReadonlySet<string> = new Set(['performance', 'project', 'procurement', 'assets', 'other']);

/** Fund line kinds by meaning; variants of the three families of forms (FJ, SX, MoF 自评). */
export function fundKey(label: string, performance = false): FundKey | null {
  const t = stripOrdinal(label).replace(/[:：]$/u, '');
  if (t.length > 20) return null;
  if (/资金总额$|资金合计$|^资金总额|^项目资金总额/u.test(t)) return 'total';
  // Hebei 绩效目标表: "预算规模及资金用途 | 预算数 40.00 | 其中：财政资金 40.00 | 其他资金" (a 绩效 table only:
  // elsewhere 预算数 heads columns).
  if (performance && /^(?:预算数|项目预算数|预算金额)$/u.test(t)) return 'total';
  if (/上年结转/u.test(t)) return 'carry';
  if (/(?:当年|本年)(?:财政)?拨款|当年财政资金/u.test(t)) return 'current';
  if (/^财政(?:拨款)?(?:资金)?$/u.test(t)) return 'fiscal';
  if (/^其他资金$/u.test(t)) return 'other';
  if (/^(?:中央|省级|省|市级|市|县级|县|区级|市县(?:\(区\))?|地方)(?:级)?财政资金$/u.test(t)) return 'level';
  if (/^单位自筹(?:资金)?$|^自筹资金$/u.test(t)) return 'self';
  return null;
}

const PLAN_POINT = /^(?:[0-9]{1,2}月(?:底|末)?|第?[一二三四1-4]季度(?:末)?)$/u;
const HEADER_WORD = /预算数|执行数|执行率|分值|得分|决算数/u;
const MONEY_HEADER = /预算|执行数|金额|资金|决算/u;
const NOT_MONEY_HEADER = /率|分值|得分|%/u;

function isDash(s: string): boolean {
  return /^[-－—–─]+$/u.test(s);
}

function valueOf(text: string, value: number | null | undefined): number | null {
  if (value !== undefined && value !== null) return value;
  const p = parseAmount(text);
  return p.ok ? p.value : null;
}

const cache = new WeakMap<Table, ProjectForm[]>();

export function formsOf(t: Table): ProjectForm[] {
  let f = cache.get(t);
  if (!f) {
    f = FORM_HOSTS.has(t.type) ? readForms(t) : [];
    cache.set(t, f);
  }
  return f;
}

function unitIn(text: string): 1 | 10000 | null {
  if (/[(（]\s*万元\s*[)）]|单位[:：]?\s*万元/u.test(text)) return 1;
  if (/[(（]\s*元\s*[)）]|单位[:：]?\s*元/u.test(text)) return 10000;
  return null;
}

function readForms(t: Table): ProjectForm[] {
  const forms: ProjectForm[] = [];
  const rows: { row: number; cells: { text: string; value: number | null }[] }[] = [
    ...t.header.map((h) => ({ row: -1, cells: h.map((text) => ({ text, value: null })) })),
    ...t.rows.map((r, i) => ({ row: i, cells: r.cells.map((c) => ({ text: c.text, value: c.value })) })),
  ];
  let pendingName: string | null = null;
  let pendingUnit: 1 | 10000 | null = null;
  let pendingHeader = new Map<number, string>();
  let current: ProjectForm | null = null;
  // Whether fund lines still belong to `current` (they stop at the targets / indicators below the fund block).
  let open = false;
  let planFor: ProjectForm | null = null;
  for (const { row, cells } of rows) {
    const texts = cells.map((c) => norm(c.text));
    // A header row of the 自评表: remember its column labels for the next form.
    if (texts.filter((s) => HEADER_WORD.test(s)).length >= 2) {
      pendingHeader = new Map();
      texts.forEach((s, i) => s && pendingHeader.set(i, s));
    }
    for (const s of texts) {
      const u = unitIn(s);
      if (u) pendingUnit = u;
    }
    const nameAt = texts.findIndex((s) => /^(?:项目|专项)名称[:：]?$/u.test(s));
    if (nameAt >= 0) {
      // Spanning header cells repeat the label over the columns they cover.
      const name = texts.slice(nameAt + 1).find((s) => s !== '' && !/^(?:项目|专项)名称[:：]?$/u.test(s));
      if (name) pendingName = name;
    }
    const gradeAt = texts.findIndex((s) => /^评价等级/u.test(s));
    if (gradeAt >= 0 && current) {
      const g = texts.slice(gradeAt).join('');
      const m = /(优|良|中|差)/u.exec(g.replace(/^评价等级/u, ''));
      if (m) current.grade = m[1]!;
    }
    // 资金支出计划: a row of points in time ("3 月底 | 6 月底 | 10 月底 | 12 月底"), the figures on the next row.
    if (current && texts.filter((x) => PLAN_POINT.test(x)).length >= 2) {
      planFor = current;
      continue;
    }
    if (planFor) {
      const figs: FormFigure[] = [];
      cells.forEach((c, i) => {
        const v = valueOf(c.text, c.value);
        if (v !== null && !isDash(texts[i]!))
          figs.push({ cents: toCents(v), pairLabel: '', ref: { ref: { table: t.id, row, col: i }, key: '' } });
      });
      if (figs.length >= 2) planFor.plan = figs;
      planFor = null;
      if (figs.length >= 2) continue;
    }
    // Label → figures pairs.
    let label: { text: string; key: FundKey | null } | null = null;
    // One line per kind and row (the 申报表's 实施期 and 年度 pairs merge by column), except the 'level' lines, which
    // are several (中央 / 省级 / 市县财政资金) and keep their own labels.
    const lines = new Map<string, FormLine>();
    const lineId = (key: FundKey, text: string) => (key === 'level' ? text.replace(/^其中[:：]?/u, '') : key);
    cells.forEach((c, i) => {
      const s = texts[i]!;
      if (s === '') return;
      const v = valueOf(c.text, c.value);
      if (v === null && isDash(s)) {
        if (label?.key) lines.get(lineId(label.key, label.text))?.dashes.add(i);
        return;
      }
      if (v === null) {
        label = { text: s, key: fundKey(s, t.type === 'performance') };
        if (label.key && !lines.has(lineId(label.key, s)))
          lines.set(lineId(label.key, s), { key: label.key, label: s, row, cells: new Map(), dashes: new Set() });
        return;
      }
      if (!label?.key) return;
      const line = lines.get(lineId(label.key, label.text))!;
      line.cells.set(i, {
        cents: toCents(v),
        pairLabel: label.text,
        ref: { ref: { table: t.id, row, col: i }, key: '' },
      });
    });
    for (const line of lines.values()) {
      if (line.key === 'total') {
        current = {
          table: t,
          index: forms.length,
          name: pendingName ?? (forms.length === 0 ? nameOfTitle(t) : null),
          scale: pendingUnit ?? (t.moneyUnit === '元' ? 10000 : 1),
          lines: [],
          header: pendingHeader.size > 0 ? pendingHeader : columnHeader(t),
          grade: null,
          plan: [],
        };
        forms.push(current);
        open = true;
        pendingName = null;
        pendingHeader = new Map();
      }
      if (!current || !open || current.lines.some((l) => l.label === line.label)) continue;
      current.lines.push(line);
    }
    if (open && lines.size === 0 && rowEndsFunds(texts)) open = false;
  }
  for (const f of forms) {
    const who = f.name ?? `#${f.index + 1}`;
    for (const l of f.lines)
      for (const [col, fig] of l.cells) {
        const head = f.header.get(col) ?? fig.pairLabel;
        fig.ref = { ref: fig.ref.ref, key: `${t.id}:form:${who}:${l.label}:${head}` };
      }
    f.plan.forEach((p, k) => (p.ref = { ref: p.ref.ref, key: `${t.id}:form:${who}:plan${k}` }));
  }
  return forms;
}

/** Rows after the fund block (targets, indicators) end the form's fund lines; later fund-like words are text. */
function rowEndsFunds(texts: string[]): boolean {
  return texts.some((s) => /目标|指标|概况|依据|成效/u.test(s));
}

function columnHeader(t: Table): Map<number, string> {
  const m = new Map<number, string>();
  t.columns.forEach((c, i) => {
    const last = norm(c.label.split(' / ').pop() ?? '');
    if (HEADER_WORD.test(last)) m.set(i, last);
  });
  return m;
}

function nameOfTitle(t: Table): string | null {
  if (t.type !== 'performance') return null;
  const n = norm(t.title)
    .replace(/(?:项目)?(?:支出)?绩效(?:目标|自评|评价)?(?:申报)?表.*$/u, '')
    .replace(/^[0-9]{4}年度?/u, '');
  return n.length >= 2 ? n : null;
}

/** Money columns of a form: by the header words where there are some, else those not dashed in the sub-lines. */
export function moneyColumns(f: ProjectForm, total: FormLine): number[] {
  const cols = [...total.cells.keys()].sort((a, b) => a - b);
  if (f.header.size > 0) {
    const byHead = cols.filter((c) => {
      const h = f.header.get(c);
      return h !== undefined && MONEY_HEADER.test(h) && !NOT_MONEY_HEADER.test(h);
    });
    if (byHead.length > 0) return byHead;
  }
  const firstDash = Math.min(...f.lines.flatMap((l) => [...l.dashes]), Infinity);
  return cols.filter((c) => c < firstDash);
}

/** The column holding the year's budget: 全年预算数 / 年度资金总额 where named, else the first money column. */
export function budgetColumn(f: ProjectForm): number | null {
  const total = f.lines.find((l) => l.key === 'total');
  if (!total) return null;
  const cols = moneyColumns(f, total);
  const named =
    cols.find((c) => /全年预算|调整后预算/u.test(f.header.get(c) ?? '')) ??
    cols.find((c) => /年度/u.test(total.cells.get(c)?.pairLabel ?? '')) ??
    cols.find((c) => /预算/u.test(f.header.get(c) ?? ''));
  return named ?? cols[0] ?? null;
}

/** Project names compared by meaning: NFKC, no brackets/quotes/punctuation, then character-bigram overlap. */
export function projectKey(name: string): string {
  return norm(name).replace(/[()（）〔〕[\]【】《》"“”'‘’、,，.。:：\-—_·\s]/gu, '');
}

export function similarity(a: string, b: string): number {
  const x = projectKey(a);
  const y = projectKey(b);
  if (!x || !y) return 0;
  if (x === y) return 1;
  const bi = (s: string) => {
    const m = new Map<string, number>();
    for (let i = 0; i < s.length - 1; i++) m.set(s.slice(i, i + 2), (m.get(s.slice(i, i + 2)) ?? 0) + 1);
    return m;
  };
  const A = bi(x);
  const B = bi(y);
  let common = 0;
  for (const [k, n] of A) common += Math.min(n, B.get(k) ?? 0);
  const total = Math.max(1, x.length - 1 + y.length - 1);
  return (2 * common) / total;
}

import {
  SEVERITIES,
  type CellRef,
  type ExtractedDocument,
  type Finding,
  type Severity,
  type Cell,
} from '../../shared/model/document';
import { isRuleId, RULE_MODULES, RULES, type RuleId } from '../../shared/validation/registry';
import type { RuleFamily } from '../../shared/validation/rule';

/**
 * Findings as the reviewer works through them: in document order (table, row, column), filtered by severity and
 * table, waived ones out of the way, and the cells they touch for the grid's colours.
 */
export interface FindingFilter {
  severity: Severity | 'all';
  table: string | 'all';
  /** A rule id ("R4"), a rule family ("family:cross"), or all. */
  rule: string;
  /** Waived findings stay listed (greyed) unless hidden. */
  showWaived: boolean;
  /** Words the finding must contain (message in either language, rule id, reason); '' for any. */
  text: string;
}

export const DEFAULT_FILTER: FindingFilter = {
  severity: 'all',
  table: 'all',
  rule: 'all',
  showWaived: true,
  text: '',
};

/** Every space-separated word of `text` in the finding's rule id or message (case-insensitive). */
function textMatches(f: Finding, text: string): boolean {
  const words = text.trim().toLowerCase().split(/\s+/u).filter(Boolean);
  if (words.length === 0) return true;
  const hay = `${f.rule} ${f.message.zh} ${f.message.en}`.toLowerCase();
  return words.every((w) => hay.includes(w));
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, rounding: 2, info: 3 };

function position(
  doc: ExtractedDocument,
  order: Map<string, number>,
  refs: readonly CellRef[],
): [number, number, number] {
  let best: [number, number, number] = [Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER];
  for (const r of refs) {
    const p: [number, number, number] = [order.get(r.table) ?? doc.tables.length, r.row, r.col];
    if (p[0] < best[0] || (p[0] === best[0] && (p[1] < best[1] || (p[1] === best[1] && p[2] < best[2])))) best = p;
  }
  return best;
}

/** Document order: by the first cell each finding touches; findings without cells last, worst severity first. */
export function sortFindings(doc: ExtractedDocument, findings: readonly Finding[]): Finding[] {
  const order = new Map(doc.tables.map((t, i) => [t.id, i]));
  const keyed = findings.map((f) => ({ f, p: position(doc, order, f.refs) }));
  keyed.sort(
    (a, b) =>
      a.p[0] - b.p[0] ||
      a.p[1] - b.p[1] ||
      a.p[2] - b.p[2] ||
      SEVERITY_RANK[a.f.severity] - SEVERITY_RANK[b.f.severity] ||
      a.f.id.localeCompare(b.f.id),
  );
  return keyed.map((k) => k.f);
}

function ruleMatches(rule: string, wanted: string): boolean {
  if (wanted === 'all') return true;
  if (wanted.startsWith('family:')) return isRuleId(rule) && RULES[rule].family === wanted.slice(7);
  return rule === wanted;
}

/** The rule filter's choices: each family with the rules of it that have findings here, from the rule modules. */
export function ruleChoices(
  findings: readonly Finding[],
): { family: RuleFamily; rules: { id: RuleId; count: number }[] }[] {
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(f.rule, (counts.get(f.rule) ?? 0) + 1);
  const out: { family: RuleFamily; rules: { id: RuleId; count: number }[] }[] = [];
  for (const m of RULE_MODULES) {
    const n = counts.get(m.meta.id);
    if (!n) continue;
    let g = out.find((x) => x.family === m.meta.family);
    if (!g) {
      g = { family: m.meta.family, rules: [] };
      out.push(g);
    }
    g.rules.push({ id: m.meta.id, count: n });
  }
  return out;
}

export function filterFindings(
  findings: readonly Finding[],
  filter: FindingFilter,
  waivers: Record<string, string>,
): Finding[] {
  return findings.filter(
    (f) =>
      (filter.severity === 'all' || f.severity === filter.severity) &&
      (filter.table === 'all' || f.refs.some((r) => r.table === filter.table)) &&
      ruleMatches(f.rule, filter.rule) &&
      (filter.showWaived || !(f.id in waivers)) &&
      textMatches(f, filter.text ?? ''),
  );
}

/**
 * The next (dir 1) or previous (dir -1) finding to visit, wrapping around; waived findings are skipped since
 * they are settled. From nothing selected, F8 starts at the first and Shift+F8 at the last.
 */
export function stepFinding(
  list: readonly Finding[],
  current: string | null,
  dir: 1 | -1,
  waivers: Record<string, string>,
): Finding | null {
  const open = list.filter((f) => !(f.id in waivers));
  if (open.length === 0) return null;
  const at = current === null ? -1 : list.findIndex((f) => f.id === current);
  if (at < 0) return dir > 0 ? open[0]! : open[open.length - 1]!;
  for (let k = 1; k <= list.length; k++) {
    const f = list[(at + dir * k + list.length * k) % list.length]!;
    if (!(f.id in waivers)) return f;
  }
  return null;
}

export type SeverityCounts = Record<Severity, number>;

export function emptyCounts(): SeverityCounts {
  return { error: 0, warning: 0, rounding: 0, info: 0 };
}

/** Open (not waived) findings per table and severity; a finding spanning tables counts in each. */
export function countsByTable(
  findings: readonly Finding[],
  waivers: Record<string, string>,
): Map<string, SeverityCounts> {
  const out = new Map<string, SeverityCounts>();
  for (const f of findings) {
    if (f.id in waivers) continue;
    for (const table of new Set(f.refs.map((r) => r.table))) {
      const c = out.get(table) ?? emptyCounts();
      c[f.severity]++;
      out.set(table, c);
    }
  }
  return out;
}

export function totalCounts(findings: readonly Finding[], waivers: Record<string, string>): SeverityCounts {
  const c = emptyCounts();
  for (const f of findings) if (!(f.id in waivers)) c[f.severity]++;
  return c;
}

/** Cells of one table touched by open error / warning findings: "row:col", "row:*" (whole row) or "*" (whole table). */
export function failingCells(
  findings: readonly Finding[],
  waivers: Record<string, string>,
  table: string,
): Set<string> {
  const out = new Set<string>();
  for (const f of findings) {
    if (f.id in waivers || (f.severity !== 'error' && f.severity !== 'warning')) continue;
    for (const r of f.refs) {
      if (r.table !== table) continue;
      out.add(r.row < 0 ? '*' : r.col < 0 ? `${r.row}:*` : `${r.row}:${r.col}`);
    }
  }
  return out;
}

export function isFailing(set: ReadonlySet<string>, row: number, col: number): boolean {
  return set.has(`${row}:${col}`) || set.has(`${row}:*`) || set.has('*');
}

export const LOW_CONFIDENCE = 0.8;
export const CELL_STATUSES = ['extracted', 'low', 'corrected', 'confirmed', 'failing'] as const;
export type CellStatus = (typeof CELL_STATUSES)[number];

/** One colour per cell: a failing check outranks everything, a reviewer's confirmation outranks a correction. */
export function cellStatus(cell: Cell | undefined, failing: boolean): CellStatus {
  if (failing) return 'failing';
  if (!cell) return 'extracted';
  if (cell.confirmed) return 'confirmed';
  if (cell.corrected) return 'corrected';
  if (cell.confidence < LOW_CONFIDENCE) return 'low';
  return 'extracted';
}

export { SEVERITIES };

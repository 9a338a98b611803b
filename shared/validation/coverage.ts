import type { RuleId } from './registry';
import type { Text } from './rule';

/** One rule on one table (table-scope rules), on the tables of a unit, or on the document (table: null). */
export interface CoverageEntry {
  rule: RuleId;
  /** The table checked, or the first of the unit's tables the rule compares; null for the document as a whole. */
  table: string | null;
  /** Every table the check read (a unit rule compares several). */
  tables: string[];
  /** `skipped`: written for this table but its parts are missing; `not_applicable`: never meant for it. */
  status: 'ran' | 'skipped' | 'not_applicable';
  /** Why the check did not run; present unless it ran. */
  reason?: Text;
}

export interface Coverage {
  entries: CoverageEntry[];
}

export interface TableCoverage {
  ran: RuleId[];
  skipped: { rule: RuleId; reason: Text }[];
}

/** Per table: the rules that ran on it and those that could not, with why (unit rules count for every table read). */
export function coverageByTable(c: Coverage): Map<string, TableCoverage> {
  const out = new Map<string, TableCoverage>();
  for (const e of c.entries) {
    for (const t of e.tables) {
      let s = out.get(t);
      if (!s) {
        s = { ran: [], skipped: [] };
        out.set(t, s);
      }
      if (e.status === 'ran') {
        if (!s.ran.includes(e.rule)) s.ran.push(e.rule);
      } else if (e.status === 'skipped' && e.reason && !s.skipped.some((x) => x.rule === e.rule))
        s.skipped.push({ rule: e.rule, reason: e.reason });
    }
  }
  return out;
}

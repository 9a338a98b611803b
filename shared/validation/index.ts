import type { ExtractedDocument, Finding, Table } from '../model/document';
import { checkCodeNames, checkCodesInTable } from './codes';
import { checkCompleteness, kindOf } from './completeness';
import type { RuleContext } from './context';
import { toleranceOf, type ValidationOptions } from './findings';
import { checkNarrativeAmounts, checkNarrativeChanges } from './narrative';
import { checkNarrativeCounts, checkNarrativeSums } from './narrative-sums';
import { checkCross, groupByUnit, type UnitTables } from './rules-cross';
import { checkFinal } from './rules-final';
import { checkProjects } from './rules-projects';
import { checkSelfEvaluation } from './rules-selfeval';
import { checkTable } from './rules-table';
import { viewOf } from './view';
import type { DocumentRule } from './rule';
import C5 from './rules/C5';
import K4 from './rules/K4';

/** Rule modules written in the new shape, until the registry runs them (merged by hand). */
const DOCUMENT_RULES: DocumentRule[] = [C5, K4];

export type { ValidationOptions } from './findings';
export { RULES } from './rules';

export interface Validator {
  /** Findings for the document; tables whose object is unchanged since the last run are not re-checked. */
  run(doc: ExtractedDocument): Finding[];
}

/**
 * Incremental validation: per-table findings are cached by Table identity (applyOp replaces only the tables an edit
 * touches), table views likewise; the cross-table, narrative and completeness rules run every time over the cached
 * views, which is cheap.
 */
export function createValidator(opts?: ValidationOptions): Validator {
  const tol = toleranceOf(opts);
  const perTable = new WeakMap<Table, { kind: string | null; findings: Finding[] }>();
  return {
    run(doc) {
      const kind = kindOf(doc);
      const out: Finding[] = [];
      for (const t of doc.tables) {
        let c = perTable.get(t);
        if (!c || c.kind !== kind) {
          const ctx: RuleContext = { tol, kind, out: [] };
          const v = viewOf(t);
          checkTable(v, ctx);
          checkCodesInTable(v, ctx.out);
          c = { kind, findings: ctx.out };
          perTable.set(t, c);
        }
        out.push(...c.findings);
      }
      const ctx: RuleContext = { tol, kind, out };
      const units = groupByUnit(doc.tables);
      for (const u of units) unitRules(u, ctx);
      checkNarrativeAmounts(doc.narrative, units, ctx);
      checkNarrativeChanges(doc.narrative, ctx);
      checkNarrativeSums(doc.narrative, units, ctx);
      checkNarrativeCounts(doc.narrative, units, ctx);
      checkCompleteness(doc, units, ctx);
      for (const r of DOCUMENT_RULES) if (!r.applies({ doc, units }, ctx)) r.check({ doc, units }, ctx);
      checkCodeNames(
        units.flatMap((u) => u.all),
        ctx,
      );
      const seen = new Set<string>();
      return out.filter((f) => (seen.has(f.id) ? false : (seen.add(f.id), true)));
    },
  };
}

/** Rules over the tables of one unit: X1–X10, R8 (决算 T01 − T04), X11–X12 (projects and project forms), P1–P3 (自评表). */
function unitRules(u: UnitTables, ctx: RuleContext): void {
  checkCross(u, ctx);
  checkFinal(u, ctx);
  checkProjects(u, ctx);
  checkSelfEvaluation(u, ctx);
}

/** Cells ("table:row:col") that take part in at least one sum or comparison: the denominator of the mutation test. */
export function checkedCells(doc: ExtractedDocument, opts?: ValidationOptions): Set<string> {
  const seen = new Set<string>();
  const kind = kindOf(doc);
  const ctx: RuleContext = { tol: toleranceOf(opts), kind, out: [], seen };
  const units = groupByUnit(doc.tables);
  for (const t of doc.tables) checkTable(viewOf(t), ctx);
  for (const u of units) unitRules(u, ctx);
  checkNarrativeAmounts(doc.narrative, units, ctx);
  checkNarrativeChanges(doc.narrative, ctx);
  checkNarrativeSums(doc.narrative, units, ctx);
  checkNarrativeCounts(doc.narrative, units, ctx);
  return seen;
}

export function validate(doc: ExtractedDocument, opts?: ValidationOptions): Finding[] {
  return createValidator(opts).run(doc);
}

import type { ExtractedDocument, Finding, Table, TableType } from '../model/document';
import { kindOf } from './completeness';
import type { RuleContext } from './context';
import type { Coverage, CoverageEntry } from './coverage';
import { makeFinding, toleranceOf, type ValidationOptions } from './findings';
import { DOCUMENT_RULES, TABLE_RULES, UNIT_RULES, type RuleId } from './registry';
import type { DocumentInput, RuleMeta, Skip } from './rule';
import { groupByUnit, type UnitTables } from './rules-cross';
import { viewOf, type TableView } from './view';

export type { ValidationOptions } from './findings';
export type { Coverage, CoverageEntry } from './coverage';
export { coverageByTable } from './coverage';
export { RULES, RULE_IDS, RULE_MODULES, isRuleId, type RuleId } from './registry';

export interface Validator {
  /** Findings for the document; tables whose object is unchanged since the last run are not re-checked. */
  run(doc: ExtractedDocument): Finding[];
  /** Which rules ran on which tables in the last run, and which could not and why. */
  coverage(): Coverage;
}

/** A check that could not run on a table it was written for says so, as `info`: never silence, never an error. */
function notChecked(rule: RuleId, v: TableView, s: Skip): Finding {
  const t = v.table;
  return makeFinding({
    rule,
    severity: 'info',
    zh: `未核对：${t.title || t.id} ${s.zh}`,
    en: `Not checked: ${t.title || t.id} — ${s.en}`,
    expected: null,
    actual: null,
    refs: [{ ref: { table: t.id, row: -1, col: -1 }, key: `${t.id}:not-checked` }],
    discriminator: 'not-checked',
  });
}

interface TableRun {
  kind: RuleContext['kind'];
  findings: Finding[];
  coverage: CoverageEntry[];
}

function skipped(rule: RuleId, table: string | null, tables: string[], skip: Skip, quiet: boolean): CoverageEntry {
  return { rule, table, tables, status: quiet ? 'not_applicable' : 'skipped', reason: { zh: skip.zh, en: skip.en } };
}

/** The table-scope rules on one table: preconditions asked, checks run, skips recorded. */
function runTableRules(v: TableView, ctx: RuleContext, coverage: CoverageEntry[]): void {
  // A table printed empty has nothing a rule could fail to check.
  const empty = v.table.empty === true || v.table.rows.length === 0;
  const id = v.table.id;
  for (const rule of TABLE_RULES) {
    if (!(rule.meta.tables as readonly TableType[]).includes(v.type)) continue;
    const skip = rule.applies(v, ctx);
    if (skip) {
      const quiet = skip.quiet === true || empty;
      coverage.push(skipped(rule.meta.id, id, [id], skip, quiet));
      if (!quiet) ctx.out.push(notChecked(rule.meta.id, v, skip));
      continue;
    }
    rule.check(v, ctx);
    coverage.push({ rule: rule.meta.id, table: id, tables: [id], status: 'ran' });
  }
}

/**
 * The tables a unit rule reads: cross-table rules compare the first table of each type (the one `byType` holds);
 * project rules read every form of every table of their types.
 */
function tablesRead(u: UnitTables, meta: RuleMeta): string[] {
  const types = meta.tables as readonly TableType[];
  if (meta.family === 'projects') return u.all.filter((v) => types.includes(v.type)).map((v) => v.table.id);
  return types.flatMap((t) => {
    const v = u.byType.get(t);
    return v ? [v.table.id] : [];
  });
}

/** The unit-scope and document-scope rules, which compare tables and text and so run on every validation. */
function runDocumentRules(
  doc: ExtractedDocument,
  tables: readonly Table[],
  ctx: RuleContext,
  coverage: CoverageEntry[],
): void {
  const units = groupByUnit(tables);
  for (const u of units) {
    for (const rule of UNIT_RULES) {
      const read = tablesRead(u, rule.meta);
      if (rule.meta.tables.length > 0 && read.length === 0) continue;
      const skip = rule.applies(u, ctx);
      if (skip) {
        coverage.push(skipped(rule.meta.id, read[0] ?? null, read, skip, skip.quiet === true));
        continue;
      }
      rule.check(u, ctx);
      coverage.push({ rule: rule.meta.id, table: read[0] ?? null, tables: read, status: 'ran' });
    }
  }
  const input: DocumentInput = { doc, units };
  for (const rule of DOCUMENT_RULES) {
    const skip = rule.applies(input, ctx);
    if (skip) {
      coverage.push(skipped(rule.meta.id, null, [], skip, skip.quiet === true));
      continue;
    }
    rule.check(input, ctx);
    coverage.push({ rule: rule.meta.id, table: null, tables: [], status: 'ran' });
  }
}

/**
 * Incremental validation: per-table findings are cached by Table identity (applyOp replaces only the tables an edit
 * touches), table views likewise; the cross-table, narrative and completeness rules run every time over the cached
 * views, which is cheap.
 */
export function createValidator(opts?: ValidationOptions): Validator {
  const tol = toleranceOf(opts);
  const perTable = new WeakMap<Table, TableRun>();
  let last: Coverage = { entries: [] };
  return {
    run(doc) {
      const kind = kindOf(doc);
      const out: Finding[] = [];
      const coverage: CoverageEntry[] = [];
      for (const t of doc.tables) {
        let c = perTable.get(t);
        if (!c || c.kind !== kind) {
          const ctx: RuleContext = { tol, kind, out: [] };
          const entries: CoverageEntry[] = [];
          runTableRules(viewOf(t), ctx, entries);
          c = { kind, findings: ctx.out, coverage: entries };
          perTable.set(t, c);
        }
        out.push(...c.findings);
        coverage.push(...c.coverage);
      }
      runDocumentRules(doc, doc.tables, { tol, kind, out }, coverage);
      last = { entries: coverage };
      const seen = new Set<string>();
      return out.filter((f) => (seen.has(f.id) ? false : (seen.add(f.id), true)));
    },
    coverage: () => last,
  };
}

/** Cells ("table:row:col") that take part in at least one sum or comparison: the denominator of the mutation test. */
export function checkedCells(doc: ExtractedDocument, opts?: ValidationOptions): Set<string> {
  const seen = new Set<string>();
  const ctx: RuleContext = { tol: toleranceOf(opts), kind: kindOf(doc), out: [], seen };
  const coverage: CoverageEntry[] = [];
  for (const t of doc.tables) runTableRules(viewOf(t), ctx, coverage);
  runDocumentRules(doc, doc.tables, ctx, coverage);
  return seen;
}

export function validate(doc: ExtractedDocument, opts?: ValidationOptions): Finding[] {
  return createValidator(opts).run(doc);
}

/** Findings and the coverage of one validation run. */
export function validateWithCoverage(
  doc: ExtractedDocument,
  opts?: ValidationOptions,
): { findings: Finding[]; coverage: Coverage } {
  const v = createValidator(opts);
  const findings = v.run(doc);
  return { findings, coverage: v.coverage() };
}

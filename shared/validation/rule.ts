import { TABLE_TYPES, type ExtractedDocument, type Severity, type TableType } from '../model/document';
import type { RuleContext } from './context';
import type { UnitTables } from './rules-cross';
import type { TableView } from './view';

/** A message in both languages the workstation speaks. */
export interface Text {
  zh: string;
  en: string;
}

/** Where a rule belongs in DOMAIN.md, which the UI's filters and the export's legend group by. */
export type RuleFamily = 'table' | 'cross' | 'narrative' | 'completeness' | 'codes' | 'projects';

export interface RuleMeta<Id extends string = string> {
  id: Id;
  family: RuleFamily;
  /** Severity of a failed check; a difference within the rounding tolerance is always reported as `rounding`. */
  severity: Severity;
  /** The catalogue line: what the rule says. */
  title: Text;
  /** Table types the rule reads; empty when it reads the text or the document as a whole. */
  tables: readonly TableType[];
  /** What must be present for the check to run, shown in the coverage view beside a skipped check. */
  needs: Text;
}

/**
 * Why a check could not run on a table or a unit ("no 合计 row"). A quiet skip is recorded in the coverage but
 * reported to nobody: the generic sum rules meet many tables that were never meant to have the parts they need.
 */
export interface Skip extends Text {
  quiet?: boolean;
}

export function skip(zh: string, en: string, quiet = false): Skip {
  return quiet ? { zh, en, quiet } : { zh, en };
}

/** Every table type the arithmetic rules read: performance forms have their own rules (P1–P3, X11–X12). */
export const CHECKED_TABLES: readonly TableType[] = TABLE_TYPES.filter((t) => t !== 'performance');

export interface DocumentInput {
  doc: ExtractedDocument;
  units: UnitTables[];
}

interface RuleBase<Id extends string> {
  meta: RuleMeta<Id>;
}

/** Reads one table; its findings are cached per Table object. */
export interface TableRule<Id extends string = string> extends RuleBase<Id> {
  scope: 'table';
  /** null when the rule can run on this table, else why not; only asked for tables of `meta.tables`. */
  applies(v: TableView, ctx: RuleContext): Skip | null;
  check(v: TableView, ctx: RuleContext): void;
}

/** Compares the tables of one unit (X-rules, 决算 balances, project forms). */
export interface UnitRule<Id extends string = string> extends RuleBase<Id> {
  scope: 'unit';
  /** null when the unit holds what the rule compares; only asked when it holds at least one of `meta.tables`. */
  applies(u: UnitTables, ctx: RuleContext): Skip | null;
  check(u: UnitTables, ctx: RuleContext): void;
}

/** Reads the document as a whole: its text, its table list, every code it prints. */
export interface DocumentRule<Id extends string = string> extends RuleBase<Id> {
  scope: 'document';
  applies(d: DocumentInput, ctx: RuleContext): Skip | null;
  check(d: DocumentInput, ctx: RuleContext): void;
}

export type Rule<Id extends string = string> = TableRule<Id> | UnitRule<Id> | DocumentRule<Id>;

/** Keeps the rule id a literal type, so the registry's ids form the `RuleId` union. */
export function defineRule<const Id extends string, R extends Rule<Id>>(rule: R & { meta: RuleMeta<Id> }): R {
  return rule;
}

/** A precondition that always holds. */
export const always = (): null => null;

/** The first table of `types` the unit lacks, as a skip reason, or null when it has them all. */
export function missingTables(u: UnitTables, types: readonly TableType[], names: readonly Text[]): Skip | null {
  const i = types.findIndex((t) => !u.byType.has(t));
  if (i < 0) return null;
  const n = names[i]!;
  return { zh: `缺少${n.zh}`, en: `no ${n.en}`, quiet: true };
}

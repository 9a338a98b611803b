import type { Rule, RuleMeta } from './rule';
import C0 from './rules/C0';
import C1 from './rules/C1';
import C2 from './rules/C2';
import C3 from './rules/C3';
import C4 from './rules/C4';
import C5 from './rules/C5';
import K1 from './rules/K1';
import K2 from './rules/K2';
import K3 from './rules/K3';
import K4 from './rules/K4';
import N1 from './rules/N1';
import N2 from './rules/N2';
import N3 from './rules/N3';
import N4 from './rules/N4';
import N5 from './rules/N5';
import N6 from './rules/N6';
import N7 from './rules/N7';
import N8 from './rules/N8';
import P1 from './rules/P1';
import P3 from './rules/P3';
import R1 from './rules/R1';
import R10 from './rules/R10';
import R11 from './rules/R11';
import R12 from './rules/R12';
import R14 from './rules/R14';
import R2 from './rules/R2';
import R3 from './rules/R3';
import R4 from './rules/R4';
import R5 from './rules/R5';
import R6 from './rules/R6';
import R7 from './rules/R7';
import R8 from './rules/R8';
import R9 from './rules/R9';
import X1 from './rules/X1';
import X10 from './rules/X10';
import X2 from './rules/X2';
import X3 from './rules/X3';
import X4 from './rules/X4';
import X5 from './rules/X5';
import X6 from './rules/X6';
import X7 from './rules/X7';
import X8 from './rules/X8';
import X9 from './rules/X9';
import X11 from './rules/X11';
import X12 from './rules/X12';

/**
 * Every rule the workstation checks, in the order their findings are listed: a table's own sums, then the tables
 * of a unit against each other, then the text and the document as a whole. The catalogue, the UI's filters, the
 * export's legend and the CLI's rule list are read from here.
 */
export const RULE_MODULES = [
  R1,
  R2,
  R3,
  R4,
  R5,
  R6,
  R7,
  R9,
  R10,
  R11,
  R12,
  R14,
  K1,
  K2,
  X1,
  X2,
  X3,
  X4,
  X5,
  X6,
  X7,
  X8,
  X9,
  X10,
  R8,
  X11,
  X12,
  P1,
  P3,
  N1,
  N2,
  N3,
  N4,
  N5,
  N6,
  N7,
  N8,
  C0,
  C1,
  C2,
  C3,
  C4,
  C5,
  K3,
  K4,
] as const;

export type RuleId = (typeof RULE_MODULES)[number]['meta']['id'];

export const RULE_IDS: readonly RuleId[] = RULE_MODULES.map((r) => r.meta.id);

export function isRuleId(s: string): s is RuleId {
  return (RULE_IDS as readonly string[]).includes(s);
}

/** The catalogue: each rule's metadata by id. */
export const RULES = Object.fromEntries(RULE_MODULES.map((r) => [r.meta.id, r.meta])) as Record<
  RuleId,
  RuleMeta<RuleId>
>;

export const TABLE_RULES = RULE_MODULES.filter(
  (r): r is Extract<(typeof RULE_MODULES)[number], { scope: 'table' }> => r.scope === 'table',
);
export const UNIT_RULES = RULE_MODULES.filter(
  (r): r is Extract<(typeof RULE_MODULES)[number], { scope: 'unit' }> => r.scope === 'unit',
);
export const DOCUMENT_RULES = RULE_MODULES.filter(
  (r): r is Extract<(typeof RULE_MODULES)[number], { scope: 'document' }> => r.scope === 'document',
);

export type AnyRule = Rule<RuleId>;

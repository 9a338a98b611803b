import type { CellRef, Finding, Severity } from '../model/document';
import { hash32 } from './text';

export interface ValidationOptions {
  /** Tolerated difference per addend, in 万元 (DOMAIN §3: 0.005). */
  tolerancePerAddend?: number;
  /** Smallest tolerance, in 万元 (0.01). */
  toleranceMin?: number;
}

export interface Tolerance {
  perAddendCents: number;
  minCents: number;
}

export function toleranceOf(opts: ValidationOptions | undefined): Tolerance {
  return {
    perAddendCents: (opts?.tolerancePerAddend ?? 0.005) * 100,
    minCents: (opts?.toleranceMin ?? 0.01) * 100,
  };
}

/**
 * Tolerance in cents of the table's own unit: rounding happens once per printed (non-zero) addend, so a sum of
 * 26 classes where 24 print 0.00 carries the rounding of 2 figures, not 26. `scale` converts 万元 to the unit
 * (10000 for 元).
 */
export function allowedCents(tol: Tolerance, addends: number, scale = 1): number {
  return Math.max(tol.minCents, tol.perAddendCents * Math.max(1, addends)) * scale + 1e-9;
}

/** Where a check's situation is named for the finding id: labels, not indices, so ids survive row inserts. */
export interface RefKey {
  ref: CellRef;
  /** Semantic key of the cell (row code or label + column label). */
  key: string;
}

export interface Draft {
  rule: string;
  severity: Severity;
  zh: string;
  en: string;
  expected: number | null;
  actual: number | null;
  /** Tolerance applied, in the same unit as expected/actual. */
  tolerance?: number | null;
  refs: RefKey[];
  /** Extra discriminator for the id when refs alone do not name the situation. */
  discriminator?: string;
}

export function makeFinding(d: Draft): Finding {
  const keys = d.refs.map((r) => r.key).join('|');
  const id = `${d.rule}-${hash32(`${d.rule}|${d.discriminator ?? ''}|${keys}`)}`;
  const difference = d.expected !== null && d.actual !== null ? round2(d.actual - d.expected) : null;
  return {
    id,
    rule: d.rule,
    severity: d.severity,
    message: { zh: d.zh, en: d.en },
    expected: d.expected,
    actual: d.actual,
    difference,
    tolerance: d.tolerance ?? null,
    refs: uniqueRefs(d.refs.map((r) => r.ref)),
  };
}

function uniqueRefs(refs: CellRef[]): CellRef[] {
  const seen = new Set<string>();
  return refs.filter((r) => {
    const k = `${r.table}:${r.row}:${r.col}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export function round2(v: number): number {
  return Math.round(v * 100) / 100;
}

/** Formats cents of a unit as a printed amount. */
export function fmt(cents: number): string {
  const neg = cents < 0;
  const a = Math.abs(Math.round(cents));
  const s = `${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
  return neg ? `-${s}` : s;
}

/**
 * Compares an expected sum with a printed figure. Returns null when equal, else the severity: within tolerance
 * it is `rounding`, never `error`.
 */
export function judge(
  expectedCents: number,
  actualCents: number,
  addends: number,
  tol: Tolerance,
  failSeverity: Severity,
  scale = 1,
): Severity | null {
  const diff = Math.abs(actualCents - expectedCents);
  if (diff === 0) return null;
  if (diff <= allowedCents(tol, addends, scale)) return 'rounding';
  return failSeverity;
}

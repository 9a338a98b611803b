import type { Finding, Severity } from '../model/document';
import { allowedCents, fmt, judge, makeFinding, round2, type RefKey, type Tolerance } from './findings';
import { stripOrdinal } from './text';
import type { Entry, TableView } from './view';

/** What every rule needs: tolerance, document kind, and a sink for findings. */
export interface RuleContext {
  tol: Tolerance;
  kind: 'budget' | 'final' | null;
  out: Finding[];
  /** When set, every cell a check reads is recorded here ("table:row:col"), for coverage measurements. */
  seen?: Set<string>;
}

/** Records the cells a check reads (coverage for the mutation test); a no-op outside `checkedCells`. */
export function trace(ctx: RuleContext, refs: RefKey[]): void {
  if (!ctx.seen) return;
  for (const r of refs) if (r.ref.row >= 0 && r.ref.col >= 0) ctx.seen.add(`${r.ref.table}:${r.ref.row}:${r.ref.col}`);
}

export function entryName(e: Entry): string {
  return e.code ? `${e.code}${e.label ? ` ${e.label}` : ''}` : e.label || `#${e.row + 1}`;
}

export function colName(v: TableView, col: number): string {
  const c = v.cols[col];
  return c ? c.segs.join('/') || `col ${col + 1}` : `col ${col + 1}`;
}

export function refOf(v: TableView, e: Entry, slot: number): RefKey {
  const col = e.cols[slot] ?? -1;
  return {
    ref: { table: v.table.id, row: e.row, col },
    key: `${v.table.id}:${e.code ?? stripOrdinal(e.label)}:${col >= 0 ? colName(v, col) : ''}`,
  };
}

export function rowRef(v: TableView, e: Entry): RefKey {
  return { ref: { table: v.table.id, row: e.row, col: -1 }, key: `${v.table.id}:${e.code ?? e.label}` };
}

export interface Addend {
  cents: number;
  ref: RefKey;
}

/**
 * One sum check: `total` printed against Σ addends, in cents of one unit (`scale` converts 万元 tolerance to it).
 * Reports nothing when equal, `rounding` within tolerance, else `severity`.
 */
export function checkSum(
  ctx: RuleContext,
  rule: string,
  severity: Severity,
  total: Addend,
  addends: Addend[],
  text: { zh: string; en: string },
  scale = 1,
  discriminator?: string,
): void {
  trace(ctx, [total.ref, ...addends.map((a) => a.ref)]);
  const sum = addends.reduce((s, a) => s + a.cents, 0);
  const nonZero = addends.filter((a) => a.cents !== 0).length;
  const sev = judge(sum, total.cents, nonZero, ctx.tol, severity, scale);
  if (!sev) return;
  const diff = total.cents - sum;
  ctx.out.push(
    makeFinding({
      rule,
      severity: sev,
      zh: `${text.zh}：印 ${fmt(total.cents)}，合计应为 ${fmt(sum)}，差 ${fmt(diff)}${sev === 'rounding' ? '（尾数误差）' : ''}`,
      en: `${text.en}: printed ${fmt(total.cents)}, sum is ${fmt(sum)}, difference ${fmt(diff)}${sev === 'rounding' ? ' (rounding)' : ''}`,
      expected: sum / 100,
      actual: total.cents / 100,
      tolerance: round2(allowedCents(ctx.tol, nonZero, scale) / 100),
      refs: [total.ref, ...addends.map((a) => a.ref)],
      discriminator,
    }),
  );
}

/** Two printed figures that must be equal (or `lhs ≤ rhs` when `atMost`). */
export function checkEqual(
  ctx: RuleContext,
  rule: string,
  severity: Severity,
  a: Addend,
  b: Addend,
  text: { zh: string; en: string },
  opts: {
    atMost?: boolean;
    addends?: number;
    discriminator?: string;
    extraRefs?: RefKey[];
    hint?: { zh: string; en: string };
  } = {},
): void {
  trace(ctx, [a.ref, b.ref, ...(opts.extraRefs ?? [])]);
  const diff = a.cents - b.cents;
  if (diff === 0) return;
  if (opts.atMost && diff < 0) return;
  const n = opts.addends ?? 1;
  const sev = judge(b.cents, a.cents, n, ctx.tol, severity);
  if (!sev) return;
  const rel = opts.atMost ? '≤' : '=';
  ctx.out.push(
    makeFinding({
      rule,
      severity: sev,
      zh: `${text.zh}：${fmt(a.cents)} 应 ${rel} ${fmt(b.cents)}，差 ${fmt(diff)}${sev === 'rounding' ? '（尾数误差）' : ''}${opts.hint ? `。${opts.hint.zh}` : ''}`,
      en: `${text.en}: ${fmt(a.cents)} should be ${rel} ${fmt(b.cents)}, difference ${fmt(diff)}${sev === 'rounding' ? ' (rounding)' : ''}${opts.hint ? `. ${opts.hint.en}` : ''}`,
      expected: b.cents / 100,
      actual: a.cents / 100,
      tolerance: round2(allowedCents(ctx.tol, n) / 100),
      refs: [a.ref, b.ref, ...(opts.extraRefs ?? [])],
      discriminator: opts.discriminator,
    }),
  );
}

const memo = new WeakMap<object, WeakMap<object, { tol: Tolerance; kind: RuleContext['kind']; out: Finding[] }>>();

/**
 * Runs a check that reads one table only, remembering its findings per Table object (applyOp replaces only the
 * tables an edit touches) and per tolerance/kind; coverage runs (`ctx.seen`) are never cached, they trace cells.
 */
export function perTable(check: object, table: object, ctx: RuleContext, run: (c: RuleContext) => void): void {
  if (ctx.seen) return run(ctx);
  let byTable = memo.get(check);
  if (!byTable) {
    byTable = new WeakMap();
    memo.set(check, byTable);
  }
  let hit = byTable.get(table);
  if (!hit || hit.tol !== ctx.tol || hit.kind !== ctx.kind) {
    const sub: RuleContext = { tol: ctx.tol, kind: ctx.kind, out: [] };
    run(sub);
    hit = { tol: ctx.tol, kind: ctx.kind, out: sub.out };
    byTable.set(table, hit);
  }
  ctx.out.push(...hit.out);
}

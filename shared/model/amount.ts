/**
 * Amount parsing shared by extraction, the grid (typed input) and validation, so that a value means the same
 * everywhere. Blank and dash placeholders are "no value" (null), never 0.
 */
export type ParsedAmount = { ok: true; value: number | null } | { ok: false; reason: string };

const BLANK = /^(?:|[-－—–─]+|——|\/)$/u;

export function parseAmount(raw: string): ParsedAmount {
  const s = raw.normalize('NFKC').replace(/\s+/gu, '').replace(/[,，]/gu, '');
  if (BLANK.test(s)) return { ok: true, value: null };
  const neg = /^\((.*)\)$/u.exec(s);
  const body = neg ? `-${neg[1]}` : s;
  if (!/^[-+]?(?:\d+\.?\d*|\.\d+)$/u.test(body)) return { ok: false, reason: `not a number: ${raw}` };
  const value = Number(body);
  return Number.isFinite(value) ? { ok: true, value } : { ok: false, reason: `not a number: ${raw}` };
}

/** Amounts compared and summed as integer hundredths (0.01 万元) so binary floating point never decides a check. */
export function toCents(v: number): number {
  return Math.round(v * 100);
}

export function formatAmount(v: number | null, decimals = 2): string {
  if (v === null) return '';
  return v.toFixed(decimals);
}

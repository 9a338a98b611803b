import { parseAmount } from '../../shared/model/amount';

/** A printed amount: digits with optional thousands separators and decimals, maybe negative or bracketed. */
const AMOUNT = /^[-+(]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?\)?%?$/u;
const DECIMAL_AMOUNT = /^[-+(]?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d+\)?$/u;
const DASHES = /^(?:[-－—–─]+|——)$/u;

export function isAmountText(s: string): boolean {
  const t = s.replace(/\s+/gu, '');
  return AMOUNT.test(t) && !/%$/u.test(t);
}

/** Decimal amounts (and thousands-separated integers) are what data rows carry; plain small integers may be 栏次. */
export function isDataAmount(s: string): boolean {
  const t = s.replace(/\s+/gu, '');
  return DECIMAL_AMOUNT.test(t) || /^\d{1,3}(?:,\d{3})+$/u.test(t);
}

export function isDash(s: string): boolean {
  return DASHES.test(s.replace(/\s+/gu, ''));
}

/** 功能分类 (3/5/7 digits) and 经济分类 (3/5 digits) codes. */
export function isSubjectCode(s: string): boolean {
  return /^\d{3}(?:\d{2}){0,2}$/u.test(s.replace(/\s+/gu, ''));
}

export interface RepairedNumber {
  text: string;
  value: number | null;
  repaired: boolean;
}

/**
 * An amount whose pieces were printed apart ("1093" + ".83" on two lines, "3. 20", "4 641.18"): when the text
 * without whitespace is one well-formed amount, that is the cell's reading.
 */
export function repairAmount(raw: string): RepairedNumber | null {
  const compact = raw.replace(/\s+/gu, '');
  if (!compact || !isAmountText(compact)) return null;
  const parsed = parseAmount(compact);
  if (!parsed.ok) return null;
  return { text: compact, value: parsed.value, repaired: compact !== raw.trim() };
}

/** The value of a cell's text: a number, or null (blank, dash, words). Never an invented 0. */
export function cellValue(text: string): number | null {
  if (!text) return null;
  const r = repairAmount(text);
  return r ? r.value : null;
}

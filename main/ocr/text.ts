import { normalizeText } from '../pdf/normalize';

const CJK = '\\p{Script=Han}\\u3000-\\u303F\\uFF01-\\uFF5E';
const CJK_GAP = new RegExp(`([${CJK}])\\s+(?=[${CJK}])`, 'gu');

/** Tesseract's Chinese model separates every character by a space; printed Chinese has none. */
export function removeCjkSpaces(s: string): string {
  return s.replace(CJK_GAP, '$1');
}

/** Letters the recogniser confuses with digits; only applied where the rest of the token is numeric. */
const DIGIT_LOOKALIKE: Record<string, string> = {
  O: '0',
  o: '0',
  D: '0',
  Q: '0',
  l: '1',
  I: '1',
  i: '1',
  '|': '1',
  S: '5',
  s: '5',
  B: '8',
  Z: '2',
  z: '2',
};

/**
 * Repairs an amount cell the way a reviewer reads it: look-alike letters become digits, a comma before the last
 * two digits is the decimal point (amounts in these tables carry two decimals), thousands separators stay. A token
 * with real letters or Chinese in it is left alone.
 */
export function repairNumericToken(token: string): string {
  const t = token.trim();
  if (!/\d/u.test(t)) return token;
  const core = t.replace(/^[-−—]/u, '');
  const body = core.replace(/[OoDQlIi|SsBZz]/gu, (ch) => DIGIT_LOOKALIKE[ch] ?? ch);
  if (!/^[\d.,，。·:：]+$/u.test(body)) return token;
  // Letters may only fill in among at least as many real digits (a code like "SO" stays text).
  const digits = (core.match(/\d/gu) ?? []).length;
  if (digits < core.length - digits - (core.match(/[.,，。·:：]/gu) ?? []).length) return token;
  // A colon is a decimal point whose dot the scan doubled ("0:00").
  let s = body.replace(/[，]/gu, ',').replace(/[。·:：]/gu, '.');
  // Stray separators at either end are scanner dust.
  s = s.replace(/^[.,]+|[.,]+$/gu, '');
  // "1,234,56" / "866,53": the last separator before exactly two digits is the decimal point.
  const last = /[.,](\d{2})$/u.exec(s);
  if (last) s = `${s.slice(0, last.index).replace(/\./gu, ',')}.${last[1]}`;
  // Thousands groups are three digits; anything else is a misread separator and goes.
  s = s.replace(/,(?!\d{3}(?:[,.]|$))/gu, '');
  const sign = /^[-−—]/u.test(t) ? '-' : '';
  return sign + s;
}

/** One recognised word's text as the engine stores it: NFKC, CJK spacing removed, amount tokens repaired. */
export function cleanWordText(s: string): string {
  const n = removeCjkSpaces(normalizeText(s)).trim();
  const tokens = n.split(/\s+/u).map(repairNumericToken);
  // Beside an amount, a lone Latin letter or mark is a speck the recogniser read ("b 1637.31"): the amount stands.
  if (tokens.length > 1 && tokens.some((t) => AMOUNT.test(t)))
    return tokens.filter((t) => AMOUNT.test(t) || !/^[A-Za-z'`"^~.,:;_|\\/-]$/u.test(t)).join(' ');
  return tokens.join(' ');
}

const AMOUNT = /^-?\d{1,3}(?:,\d{3})*(?:\.\d+)?$|^-?\d+(?:\.\d+)?$/u;

export function isCjk(ch: string): boolean {
  return new RegExp(`^[${CJK}]$`, 'u').test(ch);
}

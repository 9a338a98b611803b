import type { Slot } from './matrix';
import { isAmountText, isDash, isDataAmount, isSubjectCode } from './numbers';

const COLUMN_NUMBER_ROW = /^(?:栏次|行次|栏|次|序号)$/u;

/** A 栏次/行次 row: a marker word and/or the columns numbered 1, 2, 3 … */
export function isColumnNumberRow(texts: string[]): boolean {
  const ne = texts.map((t) => t.replace(/\s+/gu, '')).filter(Boolean);
  if (ne.length < 2) return false;
  const marker = ne.some((t) => /^(?:栏次|行次)$/u.test(t));
  const nums = ne.filter((t) => /^\d{1,2}$/u.test(t)).map(Number);
  const others = ne.filter((t) => !/^\d{1,2}$/u.test(t) && !COLUMN_NUMBER_ROW.test(t) && !/^[类款项\s]+$/u.test(t));
  if (others.length > 0) return false;
  if (marker) return true;
  // Consecutive small integers across the row (1 2 3 …) number the columns.
  return nums.length >= 3 && nums.every((n, i) => i === 0 || n === nums[i - 1]! + 1);
}

/** A body row: carries a decimal amount, or starts with a subject code. */
export function isDataRow(row: Slot[]): boolean {
  const texts = row.map((s) => (s.origin ? s.text : ''));
  if (isColumnNumberRow(texts)) return false;
  if (texts.some((t) => isDataAmount(t))) return true;
  const first = texts.find((t) => t !== '');
  return first !== undefined && isSubjectCode(first) && texts.filter(Boolean).length >= 2;
}

/** A figure in a body cell: a count, an amount, a percentage or a dash standing for none — not a year heading. */
function isFigure(t: string): boolean {
  const s = t.replace(/\s+/gu, '');
  if (/^(?:19|20)\d{2}$/u.test(s)) return false;
  return isAmountText(s) || /^[-+(]?\d[\d,]*(?:\.\d+)?%\)?$/u.test(s) || isDash(s);
}

/**
 * Header depth of a table without budget amounts (counts, percentages, words): the body starts at the first row with
 * a figure in it; with no figures at all, below the rows holding a label that spans columns and the row of labels
 * they head (or the first row alone).
 */
function genericHeaderDepth(m: Slot[][]): number {
  for (let r = 0; r < m.length; r++) {
    const row = m[r]!;
    if (isColumnNumberRow(row.map((s) => s.text))) continue;
    if (row.some((s) => s.origin && isFigure(s.text))) return r;
  }
  let spanning = 0;
  while (spanning < m.length && m[spanning]!.some((s) => s.origin && s.colSpan > 1)) spanning++;
  let depth = Math.min(m.length, spanning + 1);
  // Down to the row that splits each spanning label into its own labels (本年支出 over 合计 | 基本支出 | 项目支出,
  // which may sit a row lower than the 项目 over 编码 | 名称 beside it).
  for (let r = 0; r < spanning; r++)
    m[r]!.forEach((s, c) => {
      if (!s.origin || s.colSpan < 2) return;
      for (let k = r + 1; k < m.length && k < r + 4; k++) {
        const under = m[k]!.slice(c, c + s.colSpan);
        if (under.every((u) => u.origin && u.text) && new Set(under.map((u) => u.text)).size === s.colSpan) {
          depth = Math.max(depth, k + 1);
          break;
        }
      }
    });
  return depth;
}

/**
 * Number of header rows at the top of a grid: everything above the first body row (a decimal amount, a subject code).
 * A grid with none is read by its figures or its spanning labels; a grid with no figures either (a table printed
 * empty) keeps its label rows as header only where the caller knows it is empty, and callers decide for forms.
 */
export function headerDepth(m: Slot[][]): number {
  for (let r = 0; r < m.length; r++) if (isDataRow(m[r]!)) return r;
  return genericHeaderDepth(m);
}

/** Header rows as printed: a spanning cell's text repeated in every position it covers. */
export function headerRows(m: Slot[][], depth: number): string[][] {
  return m.slice(0, depth).map((row) => row.map((s) => s.text));
}

/** Column labels as header paths ("本年收入 / 财政拨款收入"): each column's distinct texts top to bottom. */
export function columnLabels(header: string[][], cols: number): string[] {
  const labels: string[] = [];
  for (let c = 0; c < cols; c++) {
    const parts: string[] = [];
    for (const row of header) {
      const t = (row[c] ?? '').replace(/\s+/gu, '');
      if (!t || /^(?:栏次|行次|\d{1,2})$/u.test(t)) continue;
      if (parts[parts.length - 1] !== t) parts.push(t);
    }
    labels.push(parts.join(' / '));
  }
  return labels;
}

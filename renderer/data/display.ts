import type { Table } from '../../shared/model/document';

/**
 * How the grid shows what it holds: amounts with thousands separators (the printed text is what is stored and what
 * the editor shows), and column widths from the widest text a column holds, so a number is never cut.
 */

/** 4641.18 → "4,641.18"; negatives keep their minus sign. */
export function groupedAmount(v: number, decimals = 2): string {
  const fixed = Math.abs(v).toFixed(decimals);
  const [int, frac] = fixed.split('.');
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/gu, ',');
  const sign = v < 0 && Number(fixed) !== 0 ? '-' : '';
  return frac === undefined ? `${sign}${grouped}` : `${sign}${grouped}.${frac}`;
}

/**
 * The text the grid draws for an amount cell: grouped, to the cent like every figure of the column (so they align),
 * when it parsed; as printed when it did not.
 */
export function displayAmount(cell: { text: string; value: number | null } | undefined): string {
  if (!cell) return '';
  return cell.value === null ? cell.text : groupedAmount(cell.value, 2);
}

/** Width in px of `text` at the grid's 12 px font: CJK and full-width characters one em, others about 0.6 em. */
export function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u2e80-\uffef]/u.test(ch) ? 12 : /[0-9.,\-]/u.test(ch) ? 7.2 : 7;
  return w;
}

export type ColumnKind = 'amount' | 'name' | 'code' | 'text';

const LIMITS: Record<ColumnKind, [number, number]> = {
  amount: [76, 220],
  name: [120, 320],
  code: [72, 160],
  text: [80, 280],
};

/**
 * A column's width: its widest cell (as displayed) plus the cell's padding, at least as wide as two header lines
 * need (headers wrap), within the limits of its kind. Amount columns are never narrower than their widest figure.
 */
export function columnWidth(t: Table, col: number, kind: ColumnKind, header: string): number {
  let widest = 0;
  for (const r of t.rows) {
    const c = r.cells[col];
    if (!c) continue;
    const shown = kind === 'amount' ? displayAmount(c) : c.text;
    widest = Math.max(widest, textWidth(shown));
  }
  const [lo, hi] = LIMITS[kind];
  const cellNeed = widest + 26 + (kind === 'name' ? 40 : 0); // padding, and the 款/项 indent of names
  const headerNeed = Math.min(textWidth(header) / 2 + 30, hi);
  const w = Math.ceil(Math.max(lo, cellNeed, headerNeed));
  return kind === 'amount' ? Math.max(w, Math.ceil(cellNeed)) : Math.min(hi, w);
}

import type { Line, Token } from './stream-lines';
import { median } from './stream-lines';
import { tokenColumns } from './stream-columns';

/** A token placed on the grid: rows r0..r1 and columns c0..c1 (inclusive). */
export interface Placement {
  token: Token;
  r0: number;
  r1: number;
  c0: number;
  c1: number;
}

export interface RowLayout {
  placements: Placement[];
  rows: number;
  headerRows: number;
  /** Lines glued into a row above/below them (wrapped cells); they lower confidence a little. */
  wrapped: number;
}

/** A line with an amount in it: the evidence that fixes where body rows are. */
export function isAnchor(l: Line): boolean {
  return l.tokens.some((t) => t.numeric);
}

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
}

/**
 * Row pitch of the body: the distance between neighbouring lines that both carry amounts (two single-line
 * rows) when there are enough such pairs; otherwise the median distance between neighbouring lines.
 */
function rowPitch(lines: Line[], fs: number): number {
  const adjacent: number[] = [];
  const all: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const d = lines[i - 1]!.yc - lines[i]!.yc;
    all.push(d);
    if (isAnchor(lines[i - 1]!) && isAnchor(lines[i]!)) adjacent.push(d);
  }
  if (adjacent.length >= 2) return quantile(adjacent, 0.25);
  if (!all.length) return 1.6 * fs;
  return median(all);
}

function completeAmount(t: Token): boolean {
  return t.numeric && !/^\.|\.$/.test(t.text);
}

/** Two lines that both hold a complete amount in the same column are different rows. */
function conflict(a: Line, b: Line, edges: number[]): boolean {
  const cols = new Set<number>();
  for (const t of a.tokens) if (completeAmount(t)) cols.add(tokenColumns(t, edges)[0]);
  return b.tokens.some((t) => completeAmount(t) && cols.has(tokenColumns(t, edges)[0]));
}

/**
 * Lines → body rows. Lines much closer than the row pitch belong to one row (a wrapped name, amounts
 * centred on a two-line cell), unless two of them carry amounts in the same column.
 */
function bodyRows(lines: Line[], edges: number[], pitch: number): { rows: Line[][]; wrapped: number } {
  const tau = 0.86 * pitch;
  const clusters: Line[][] = [];
  for (const l of lines) {
    const last = clusters[clusters.length - 1];
    if (last && last[last.length - 1]!.yc - l.yc < tau) last.push(l);
    else clusters.push([l]);
  }
  const rows: Line[][] = [];
  let wrapped = 0;
  for (const cl of clusters) {
    const seeds: Line[][] = [];
    for (const l of cl.filter(isAnchor)) {
      const prev = seeds[seeds.length - 1];
      if (prev && !prev.some((p) => conflict(p, l, edges)) && prev[prev.length - 1]!.yc - l.yc < 0.5 * pitch)
        prev.push(l);
      else seeds.push([l]);
    }
    if (seeds.length <= 1) {
      rows.push(cl);
      wrapped += cl.length - 1;
      continue;
    }
    const groups = seeds.map((s) => [...s]);
    for (const l of cl) {
      if (isAnchor(l)) continue;
      let best = 0;
      let bestD = Infinity;
      seeds.forEach((s, i) => {
        const d = Math.min(...s.map((a) => Math.abs(a.yc - l.yc)));
        if (d < bestD) {
          bestD = d;
          best = i;
        }
      });
      groups[best]!.push(l);
      wrapped++;
    }
    for (const g of groups) rows.push(g.sort((a, b) => b.yc - a.yc));
  }
  return { rows, wrapped };
}

/**
 * Header lines (above the first amount) → header rows. Tokens of one column that stack with ordinary
 * line spacing are one wrapped cell; where a column holds two separate cells one above the other, a
 * row boundary runs between them, and a cell that straddles such a boundary spans both rows.
 */
function headerRows(
  lines: Line[],
  edges: number[],
  fs: number,
  base: number,
): { placements: Placement[]; rows: number } {
  type Block = { c0: number; c1: number; y0: number; y1: number; tokens: Token[] };
  const blocks: Block[] = [];
  const toks = lines.flatMap((l) => l.tokens).sort((a, b) => b.y1 - a.y1 || a.x0 - b.x0);
  for (const t of toks) {
    const [c0, c1] = tokenColumns(t, edges);
    const same = blocks.find((b) => b.c0 === c0 && b.c1 === c1 && b.y0 - t.y1 <= 0.6 * fs && t.y0 < b.y1);
    if (same) {
      same.tokens.push(t);
      same.y0 = Math.min(same.y0, t.y0);
      same.y1 = Math.max(same.y1, t.y1);
    } else blocks.push({ c0, c1, y0: t.y0, y1: t.y1, tokens: [t] });
  }
  const rawCuts: number[] = [];
  for (let c = 0; c < edges.length - 1; c++) {
    const stack = blocks.filter((b) => b.c0 <= c && c <= b.c1).sort((a, b) => b.y1 - a.y1);
    for (let i = 1; i < stack.length; i++) {
      const up = stack[i - 1]!;
      const low = stack[i]!;
      if (up.y0 >= low.y1 - 0.2 * fs) rawCuts.push((up.y0 + low.y1) / 2);
    }
  }
  rawCuts.sort((a, b) => b - a);
  const cuts: number[] = [];
  const groups: number[][] = [];
  for (const c of rawCuts) {
    const g = groups[groups.length - 1];
    if (g && g[g.length - 1]! - c < 0.5 * fs) g.push(c);
    else groups.push([c]);
  }
  for (const g of groups) cuts.push(g.reduce((s, v) => s + v, 0) / g.length);
  const band = (y: number): number => cuts.filter((c) => c > y).length;
  const placements: Placement[] = [];
  for (const b of blocks) {
    const r0 = band(b.y1 - 1);
    const r1 = Math.max(r0, band(b.y0 + 1));
    for (const t of b.tokens) placements.push({ token: t, r0: base + r0, r1: base + r1, c0: b.c0, c1: b.c1 });
  }
  return { placements, rows: cuts.length + 1 };
}

/** A header line has text over the columns where the body line below it has amounts. */
function isHeaderLike(line: Line, below: Line, edges: number[]): boolean {
  const amountCols = new Set(below.tokens.filter((t) => t.numeric).map((t) => tokenColumns(t, edges)[0]));
  return line.tokens.some((t) => {
    const [c0, c1] = tokenColumns(t, edges);
    for (let c = c0; c <= c1; c++) if (amountCols.has(c)) return true;
    return false;
  });
}

export function layoutRows(lines: Line[], edges: number[], fs: number, ruleYs: number[] = []): RowLayout {
  const pitch = rowPitch(lines, fs);
  const anchors = lines.filter(isAnchor).length;
  const firstAnchor = lines.findIndex(isAnchor);
  let headerEnd = anchors >= 1 && firstAnchor > 0 ? firstAnchor : 0;
  // A line just above the first amounts, closer than a row pitch, is the first row's wrapped label.
  while (
    headerEnd > 0 &&
    lines[headerEnd - 1]!.yc - lines[headerEnd]!.yc < 0.86 * pitch &&
    !isHeaderLike(lines[headerEnd - 1]!, lines[headerEnd]!, edges)
  )
    headerEnd--;
  // A header deeper than a few label rows means the amounts were not recognised: no header then.
  if (headerEnd > Math.max(6, 0.4 * lines.length)) headerEnd = 0;
  // A rule drawn under the header ends it, even when label rows (no amounts) follow before the first amounts.
  for (let k = headerEnd; k > 0; k--) {
    const up = lines[k - 1]!;
    const low = lines[k]!;
    if (k < headerEnd && ruleYs.some((y) => y < up.y0 + 0.5 && y > low.y1 - 0.5)) {
      headerEnd = k;
      break;
    }
  }
  const placements: Placement[] = [];
  let rows = 0;
  // The header is one cluster: its rows come from how labels stack in each column, not from line spacing,
  // because header lines are often set as tightly as body rows.
  const header = lines.slice(0, headerEnd);
  const hClusters: Line[][] = header.length ? [header] : [];
  for (const cl of hClusters) {
    const h = headerRows(cl, edges, fs, rows);
    placements.push(...h.placements);
    rows += h.rows;
  }
  const headerRowsN = rows;
  const body = bodyRows(lines.slice(headerEnd), edges, pitch);
  for (const r of body.rows) {
    for (const l of r) {
      for (const t of l.tokens) {
        const [c0, c1] = tokenColumns(t, edges);
        placements.push({ token: t, r0: rows, r1: rows, c0, c1 });
      }
    }
    rows++;
  }
  return { placements, rows, headerRows: headerRowsN, wrapped: body.wrapped };
}

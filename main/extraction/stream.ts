import { EXTRACTION } from './settings';
import type { BBox } from '../../shared/model';
import type { PageContent, Segment } from '../pdf/types';
import type { GridCell, PageGrid } from './grid';
import { buildLines, chunks, inBox, median, selectRuns, type Line } from './stream-lines';
import { findSeparators } from './stream-columns';
import { layoutRows, type Placement } from './stream-rows';

/**
 * Stream (whitespace) table detection: tables printed without cell borders, at most with rules above and
 * below. Columns come from x bands that the lines of a candidate block leave empty (amount columns align on
 * their right edge, text columns on their left, so the band between two columns is empty in every row);
 * rows come from baselines, with lines much closer than the row pitch kept in one row.
 */
export interface StreamOptions {
  /** A box the reviewer drew: everything in it is one table. */
  region?: BBox;
  /** Regions other detectors (lattice) already claimed. */
  exclude?: BBox[];
}

const MAX_CONFIDENCE = EXTRACTION.streamConfidence.value;

function isMulti(l: Line): boolean {
  return chunks(l).length >= 2;
}

/**
 * A one-chunk line that starts or ends where chunks of the table's tabular lines do (a row that only fills
 * its label column, a wrapped label) belongs to the table; a paragraph running across it does not.
 */
function fitsColumns(l: Line, table: Line[]): boolean {
  const ch = chunks(l);
  if (ch.length !== 1) return isMulti(l);
  const c = ch[0]!;
  const ref = table.filter(isMulti).flatMap(chunks);
  if (!ref.length) return false;
  const x0 = Math.min(...table.map((t) => t.x0));
  const x1 = Math.max(...table.map((t) => t.x1));
  if (c.x1 - c.x0 > 0.6 * (x1 - x0)) return false;
  return ref.some((r) => Math.abs(r.x0 - c.x0) <= 2 || Math.abs(r.x1 - c.x1) <= 2);
}

function horizontalRules(segments: Segment[], exclude: BBox[], fs: number): Segment[] {
  return segments.filter((s) => {
    if (Math.abs(s.y0 - s.y1) > 0.5 || s.x1 - s.x0 < Math.max(40, 8 * fs)) return false;
    return !exclude.some((b) => inBox(b, (s.x0 + s.x1) / 2, s.y0, 0.5));
  });
}

interface Region {
  x0: number;
  x1: number;
  top: number;
  bottom: number;
}

/**
 * Tables bounded by horizontal rules of the same width: consecutive rules of one width cut the page into
 * bands, and adjacent bands that hold tabular lines (several chunks on a line) form one table.
 */
function ruledRegions(lines: Line[], rules: Segment[]): Region[] {
  const clusters: Segment[][] = [];
  for (const r of [...rules].sort((a, b) => b.y0 - a.y0)) {
    const c = clusters.find((cl) => Math.abs(cl[0]!.x0 - r.x0) <= 3 && Math.abs(cl[0]!.x1 - r.x1) <= 3);
    if (c) c.push(r);
    else clusters.push([r]);
  }
  const regions: Region[] = [];
  for (const cl of clusters) {
    if (cl.length < 2) continue;
    const x0 = cl[0]!.x0;
    const x1 = cl[0]!.x1;
    let open: Region | null = null;
    for (let i = 1; i < cl.length; i++) {
      const top = cl[i - 1]!.y0;
      const bottom = cl[i]!.y0;
      const inside = lines.filter((l) => l.yc < top && l.yc > bottom && l.x0 >= x0 - 2 && l.x1 <= x1 + 2);
      const tabular = inside.some(isMulti);
      if (tabular && open) open.bottom = bottom;
      else if (tabular) open = { x0, x1, top, bottom };
      else if (open) {
        regions.push(open);
        open = null;
      }
    }
    if (open) regions.push(open);
  }
  return regions;
}

/** Runs of consecutive tabular lines; a one-chunk line is kept only between two tabular lines. */
function whitespaceBlocks(lines: Line[], claimed: Set<Line>): Line[][] {
  const blocks: Line[][] = [];
  let cur: Line[] = [];
  const close = (): void => {
    while (cur.length && !isMulti(cur[cur.length - 1]!) && !fitsColumns(cur[cur.length - 1]!, cur)) cur.pop();
    if (cur.length) blocks.push(cur);
    cur = [];
  };
  for (const l of lines) {
    if (claimed.has(l)) {
      close();
      continue;
    }
    const multi = isMulti(l);
    if (!cur.length) {
      if (multi) cur.push(l);
      continue;
    }
    const prev = cur[cur.length - 1]!;
    const gap = prev.y0 - l.y1;
    const fs = Math.max(prev.fs, l.fs);
    if (gap > 1.6 * fs) {
      close();
      if (multi) cur.push(l);
      continue;
    }
    // A single chunk needs to line up with the block's columns; two in a row that do not are a paragraph.
    if (!multi && !fitsColumns(l, cur) && !isMulti(prev)) {
      close();
      continue;
    }
    cur.push(l);
  }
  close();
  return blocks;
}

interface Built {
  grid: PageGrid;
  dataRows: number;
  bodyRows: number;
  numericCols: number;
  /** Columns most of whose cells are sentences: two of them side by side are a page's text columns. */
  proseCols: number;
  longCells: number;
  filledCells: number;
}

/** Length of a cell's text with CJK characters counting double (they carry a word's worth each). */
function textWeight(tokens: Placement[]): number {
  let w = 0;
  for (const p of tokens) for (const ch of p.token.text) w += /[\u2e80-\u9fff\uf900-\ufaff]/u.test(ch) ? 2 : 1;
  return w;
}

function contentExtents(placements: Placement[], cols: number, edges: number[]): Array<[number, number]> {
  const ext: Array<[number, number]> = [];
  for (let c = 0; c < cols; c++) {
    const own = placements.filter((p) => p.c0 === c && p.c1 === c);
    ext.push(
      own.length
        ? [Math.min(...own.map((p) => p.token.x0)), Math.max(...own.map((p) => p.token.x1))]
        : [edges[c]!, edges[c + 1]!],
    );
  }
  return ext;
}

/**
 * Two neighbouring columns that never hold text in the same row, close together, are one column whose header
 * and body are aligned differently (a centred label over right-aligned amounts, a total label under a name
 * header): the edge between them goes. A column holding only header text (a label printed in the gap
 * between the columns it heads) joins its nearer neighbour whatever the distance. Returns the index of the
 * edge to drop (0 when none).
 */
function mergeableColumns(placements: Placement[], edges: number[], fs: number, headerRows: number): number {
  const cols = edges.length - 1;
  const rowsOf: Array<Set<number>> = [];
  const ext = contentExtents(placements, cols, edges);
  for (let c = 0; c < cols; c++) {
    const s = new Set<number>();
    for (const p of placements) if (p.c0 <= c && c <= p.c1) for (let r = p.r0; r <= p.r1; r++) s.add(r);
    rowsOf.push(s);
  }
  let best = 0;
  let bestScore = 2.5 * fs;
  const headerOnly = (rows: Set<number>): boolean => [...rows].every((r) => r < headerRows);
  const yc = (p: Placement): number => (p.token.y0 + p.token.y1) / 2;
  // Stacked header labels share a header row but never a line.
  const shareLine = (c: number): boolean => {
    const a = placements.filter((p) => p.c0 <= c && c <= p.c1);
    const b = placements.filter((p) => p.c0 <= c + 1 && c + 1 <= p.c1);
    return a.some((p) => b.some((q) => q.r0 <= p.r1 && q.r1 >= p.r0 && Math.abs(yc(p) - yc(q)) < 0.4 * fs));
  };
  for (let c = 0; c + 1 < cols; c++) {
    const a = rowsOf[c]!;
    const b = rowsOf[c + 1]!;
    if (!a.size || !b.size) continue;
    const orphan = headerOnly(a) !== headerOnly(b);
    if (orphan ? shareLine(c) : [...a].some((r) => b.has(r))) continue;
    if (placements.some((p) => p.c0 <= c && p.c1 >= c + 1)) continue;
    const gap = ext[c + 1]![0] - ext[c]![1];
    const score = orphan ? gap - 1e4 : gap;
    if (score < bestScore) {
      bestScore = score;
      best = c + 1;
    }
  }
  return best;
}

/**
 * A header label over several sub-headers spans them even when it is too short to cross a column gap: in a
 * header row that has rows below it, every column left empty in that row goes to the nearest label of the
 * row (by centre), and a label that stays centred over the columns it got spans them.
 */
function widenCentredHeaders(placements: Placement[], headerRows: number, cols: number, edges: number[]): void {
  const ext = contentExtents(placements, cols, edges);
  const centreOf = (c: number): number => (ext[c]![0] + ext[c]![1]) / 2;
  for (let r = 0; r < headerRows - 1; r++) {
    const labels = placements.filter((p) => p.r0 <= r && p.r1 >= r && p.r1 < headerRows - 1);
    const inRow = placements.filter((p) => p.r0 <= r && p.r1 >= r);
    if (!labels.length) continue;
    const claim = new Map<Placement, number[]>();
    for (let c = 0; c < cols; c++) {
      if (inRow.some((p) => p.c0 <= c && c <= p.c1)) continue;
      if (!placements.some((q) => q.r0 > r && q.r0 < headerRows && q.c0 <= c && c <= q.c1)) continue;
      let best: Placement | null = null;
      let bestD = Infinity;
      for (const p of labels) {
        const d = Math.abs((p.token.x0 + p.token.x1) / 2 - centreOf(c));
        if (d < bestD) {
          bestD = d;
          best = p;
        }
      }
      if (best) claim.set(best, [...(claim.get(best) ?? []), c]);
    }
    for (const [p, got] of claim) {
      let lo = p.c0;
      let hi = p.c1;
      // Only columns adjacent to the label (or to columns it already took) can be spanned.
      while (got.includes(lo - 1)) lo--;
      while (got.includes(hi + 1)) hi++;
      const mid = (p.token.x0 + p.token.x1) / 2;
      const off = (a: number, b: number): number =>
        Math.min(Math.abs(mid - (ext[a]![0] + ext[b]![1]) / 2), Math.abs(mid - (edges[a]! + edges[b + 1]!) / 2));
      // The range the label is best centred over (typeset labels are centred to within a fraction of their
      // width); between equally good ranges, the wider.
      let best: [number, number] | null = null;
      for (let a = lo; a <= p.c0; a++) {
        for (let b = p.c1; b <= hi; b++) {
          if (a === p.c0 && b === p.c1) continue;
          const tol = 0.3 * (p.token.x1 - p.token.x0) + 0.03 * (edges[b + 1]! - edges[a]!);
          if (off(a, b) > tol) continue;
          const o = off(a, b);
          const bo = best ? off(best[0], best[1]) : Infinity;
          if (o < bo - 2 || (o <= bo + 2 && best && b - a > best[1] - best[0])) best = [a, b];
        }
      }
      if (!best) continue;
      p.c0 = best[0];
      p.c1 = best[1];
    }
  }
}

/** Merges placements into rectangular cells; every grid position ends up in exactly one cell. */
function cellsOf(
  placements: Placement[],
  rows: number,
  cols: number,
): Array<{ r0: number; r1: number; c0: number; c1: number; tokens: Placement[] }> {
  type C = { r0: number; r1: number; c0: number; c1: number; tokens: Placement[] };
  const cells: C[] = [];
  for (const p of placements) {
    let cell: C = { r0: p.r0, r1: p.r1, c0: p.c0, c1: p.c1, tokens: [p] };
    for (;;) {
      const hit = cells.findIndex((c) => c.r0 <= cell.r1 && c.r1 >= cell.r0 && c.c0 <= cell.c1 && c.c1 >= cell.c0);
      if (hit < 0) break;
      const h = cells.splice(hit, 1)[0]!;
      cell = {
        r0: Math.min(h.r0, cell.r0),
        r1: Math.max(h.r1, cell.r1),
        c0: Math.min(h.c0, cell.c0),
        c1: Math.max(h.c1, cell.c1),
        tokens: [...h.tokens, ...cell.tokens],
      };
    }
    cells.push(cell);
  }
  const taken: boolean[][] = Array.from({ length: rows }, () => Array<boolean>(cols).fill(false));
  for (const c of cells) for (let r = c.r0; r <= c.r1; r++) for (let k = c.c0; k <= c.c1; k++) taken[r]![k] = true;
  for (let r = 0; r < rows; r++)
    for (let k = 0; k < cols; k++) if (!taken[r]![k]) cells.push({ r0: r, r1: r, c0: k, c1: k, tokens: [] });
  return cells.sort((a, b) => a.r0 - b.r0 || a.c0 - b.c0);
}

function rowEdgesOf(placements: Placement[], rows: number, top?: number, bottom?: number): number[] {
  const ext: Array<[number, number] | null> = [];
  for (let r = 0; r < rows; r++) {
    const own = placements.filter((p) => p.r0 === r && p.r1 === r);
    const use = own.length ? own : placements.filter((p) => p.r0 <= r && p.r1 >= r);
    ext.push(use.length ? [Math.max(...use.map((p) => p.token.y1)), Math.min(...use.map((p) => p.token.y0))] : null);
  }
  const edges: number[] = [];
  const first = ext.find((e) => e)!;
  const last = [...ext].reverse().find((e) => e)!;
  edges.push(Math.max(top ?? -Infinity, first[0] + 1));
  for (let r = 1; r < rows; r++) {
    const up = ext[r - 1];
    const low = ext[r];
    const prev = edges[r - 1]!;
    let e = up && low ? (up[1] + low[0]) / 2 : up ? up[1] - 0.5 : low ? low[0] + 0.5 : prev - 1;
    if (e >= prev) e = prev - 0.01;
    edges.push(e);
  }
  let b = Math.min(bottom ?? Infinity, last[1] - 1);
  if (b >= edges[rows - 1]!) b = edges[rows - 1]! - 0.01;
  edges.push(b);
  return edges;
}

/** Lines in larger type at the top of a block are its title, not its header. */
function dropTitleLines(lines: Line[]): Line[] {
  const fs = median(lines.flatMap((l) => l.tokens.map((t) => t.fs)));
  let i = 0;
  while (i < lines.length - 2 && lines[i]!.fs > 1.2 * fs) i++;
  return lines.slice(i);
}

function buildGrid(
  page: number,
  allLines: Line[],
  bounds: Region | null,
  regionMode: boolean,
  rules: Segment[],
): Built | null {
  const lines = regionMode ? allLines : dropTitleLines(allLines);
  const fs = median(lines.flatMap((l) => l.tokens.map((t) => t.fs))) || 10;
  const x0 = Math.min(...lines.map((l) => l.x0));
  const x1 = Math.max(...lines.map((l) => l.x1));
  const seps = findSeparators(lines, fs, lines.length >= 3);
  const left = bounds && bounds.x0 <= x0 ? bounds.x0 : x0 - 1;
  const right = bounds && bounds.x1 >= x1 ? bounds.x1 : x1 + 1;
  const edges = [left, ...seps.map((s) => s.x), right];
  if (edges.length - 1 < 2 && !regionMode) return null;
  const bx0 = Math.min(...lines.map((l) => l.x0));
  const bx1 = Math.max(...lines.map((l) => l.x1));
  const ruleYs = rules
    .filter((r) => r.x0 < bx1 && r.x1 > bx0 && Math.min(r.x1, bx1) - Math.max(r.x0, bx0) > 0.3 * (bx1 - bx0))
    .map((r) => r.y0);
  let layout = layoutRows(lines, edges, fs, ruleYs);
  for (
    let k = mergeableColumns(layout.placements, edges, fs, layout.headerRows);
    k > 0;
    k = mergeableColumns(layout.placements, edges, fs, layout.headerRows)
  ) {
    edges.splice(k, 1);
    seps.splice(k - 1, 1);
    layout = layoutRows(lines, edges, fs, ruleYs);
  }
  const cols = edges.length - 1;
  if (cols < 2 && !regionMode) return null;
  widenCentredHeaders(layout.placements, layout.headerRows, cols, edges);
  const cells = cellsOf(layout.placements, layout.rows, cols);
  const rowEdges = rowEdgesOf(layout.placements, layout.rows, bounds?.top, bounds?.bottom);
  const gridCells: GridCell[] = cells.map((c) => ({
    row: c.r0,
    col: c.c0,
    rowSpan: c.r1 - c.r0 + 1,
    colSpan: c.c1 - c.c0 + 1,
    bbox: [edges[c.c0]!, rowEdges[c.r1 + 1]!, edges[c.c1 + 1]!, rowEdges[c.r0]!],
    runs: c.tokens.flatMap((p) => p.token.runs),
  }));

  // Evidence for validation and confidence.
  let dataRows = 0;
  let bodyRows = 0;
  for (let r = layout.headerRows; r < layout.rows; r++) {
    bodyRows++;
    const filled = cells.filter((c) => c.r0 === r && c.tokens.length).length;
    if (filled >= 2) dataRows++;
  }
  let numericCols = 0;
  let proseCols = 0;
  let aligned = 0;
  for (let c = 0; c < cols; c++) {
    const own = cells.filter((k) => k.c0 === c && k.c1 === c && k.r0 >= layout.headerRows && k.tokens.length);
    if (!own.length) continue;
    const numeric = own.filter((k) => k.tokens.every((p) => p.token.numeric)).length;
    if (numeric >= 0.6 * own.length) numericCols++;
    if (own.filter((k) => textWeight(k.tokens) >= 30).length >= 0.4 * own.length) proseCols++;
    const lefts = own.map((k) => Math.min(...k.tokens.map((p) => p.token.x0)));
    const rights = own.map((k) => Math.max(...k.tokens.map((p) => p.token.x1)));
    const share = (xs: number[]): number => {
      const m = median(xs);
      return xs.filter((x) => Math.abs(x - m) <= 0.3 * fs).length / xs.length;
    };
    aligned += Math.max(share(lefts), share(rights), share(lefts.map((l, i) => (l + rights[i]!) / 2)));
  }
  const filledCells = cells.filter((c) => c.tokens.length);
  const longCells = filledCells.filter((c) => c.tokens.reduce((s, p) => s + p.token.text.length, 0) >= 30).length;
  const hard = seps.filter((s) => s.crossings === 0).length;
  const sepScore = seps.length ? hard / seps.length : 0.5;
  const alignScore = cols ? aligned / cols : 0;
  let confidence = 0.45 + 0.15 * sepScore + 0.15 * alignScore + (bounds ? 0.08 : 0);
  confidence -= Math.min(0.1, 0.01 * layout.wrapped);
  confidence = Math.max(0.1, Math.min(MAX_CONFIDENCE, confidence));

  const grid: PageGrid = {
    page,
    bbox: [edges[0]!, rowEdges[rowEdges.length - 1]!, edges[cols]!, rowEdges[0]!],
    method: 'stream',
    rowEdges,
    colEdges: edges,
    cells: gridCells,
    confidence: Math.round(confidence * 1000) / 1000,
  };
  return { grid, dataRows, bodyRows, numericCols, proseCols, longCells, filledCells: filledCells.length };
}

/** Whether a whitespace block reads as a table rather than prose or a multi-column text layout. */
function plausible(b: Built, ruled: boolean): boolean {
  const cols = b.grid.colEdges.length - 1;
  if (cols < 2) return false;
  if (b.dataRows < (ruled ? 1 : 2)) return false;
  if (!ruled && b.dataRows < 0.5 * b.bodyRows) return false;
  if (!ruled && b.numericCols === 0 && b.longCells >= 0.3 * b.filledCells) return false;
  if (!ruled && b.proseCols >= 2) return false;
  return true;
}

export function detectStreamTables(page: PageContent, opts: StreamOptions = {}): PageGrid[] {
  const exclude = opts.exclude ?? [];
  const runs = selectRuns(page.runs, opts.region, exclude);
  if (!runs.length) return [];
  const lines = buildLines(runs);
  if (opts.region) {
    const r = opts.region;
    const built = buildGrid(
      page.page,
      lines,
      { x0: r[0], x1: r[2], top: r[3], bottom: r[1] },
      true,
      horizontalRules(page.segments, exclude, 0),
    );
    return built ? [built.grid] : [];
  }
  const fs = median(runs.map((r) => r.fontSize || r.y1 - r.y0)) || 10;
  const grids: PageGrid[] = [];
  const claimed = new Set<Line>();
  const rules = horizontalRules(page.segments, exclude, fs);
  for (const reg of ruledRegions(lines, rules)) {
    const within = (l: Line): boolean => !claimed.has(l) && l.x0 >= reg.x0 - 2 && l.x1 <= reg.x1 + 2;
    const inside = lines.filter((l) => within(l) && l.yc < reg.top && l.yc > reg.bottom);
    if (!inside.length) continue;
    // A table cut by the page end has no closing rule: its body continues below the last rule.
    const rulesBelow = rules.filter((r) => r.y0 < reg.bottom - 0.5 && r.x1 > reg.x0 && r.x0 < reg.x1).map((r) => r.y0);
    const stopAt = rulesBelow.length ? Math.max(...rulesBelow) : -Infinity;
    for (const l of lines.filter((k) => k.yc < reg.bottom && k.yc > stopAt)) {
      const prev = inside[inside.length - 1]!;
      if (!within(l) || !fitsColumns(l, inside) || prev.y0 - l.y1 > 1.6 * Math.max(prev.fs, l.fs)) break;
      inside.push(l);
    }
    const built = buildGrid(page.page, inside, reg, false, rules);
    if (built && plausible(built, true)) {
      grids.push(built.grid);
      for (const l of inside) claimed.add(l);
    }
  }
  for (const block of whitespaceBlocks(lines, claimed)) {
    const built = buildGrid(page.page, block, null, false, rules);
    if (built && plausible(built, false)) grids.push(built.grid);
  }
  return grids.sort((a, b) => b.bbox[3] - a.bbox[3]);
}

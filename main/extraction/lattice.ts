import { EXTRACTION } from './settings';
import { splitAcrossRules } from './split-runs';
import type { BBox } from '../../shared/model';
import type { PageContent, Segment, TextRun } from '../pdf/types';
import type { GridCell, PageGrid } from './grid';

/** Ruling ends closer than this (points) still touch (drawing imprecision, stroke widths). */
const TOUCH = EXTRACTION.touch.value;
/** Row/column edges closer than this are one edge. */
const EDGE_MERGE = EXTRACTION.edgeMerge.value;

const isH = (s: Segment) => s.y0 === s.y1;

function intersects(h: Segment, v: Segment): boolean {
  return v.x0 >= h.x0 - TOUCH && v.x0 <= h.x1 + TOUCH && h.y0 >= v.y0 - TOUCH && h.y0 <= v.y1 + TOUCH;
}

/** Groups rulings into connected networks: each network with enough lines both ways is one ruled table. */
export function rulingNetworks(segments: Segment[]): Segment[][] {
  const n = segments.length;
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  for (let i = 0; i < n; i++) {
    const a = segments[i]!;
    for (let j = i + 1; j < n; j++) {
      const b = segments[j]!;
      if (isH(a) === isH(b)) continue;
      const touch = isH(a) ? intersects(a, b) : intersects(b, a);
      if (touch) parent[find(i)] = find(j);
    }
  }
  const groups = new Map<number, Segment[]>();
  for (let i = 0; i < n; i++) {
    const r = find(i);
    const g = groups.get(r) ?? [];
    g.push(segments[i]!);
    groups.set(r, g);
  }
  return [...groups.values()];
}

function clusterEdges(values: number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[][] = [];
  for (const v of sorted) {
    const last = out[out.length - 1];
    if (last && v - last[last.length - 1]! <= EDGE_MERGE) last.push(v);
    else out.push([v]);
  }
  return out.map((c) => c.reduce((s, v) => s + v, 0) / c.length);
}

/** A column holding no text and narrower than this many ems is no column (a divider printed off its neighbour's). */
const SLIVER_EM = EXTRACTION.sliverColumn.value;

/**
 * Column edges that leave a sliver no text fits in: the header's divider printed a few points off the body's
 * (| 项目名称 | | 金额 | over | 一般公共预算资金 | 小计 | 金额 |). The edge with less ruling behind it goes; the
 * table's outer edges stay.
 */
function dropSlivers(edges: number[], verticals: Segment[], runs: TextRun[]): number[] {
  if (runs.length === 0) return edges;
  const sizes = runs.map((r) => r.fontSize).sort((x, y) => x - y);
  const sliver = sizes[sizes.length >> 1]! * SLIVER_EM;
  const ruled = (x: number) =>
    verticals.filter((s) => Math.abs(s.x0 - x) <= EDGE_MERGE).reduce((n, s) => n + (s.y1 - s.y0), 0);
  const out = [...edges];
  for (let i = 0; i + 1 < out.length;) {
    const a = out[i]!;
    const b = out[i + 1]!;
    const holdsText = runs.some((r) => (r.x0 + r.x1) / 2 > a && (r.x0 + r.x1) / 2 < b);
    if (b - a >= sliver || holdsText || out.length <= 2) {
      i++;
      continue;
    }
    const drop = i === 0 ? i + 1 : i + 1 === out.length - 1 ? i : ruled(a) < ruled(b) ? i : i + 1;
    out.splice(drop, 1);
  }
  return out;
}

function covers(lines: Segment[], horizontal: boolean, pos: number, from: number, to: number): boolean {
  // A separator exists when some ruling at `pos` runs along most of the span between `from` and `to`.
  const need = (to - from) * 0.6;
  for (const s of lines) {
    if (horizontal) {
      if (Math.abs(s.y0 - pos) > EDGE_MERGE) continue;
      if (Math.min(s.x1, to) - Math.max(s.x0, from) >= need) return true;
    } else {
      if (Math.abs(s.x0 - pos) > EDGE_MERGE) continue;
      if (Math.min(s.y1, to) - Math.max(s.y0, from) >= need) return true;
    }
  }
  return false;
}

export function runCenterIn(r: TextRun, b: BBox, slack = 0): boolean {
  const cx = (r.x0 + r.x1) / 2;
  const cy = (r.y0 + r.y1) / 2;
  return cx >= b[0] - slack && cx <= b[2] + slack && cy >= b[1] - slack && cy <= b[3] + slack;
}

/** Builds the cell grid of one ruling network; null when it is not a table (a lone box, an underline). */
export function gridFromNetwork(page: PageContent, lines: Segment[], runs: TextRun[]): PageGrid | null {
  const hs = lines.filter(isH);
  const vs = lines.filter((s) => !isH(s));
  if (hs.length < 2 || vs.length < 2) return null;
  const rowEdges = clusterEdges(hs.map((s) => s.y0)).reverse();
  const top = rowEdges[0]!;
  const bottom = rowEdges[rowEdges.length - 1]!;
  const colEdges = dropSlivers(
    clusterEdges(vs.map((s) => s.x0)),
    vs,
    runs.filter((r) => !r.vertical && (r.y0 + r.y1) / 2 < top && (r.y0 + r.y1) / 2 > bottom),
  );
  const nr = rowEdges.length - 1;
  const nc = colEdges.length - 1;
  if (nr < 1 || nc < 1 || nr * nc < 2) return null;
  const idx = (r: number, c: number) => r * nc + c;
  const parent = Array.from({ length: nr * nc }, (_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const union = (a: number, b: number) => {
    parent[find(a)] = find(b);
  };
  for (let r = 0; r < nr; r++) {
    const top = rowEdges[r]!;
    const bottom = rowEdges[r + 1]!;
    for (let c = 0; c < nc; c++) {
      const left = colEdges[c]!;
      const right = colEdges[c + 1]!;
      if (c + 1 < nc && !covers(vs, false, right, bottom, top)) union(idx(r, c), idx(r, c + 1));
      if (r + 1 < nr && !covers(hs, true, bottom, left, right)) union(idx(r, c), idx(r + 1, c));
    }
  }
  const spans = new Map<number, { r0: number; r1: number; c0: number; c1: number }>();
  for (let r = 0; r < nr; r++) {
    for (let c = 0; c < nc; c++) {
      const k = find(idx(r, c));
      const s = spans.get(k);
      if (!s) spans.set(k, { r0: r, r1: r, c0: c, c1: c });
      else {
        s.r0 = Math.min(s.r0, r);
        s.r1 = Math.max(s.r1, r);
        s.c0 = Math.min(s.c0, c);
        s.c1 = Math.max(s.c1, c);
      }
    }
  }
  // Unions that are not rectangles (an L of missing separators) are split back into single positions so the
  // contract holds: every position covered exactly once.
  const owner = new Array<number>(nr * nc).fill(-1);
  const rects: Array<{ r0: number; r1: number; c0: number; c1: number }> = [];
  for (const [k, s] of spans) {
    let rect = true;
    for (let r = s.r0; r <= s.r1 && rect; r++)
      for (let c = s.c0; c <= s.c1; c++) if (find(idx(r, c)) !== k) rect = false;
    if (rect) rects.push(s);
    else
      for (let r = s.r0; r <= s.r1; r++)
        for (let c = s.c0; c <= s.c1; c++) if (find(idx(r, c)) === k) rects.push({ r0: r, r1: r, c0: c, c1: c });
  }
  const bbox: BBox = [colEdges[0]!, rowEdges[nr]!, colEdges[nc]!, rowEdges[0]!];
  const inTable = splitAcrossRules(
    runs.filter((r) => runCenterIn(r, bbox)),
    vs.filter((v) => v.x0 > bbox[0] + 1 && v.x0 < bbox[2] - 1),
  );
  const cells: GridCell[] = [];
  for (const s of rects) {
    if (owner[idx(s.r0, s.c0)] !== -1) continue;
    for (let r = s.r0; r <= s.r1; r++) for (let c = s.c0; c <= s.c1; c++) owner[idx(r, c)] = cells.length;
    const cb: BBox = [colEdges[s.c0]!, rowEdges[s.r1 + 1]!, colEdges[s.c1 + 1]!, rowEdges[s.r0]!];
    cells.push({
      row: s.r0,
      col: s.c0,
      rowSpan: s.r1 - s.r0 + 1,
      colSpan: s.c1 - s.c0 + 1,
      bbox: cb,
      runs: inTable.filter((r) => runCenterIn(r, cb)),
    });
  }
  cells.sort((a, b) => a.row - b.row || a.col - b.col);
  return { page: page.page, bbox, method: 'lattice', rowEdges, colEdges, cells, confidence: 0.95 };
}

/** Every ruled table on the page (optionally only those inside `region`), top to bottom. */
export function detectLatticeTables(page: PageContent, opts: { region?: BBox } = {}): PageGrid[] {
  let segs = page.segments;
  const region = opts.region;
  if (region) {
    segs = segs
      .map((s) => ({
        x0: Math.max(s.x0, region[0]),
        x1: Math.min(s.x1, region[2]),
        y0: Math.max(s.y0, region[1]),
        y1: Math.min(s.y1, region[3]),
      }))
      .filter((s) => s.x0 <= s.x1 && s.y0 <= s.y1 && (s.x0 < s.x1 || s.y0 < s.y1))
      .map((s) => (s.y1 - s.y0 < 0.01 ? { ...s, y1: s.y0 } : s.x1 - s.x0 < 0.01 ? { ...s, x1: s.x0 } : s));
  }
  const grids: PageGrid[] = [];
  for (const net of rulingNetworks(segs)) {
    const g = gridFromNetwork(page, net, page.runs);
    if (!g) continue;
    // A table holds text; empty boxes (form fields, decorative frames) do not count.
    if (!g.cells.some((c) => c.runs.length > 0)) continue;
    grids.push(g);
  }
  return grids.sort((a, b) => b.bbox[3] - a.bbox[3]);
}

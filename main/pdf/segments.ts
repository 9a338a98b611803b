import { EXTRACTION } from '../extraction/settings';
import type { BBox } from '../../shared/model';
import type { Segment } from './types';

/** Rulings thinner than this (points) that are painted as filled rectangles count as lines. */
const THIN = EXTRACTION.thinRule.value;
/** Positions closer than this are the same ruling (anti-aliasing offsets, half-pixel strokes). */
const SNAP = EXTRACTION.snapRule.value;
/** Collinear pieces separated by less than this are one line (cell borders drawn per cell). */
const GAP = EXTRACTION.ruleGap.value;

export type Matrix = [number, number, number, number, number, number];

export function multiply(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[1] * n[2],
    m[0] * n[1] + m[1] * n[3],
    m[2] * n[0] + m[3] * n[2],
    m[2] * n[1] + m[3] * n[3],
    m[4] * n[0] + m[5] * n[2] + n[4],
    m[4] * n[1] + m[5] * n[3] + n[5],
  ];
}

function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

/** Collects raw straight pieces and filled boxes from path drawing, in user space. */
export class PathCollector {
  readonly lines: Segment[] = [];
  readonly rects: BBox[] = [];

  /** `path` is pdfjs's flattened DrawOPS buffer: 0 moveTo x y, 1 lineTo x y, 2 curveTo 6, 3 quadTo 4, 4 close. */
  addPath(path: ArrayLike<number>, ctm: Matrix, mode: 'stroke' | 'fill' | 'both' | 'none', lineWidth: number): void {
    if (mode === 'none') return;
    const subpaths: Array<Array<[number, number]>> = [];
    let cur: Array<[number, number]> = [];
    let curved = false;
    for (let i = 0; i < path.length;) {
      const op = path[i]!;
      if (op === 0) {
        if (cur.length) subpaths.push(cur);
        cur = [apply(ctm, path[i + 1]!, path[i + 2]!)];
        i += 3;
      } else if (op === 1) {
        cur.push(apply(ctm, path[i + 1]!, path[i + 2]!));
        i += 3;
      } else if (op === 2) {
        curved = true;
        cur.push(apply(ctm, path[i + 5]!, path[i + 6]!));
        i += 7;
      } else if (op === 3) {
        curved = true;
        cur.push(apply(ctm, path[i + 3]!, path[i + 4]!));
        i += 5;
      } else if (op === 4) {
        if (cur.length) cur.push(cur[0]!);
        i += 1;
      } else {
        break;
      }
    }
    if (cur.length) subpaths.push(cur);
    if (curved) return;
    const scale = Math.sqrt(Math.abs(ctm[0] * ctm[3] - ctm[1] * ctm[2])) || 1;
    for (const sp of subpaths) {
      if (mode === 'fill' || mode === 'both') this.addFilled(sp);
      if (mode === 'stroke' || mode === 'both') {
        if (lineWidth * scale > 6) continue;
        for (let k = 1; k < sp.length; k++) this.addLine(sp[k - 1]!, sp[k]!);
      }
    }
  }

  private addLine(a: [number, number], b: [number, number]): void {
    const [x0, y0] = a;
    const [x1, y1] = b;
    if (Math.abs(y0 - y1) < 0.5 && Math.abs(x0 - x1) >= 0.5) {
      const y = (y0 + y1) / 2;
      this.lines.push({ x0: Math.min(x0, x1), y0: y, x1: Math.max(x0, x1), y1: y });
    } else if (Math.abs(x0 - x1) < 0.5 && Math.abs(y0 - y1) >= 0.5) {
      const x = (x0 + x1) / 2;
      this.lines.push({ x0: x, y0: Math.min(y0, y1), x1: x, y1: Math.max(y0, y1) });
    }
  }

  private addFilled(sp: Array<[number, number]>): void {
    if (sp.length < 4) return;
    const xs = sp.map((p) => p[0]);
    const ys = sp.map((p) => p[1]);
    const x0 = Math.min(...xs);
    const x1 = Math.max(...xs);
    const y0 = Math.min(...ys);
    const y1 = Math.max(...ys);
    // Only axis-aligned boxes: every vertex sits on the bounding box's corners.
    const onCorners = sp.every(
      ([x, y]) =>
        (Math.abs(x - x0) < 0.5 || Math.abs(x - x1) < 0.5) && (Math.abs(y - y0) < 0.5 || Math.abs(y - y1) < 0.5),
    );
    if (!onCorners) return;
    const w = x1 - x0;
    const h = y1 - y0;
    if (h <= THIN && w > h) this.lines.push({ x0, y0: (y0 + y1) / 2, x1, y1: (y0 + y1) / 2 });
    else if (w <= THIN && h > w) this.lines.push({ x0: (x0 + x1) / 2, y0, x1: (x0 + x1) / 2, y1 });
    else if (w > THIN && h > THIN) this.rects.push([x0, y0, x1, y1]);
  }
}

function mergeAxis(items: Array<{ pos: number; a: number; b: number }>): Array<{ pos: number; a: number; b: number }> {
  items.sort((p, q) => p.pos - q.pos || p.a - q.a);
  // Snap positions: cluster nearby coordinates to their mean.
  const clusters: Array<Array<{ pos: number; a: number; b: number }>> = [];
  for (const it of items) {
    const last = clusters[clusters.length - 1];
    if (last && it.pos - last[last.length - 1]!.pos <= SNAP) last.push(it);
    else clusters.push([it]);
  }
  const out: Array<{ pos: number; a: number; b: number }> = [];
  for (const cl of clusters) {
    const pos = cl.reduce((s, it) => s + it.pos, 0) / cl.length;
    const spans = cl.map((it) => [it.a, it.b] as [number, number]).sort((p, q) => p[0] - q[0]);
    let [a, b] = spans[0]!;
    for (const [sa, sb] of spans.slice(1)) {
      if (sa <= b + GAP) b = Math.max(b, sb);
      else {
        out.push({ pos, a, b });
        [a, b] = [sa, sb];
      }
    }
    out.push({ pos, a, b });
  }
  return out;
}

/** Horizontal and vertical rulings merged into maximal lines with snapped positions. */
export function mergeSegments(lines: Segment[]): Segment[] {
  const h = lines.filter((s) => s.y0 === s.y1).map((s) => ({ pos: s.y0, a: s.x0, b: s.x1 }));
  const v = lines.filter((s) => s.x0 === s.x1 && s.y0 !== s.y1).map((s) => ({ pos: s.x0, a: s.y0, b: s.y1 }));
  const r = (n: number) => Math.round(n * 100) / 100;
  return [
    ...mergeAxis(h).map((m) => ({ x0: r(m.a), y0: r(m.pos), x1: r(m.b), y1: r(m.pos) })),
    ...mergeAxis(v).map((m) => ({ x0: r(m.pos), y0: r(m.a), x1: r(m.pos), y1: r(m.b) })),
  ].filter((s) => Math.max(s.x1 - s.x0, s.y1 - s.y0) >= 3);
}

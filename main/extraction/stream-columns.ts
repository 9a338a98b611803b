import type { Line, Token } from './stream-lines';

/**
 * Column separators of a whitespace table from the horizontal coverage of its lines: an x band that no line
 * covers is a hard separator; a band covered only by a few lines while both neighbours are well covered is a
 * soft separator (the few crossing tokens span columns, e.g. a header centred over several columns).
 */
export interface Separator {
  x: number;
  /** Lines whose text crosses this separator. */
  crossings: number;
  /** Width of the empty band (points). */
  width: number;
}

interface Seg {
  a: number;
  b: number;
  n: number;
}

/** Piecewise-constant count of lines covering each x (a line counts once however many tokens it has there). */
function coverage(lines: Line[]): Seg[] {
  const ev: Array<[number, number]> = [];
  for (const l of lines) {
    const iv = l.tokens.map((t) => [t.x0, t.x1] as [number, number]).sort((p, q) => p[0] - q[0]);
    let cur: [number, number] | null = null;
    for (const [a, b] of iv) {
      if (cur && a <= cur[1]) cur[1] = Math.max(cur[1], b);
      else {
        if (cur) ev.push([cur[0], 1], [cur[1], -1]);
        cur = [a, b];
      }
    }
    if (cur) ev.push([cur[0], 1], [cur[1], -1]);
  }
  ev.sort((p, q) => p[0] - q[0] || p[1] - q[1]);
  const segs: Seg[] = [];
  let n = 0;
  let x = ev.length ? ev[0]![0] : 0;
  for (const [ex, d] of ev) {
    if (ex > x) segs.push({ a: x, b: ex, n });
    n += d;
    x = ex;
  }
  return segs;
}

export function findSeparators(lines: Line[], fs: number, allowSoft: boolean): Separator[] {
  const segs = coverage(lines);
  if (!segs.length) return [];
  const minGap = Math.max(1.5, 0.45 * fs);
  const nLines = lines.length;
  // Hard separators: interior x bands that no line covers.
  const hardIdx: number[] = [];
  segs.forEach((s, i) => {
    if (i > 0 && i < segs.length - 1 && s.n === 0 && s.b - s.a >= minGap) hardIdx.push(i);
  });
  const out: Separator[] = hardIdx.map((i) => ({
    x: (segs[i]!.a + segs[i]!.b) / 2,
    crossings: 0,
    width: segs[i]!.b - segs[i]!.a,
  }));
  if (!allowSoft) return out;
  const maxCross = Math.max(1, Math.floor(0.15 * nLines));
  // Soft separators, looked for between hard ones: a low band with a solid column on either side.
  const bounds = [-1, ...hardIdx, segs.length];
  for (let k = 1; k < bounds.length; k++) {
    const from = bounds[k - 1]! + 1;
    const to = bounds[k]! - 1;
    if (to - from < 2) continue;
    const part = segs.slice(from, to + 1);
    const peak = Math.max(...part.map((s) => s.n));
    let i = 0;
    while (i < part.length) {
      if (part[i]!.n > maxCross || (part[i]!.n === 0 && (i === 0 || i === part.length - 1))) {
        i++;
        continue;
      }
      let j = i;
      while (j + 1 < part.length && part[j + 1]!.n <= maxCross) j++;
      const band = part.slice(i, j + 1);
      const a = band[0]!.a;
      const b = band[band.length - 1]!.b;
      const bandMax = Math.max(...band.map((s) => s.n));
      const leftPeak = Math.max(0, ...part.slice(0, i).map((s) => s.n));
      const rightPeak = Math.max(0, ...part.slice(j + 1).map((s) => s.n));
      const need = Math.max(bandMax * 2, bandMax + Math.ceil(0.3 * Math.min(nLines, peak * 2)));
      if (i > 0 && j < part.length - 1 && b - a >= minGap && leftPeak >= need && rightPeak >= need) {
        const minN = Math.min(...band.map((s) => s.n));
        const best = band.filter((s) => s.n === minN).reduce((p, q) => (q.b - q.a > p.b - p.a ? q : p));
        out.push({ x: (best.a + best.b) / 2, crossings: minN, width: b - a });
      }
      i = j + 1;
    }
  }
  return out.sort((p, q) => p.x - q.x);
}

/** Columns (index range) a token occupies given the column edges: a token crossing an edge substantially spans. */
export function tokenColumns(t: Token, edges: number[]): [number, number] {
  const n = edges.length - 1;
  const w = Math.max(t.x1 - t.x0, 0.01);
  let best = 0;
  let bestOv = -Infinity;
  const covered: number[] = [];
  for (let c = 0; c < n; c++) {
    const ov = Math.min(t.x1, edges[c + 1]!) - Math.max(t.x0, edges[c]!);
    if (ov > bestOv) {
      bestOv = ov;
      best = c;
    }
    if (ov >= 0.25 * w || ov >= 0.5 * (edges[c + 1]! - edges[c]!)) covered.push(c);
  }
  if (covered.length <= 1) return [best, best];
  return [covered[0]!, covered[covered.length - 1]!];
}

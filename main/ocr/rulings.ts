/** A grey bitmap, one byte per pixel (0 black … 255 white), rows top to bottom. */
export interface GrayImage {
  data: Uint8Array | Uint8ClampedArray;
  width: number;
  height: number;
}

/** A ruling line in pixel coordinates (y down): horizontal when y0 === y1, vertical when x0 === x1. */
export interface PixelLine {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  thickness: number;
}

export interface RulingOptions {
  /** Darker than this is ink (default 160). */
  threshold?: number;
  /** Shortest line kept, in pixels (text strokes are shorter). */
  minLength: number;
  /** Light pixels tolerated inside a line (scanner noise, breaks). */
  maxGap?: number;
  /** Thicker dark bands are filled areas, not rulings. */
  maxThickness?: number;
}

/**
 * The page's skew in radians: the angle whose sheared row projection of the ink is most peaked (rulings and text
 * lines become sharp rows when the shear matches the skew). A line at angle θ runs down-right in pixel space.
 */
export function estimateSkew(
  img: GrayImage,
  opts: { maxDegrees?: number; stepDegrees?: number; threshold?: number } = {},
): number {
  const maxDeg = opts.maxDegrees ?? 3;
  const step = opts.stepDegrees ?? 0.05;
  const thr = opts.threshold ?? 160;
  // Sample ink pixels on a coarse grid: plenty for a projection, cheap at 300 dpi.
  const stride = Math.max(1, Math.round(img.width / 800));
  const xs: number[] = [];
  const ys: number[] = [];
  for (let y = 0; y < img.height; y += stride)
    for (let x = 0; x < img.width; x += stride)
      if (img.data[y * img.width + x]! < thr) {
        xs.push(x);
        ys.push(y);
      }
  if (xs.length === 0) return 0;
  const bins = Math.ceil(img.height / stride) + Math.ceil(img.width / stride) + 2;
  const hist = new Float64Array(bins);
  let best = 0;
  let bestScore = -1;
  for (let deg = -maxDeg; deg <= maxDeg + 1e-9; deg += step) {
    const t = Math.tan((deg * Math.PI) / 180);
    hist.fill(0);
    const off = Math.ceil(img.width / stride);
    for (let i = 0; i < xs.length; i++) {
      const b = Math.round((ys[i]! - xs[i]! * t) / stride) + off;
      if (b >= 0 && b < bins) hist[b]! += 1;
    }
    let score = 0;
    for (let b = 0; b < bins; b++) score += hist[b]! * hist[b]!;
    if (score > bestScore + 1e-9 || (Math.abs(score - bestScore) < 1e-9 && Math.abs(deg) < Math.abs(best))) {
      bestScore = score;
      best = deg;
    }
  }
  return (best * Math.PI) / 180;
}

/**
 * Long straight dark runs of an (already deskewed) bitmap. Runs on neighbouring rows (columns) that overlap are one
 * line of some thickness; runs broken by short light gaps are joined, so noise does not cut a ruling in two.
 */
export function detectRulings(img: GrayImage, opts: RulingOptions): PixelLine[] {
  return [...linesAlong(img, opts, true), ...linesAlong(img, opts, false)];
}

function linesAlong(img: GrayImage, opts: RulingOptions, horizontal: boolean): PixelLine[] {
  const thr = opts.threshold ?? 160;
  const maxGap = opts.maxGap ?? 3;
  const maxThick = opts.maxThickness ?? 8;
  const { width: w, height: h, data } = img;
  const outer = horizontal ? h : w;
  const inner = horizontal ? w : h;
  const dark = horizontal
    ? (o: number, i: number) => data[o * w + i]! < thr
    : (o: number, i: number) => data[i * w + o]! < thr;
  interface Band {
    start: number;
    end: number;
    first: number;
    last: number;
  }
  const finished: Band[] = [];
  let open: Band[] = [];
  for (let o = 0; o < outer; o++) {
    const runs: Array<[number, number]> = [];
    let s = -1;
    let lastDark = -1;
    for (let i = 0; i < inner; i++) {
      if (!dark(o, i)) continue;
      if (s < 0) s = i;
      else if (i - lastDark - 1 > maxGap) {
        if (lastDark - s + 1 >= opts.minLength) runs.push([s, lastDark]);
        s = i;
      }
      lastDark = i;
    }
    if (s >= 0 && lastDark - s + 1 >= opts.minLength) runs.push([s, lastDark]);
    const next: Band[] = [];
    for (const [a, b] of runs) {
      const overlap = open.find(
        (band) =>
          band.last === o - 1 &&
          Math.min(band.end, b) - Math.max(band.start, a) > 0.5 * Math.min(band.end - band.start, b - a),
      );
      if (overlap) {
        overlap.start = Math.min(overlap.start, a);
        overlap.end = Math.max(overlap.end, b);
        overlap.last = o;
        if (!next.includes(overlap)) next.push(overlap);
      } else next.push({ start: a, end: b, first: o, last: o });
    }
    for (const band of open) if (!next.includes(band)) finished.push(band);
    open = next;
  }
  finished.push(...open);
  const out: PixelLine[] = [];
  for (const b of finished) {
    const thickness = b.last - b.first + 1;
    if (thickness > maxThick) continue;
    const mid = (b.first + b.last) / 2;
    out.push(
      horizontal
        ? { x0: b.start, x1: b.end, y0: mid, y1: mid, thickness }
        : { x0: mid, x1: mid, y0: b.start, y1: b.end, thickness },
    );
  }
  return out;
}

/**
 * Drops ruling candidates that are text: strokes of neighbouring characters in a bold line can join into a long dark
 * run, but a character's other strokes then lie just above or below it all along, where a table rule has paper
 * (ink only where a rule of the other direction crosses it).
 */
export function withoutTextStrokes(
  img: GrayImage,
  lines: PixelLine[],
  threshold = 160,
  sides: 'both' | 'either' = 'both',
  maxShare = 0.25,
): PixelLine[] {
  const { width: w, height: h, data } = img;
  const dark = (x: number, y: number) =>
    x >= 0 && y >= 0 && x < w && y < h && data[Math.round(y) * w + Math.round(x)]! < threshold;
  return lines.filter((l) => {
    const horizontal = l.y0 === l.y1;
    const off = l.thickness / 2 + 2;
    const len = horizontal ? l.x1 - l.x0 : l.y1 - l.y0;
    let inkBeside = 0;
    let n = 0;
    for (let t = 0; t <= len; t += 2) {
      n++;
      // Ink on both sides: inside a line of characters. A rule has text beside it on one side at most (a cell's
      // text set close to its border), and crossing rules only at a few points.
      // With 'either', ink on one side is enough: for light candidates, which text set close to a border is not.
      const [a, b] = horizontal
        ? [dark(l.x0 + t, l.y0 - off), dark(l.x0 + t, l.y0 + off)]
        : [dark(l.x0 - off, l.y0 + t), dark(l.x0 + off, l.y0 + t)];
      const near = sides === 'both' ? a && b : a || b;
      if (near) inkBeside++;
    }
    return n === 0 || inkBeside / n <= maxShare;
  });
}

/**
 * One printed rule can come out as several bands a pixel apart (a slight residual skew steps it from one pixel row
 * to the next): pieces along one line that overlap or touch are one rule, spanning them all.
 */
export function dropCollinearPieces(lines: PixelLine[], slack = 2): PixelLine[] {
  const out: PixelLine[] = [];
  for (const horizontal of [true, false]) {
    const pos = (l: PixelLine) => (horizontal ? l.y0 : l.x0);
    const from = (l: PixelLine) => (horizontal ? l.x0 : l.y0);
    const to = (l: PixelLine) => (horizontal ? l.x1 : l.y1);
    const group = lines.filter((l) => (l.y0 === l.y1) === horizontal).sort((a, b) => from(a) - from(b));
    const merged: Array<{ pos: number; from: number; to: number; thickness: number; weight: number }> = [];
    for (const l of group) {
      const m = merged.find(
        (k) => Math.abs(k.pos - pos(l)) <= (k.thickness + l.thickness) / 2 + slack && from(l) <= k.to + slack,
      );
      const len = to(l) - from(l);
      if (m) {
        m.pos = (m.pos * m.weight + pos(l) * len) / (m.weight + len);
        m.weight += len;
        m.to = Math.max(m.to, to(l));
        m.thickness = Math.max(m.thickness, l.thickness);
      } else merged.push({ pos: pos(l), from: from(l), to: to(l), thickness: l.thickness, weight: len });
    }
    for (const m of merged)
      out.push(
        horizontal
          ? { x0: m.from, x1: m.to, y0: m.pos, y1: m.pos, thickness: m.thickness }
          : { x0: m.pos, x1: m.pos, y0: m.from, y1: m.to, thickness: m.thickness },
      );
  }
  return out;
}

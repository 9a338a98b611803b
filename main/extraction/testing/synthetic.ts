import type { PageContent, Segment, TextRun } from '../../pdf/types';

/** Test helpers: pages built from text placed at positions and ruling lines, as the reader would report them. */
export function run(str: string, x0: number, y0: number, size = 9): TextRun {
  // CJK glyphs are one em wide; Latin/digits about half an em.
  const width = [...str].reduce((w, ch) => w + (/[\u3000-\u9fff\uff00-\uffef]/u.test(ch) ? size : size * 0.55), 0);
  return { str, x0, y0, x1: x0 + width, y1: y0 + size, fontSize: size };
}

export function page(runs: TextRun[], segments: Segment[] = [], n = 1, width = 595, height = 842): PageContent {
  return { page: n, width, height, rotation: 0, runs, segments, rects: [], hasImages: false };
}

/**
 * A fully ruled table: column edges xs, row edges ys (top to bottom), cells[r][c] text (null = merged into the cell
 * on its left, undefined/"" = blank). Missing separators for merged cells are left out of the rulings.
 */
export function ruledTable(
  xs: number[],
  ys: number[],
  cells: Array<Array<string | null>>,
  size = 9,
): { runs: TextRun[]; segments: Segment[] } {
  const runs: TextRun[] = [];
  const segments: Segment[] = [];
  for (const y of ys) segments.push({ x0: xs[0]!, y0: y, x1: xs[xs.length - 1]!, y1: y });
  for (let r = 0; r < ys.length - 1; r++) {
    const top = ys[r]!;
    const bottom = ys[r + 1]!;
    for (let c = 0; c <= xs.length - 1; c++) {
      // The separator left of column c is drawn unless cell (r, c) is merged into its left neighbour.
      if (c > 0 && c < xs.length - 1 && cells[r]?.[c] === null) continue;
      segments.push({ x0: xs[c]!, y0: bottom, x1: xs[c]!, y1: top });
    }
    for (let c = 0; c < xs.length - 1; c++) {
      const t = cells[r]?.[c];
      if (t) runs.push(run(t, xs[c]! + 2, bottom + (top - bottom - size) / 2, size));
    }
  }
  return { runs, segments };
}

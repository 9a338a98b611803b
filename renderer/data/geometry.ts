import type { BBox, Table } from '../../shared/model/document';

/** Where tables and cells sit on the page (PDF user space), for linking the grid and the viewer both ways. */
export function tableRegion(t: Table, page: number): BBox | null {
  const r = t.regions?.find((x) => x.page === page);
  if (r) return r.bbox;
  let box: BBox | null = null;
  for (const row of t.rows) {
    for (const c of row.cells) {
      if (c.page !== page || !c.bbox) continue;
      box = box
        ? [
            Math.min(box[0], c.bbox[0]),
            Math.min(box[1], c.bbox[1]),
            Math.max(box[2], c.bbox[2]),
            Math.max(box[3], c.bbox[3]),
          ]
        : [...c.bbox];
    }
  }
  return box;
}

/** Pages a table covers, with the region on each (declared regions first, else the extent of its cells). */
export function tableRegions(t: Table): { page: number; bbox: BBox }[] {
  const pages =
    t.pages.length > 0
      ? t.pages
      : [...new Set(t.rows.flatMap((r) => r.cells.map((c) => c.page)))].filter((p): p is number => p !== null);
  return pages.flatMap((page) => {
    const bbox = tableRegion(t, page);
    return bbox ? [{ page, bbox }] : [];
  });
}

function contains(b: BBox, x: number, y: number, pad = 0): boolean {
  return x >= b[0] - pad && x <= b[2] + pad && y >= b[1] - pad && y <= b[3] + pad;
}

function distance(b: BBox, x: number, y: number): number {
  const dx = Math.max(b[0] - x, 0, x - b[2]);
  const dy = Math.max(b[1] - y, 0, y - b[3]);
  return Math.hypot(dx, dy);
}

/** How far (points) from a cell's text a click still counts as that cell, inside the table's region. */
const NEAR = 14;

/**
 * The cell at a point on the page: one whose text box holds the point, else the nearest within the table's region
 * (a click in the white space of a cell). Null when the point is not in this table on this page.
 */
export function cellAt(t: Table, page: number, x: number, y: number): { row: number; col: number } | null {
  let best: { row: number; col: number; d: number } | null = null;
  t.rows.forEach((row, ri) =>
    row.cells.forEach((c, ci) => {
      if (c.page !== page || !c.bbox) return;
      const d = contains(c.bbox, x, y)
        ? -1 / (1 + (c.bbox[2] - c.bbox[0]) * (c.bbox[3] - c.bbox[1]))
        : distance(c.bbox, x, y);
      if (!best || d < best.d) best = { row: ri, col: ci, d };
    }),
  );
  const found = best as { row: number; col: number; d: number } | null;
  if (!found) return null;
  if (found.d <= 0) return { row: found.row, col: found.col };
  const region = tableRegion(t, page);
  if (found.d <= NEAR && region && contains(region, x, y, 2)) return { row: found.row, col: found.col };
  return null;
}

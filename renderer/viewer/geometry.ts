import type { BBox } from '../../shared/model';

/**
 * Pure geometry of the viewer: page layout in the scroll area, which pages are visible, zoom, and conversions
 * between PDF user space and the page's CSS pixels. Kept free of pdf.js and the DOM so it can be tested directly.
 */

/** CSS pixels per PDF point at 100 %: pdf.js's PixelsPerInch.PDF_TO_CSS_UNITS (96 / 72). */
export const PDF_TO_CSS = 96 / 72;
export const PAGE_GAP = 12;
export const ZOOM_STEPS = [0.25, 0.33, 0.5, 0.67, 0.75, 0.8, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2, 2.5, 3, 4] as const;
export const MIN_ZOOM = 0.1;
export const MAX_ZOOM = 5;

export interface PageSize {
  /** Page size in PDF points after rotation (as pdf.js viewport at scale 1 reports). */
  width: number;
  height: number;
}

export type ZoomMode = { kind: 'fit-width' } | { kind: 'fit-page' } | { kind: 'percent'; value: number };

export function clampZoom(z: number): number {
  return Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, z));
}

/** Zoom factor (1 = 100 %) that a mode means for a viewport of the given size. */
export function resolveZoom(
  mode: ZoomMode,
  page: PageSize,
  view: { width: number; height: number },
  margin = 24,
): number {
  if (mode.kind === 'percent') return clampZoom(mode.value);
  const byWidth = (view.width - margin) / (page.width * PDF_TO_CSS);
  if (mode.kind === 'fit-width') return clampZoom(byWidth);
  const byHeight = (view.height - margin) / (page.height * PDF_TO_CSS);
  return clampZoom(Math.min(byWidth, byHeight));
}

export function nextZoom(current: number, dir: 1 | -1): number {
  const eps = 1e-3;
  if (dir > 0) return ZOOM_STEPS.find((s) => s > current + eps) ?? MAX_ZOOM;
  return [...ZOOM_STEPS].reverse().find((s) => s < current - eps) ?? ZOOM_STEPS[0];
}

export interface PageBox {
  top: number;
  left: number;
  width: number;
  height: number;
}

/** Pages stacked vertically and centred, in CSS pixels. */
export function layoutPages(
  sizes: readonly PageSize[],
  zoom: number,
  viewWidth: number,
  gap = PAGE_GAP,
): { boxes: PageBox[]; height: number; width: number } {
  const s = zoom * PDF_TO_CSS;
  let top = gap;
  let widest = 0;
  const boxes: PageBox[] = [];
  for (const p of sizes) {
    const width = Math.round(p.width * s);
    const height = Math.round(p.height * s);
    widest = Math.max(widest, width);
    boxes.push({ top, left: 0, width, height });
    top += height + gap;
  }
  const contentWidth = Math.max(viewWidth, widest + 2 * gap);
  for (const b of boxes) b.left = Math.round((contentWidth - b.width) / 2);
  return { boxes, height: top, width: contentWidth };
}

/** 0-based indexes [first, last] of the pages that intersect [scrollTop, scrollTop + height]. */
export function visibleRange(boxes: readonly PageBox[], scrollTop: number, height: number): [number, number] {
  if (boxes.length === 0) return [0, -1];
  const bottom = scrollTop + height;
  let lo = 0;
  let hi = boxes.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (boxes[mid]!.top + boxes[mid]!.height < scrollTop) lo = mid + 1;
    else hi = mid;
  }
  let last = lo;
  while (last + 1 < boxes.length && boxes[last + 1]!.top < bottom) last++;
  return [lo, last];
}

/** The page the reviewer is reading: the one covering the upper third of the view (0-based). */
export function currentPageIndex(boxes: readonly PageBox[], scrollTop: number, height: number): number {
  const probe = scrollTop + height / 3;
  const [first, last] = visibleRange(boxes, scrollTop, height);
  for (let i = first; i <= last; i++) if (boxes[i]!.top + boxes[i]!.height + PAGE_GAP > probe) return i;
  return Math.max(0, first);
}

/** [a, b, c, d, e, f] as in pdf.js viewport.transform: PDF user space → CSS pixels of the page. */
export type Transform = readonly [number, number, number, number, number, number];

/**
 * The extractor's page space → CSS pixels. Unrotated pages are read in PDF user space (pdf.js's own transform); a
 * rotated page is read as displayed, origin bottom-left (main/pdf/read.ts displaySpace), so only scale and flip apply.
 */
export function pageTransform(vp: { rotation: number; scale: number; height: number; transform: number[] }): Transform {
  if (vp.rotation % 360 === 0) return vp.transform as unknown as Transform;
  return [vp.scale, 0, 0, -vp.scale, 0, vp.height];
}

export function applyTransform(t: Transform, x: number, y: number): [number, number] {
  return [t[0] * x + t[2] * y + t[4], t[1] * x + t[3] * y + t[5]];
}

export function invertTransform(t: Transform): Transform {
  const det = t[0] * t[3] - t[1] * t[2];
  return [
    t[3] / det,
    -t[1] / det,
    -t[2] / det,
    t[0] / det,
    (t[2] * t[5] - t[4] * t[3]) / det,
    (t[4] * t[1] - t[5] * t[0]) / det,
  ];
}

export interface CssRect {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** A user-space box on the page in CSS pixels (any rotation; corners normalised). */
export function pdfBoxToCss(t: Transform, bbox: BBox): CssRect {
  const [x1, y1] = applyTransform(t, bbox[0], bbox[1]);
  const [x2, y2] = applyTransform(t, bbox[2], bbox[3]);
  return { left: Math.min(x1, x2), top: Math.min(y1, y2), width: Math.abs(x2 - x1), height: Math.abs(y2 - y1) };
}

export function cssPointToPdf(t: Transform, x: number, y: number): [number, number] {
  return applyTransform(invertTransform(t), x, y);
}

/** A rectangle dragged on the page (CSS pixels, any corner order) as a user-space bbox [x0, y0, x1, y1]. */
export function cssRectToPdfBox(t: Transform, ax: number, ay: number, bx: number, by: number): BBox {
  const [px1, py1] = cssPointToPdf(t, ax, ay);
  const [px2, py2] = cssPointToPdf(t, bx, by);
  const r = (v: number) => Math.round(v * 100) / 100;
  return [r(Math.min(px1, px2)), r(Math.min(py1, py2)), r(Math.max(px1, px2)), r(Math.max(py1, py2))];
}

/** scrollTop that brings a box on a page into view: centred, or the page top when there is no box. */
export function scrollTargetFor(page: PageBox, rect: CssRect | null, viewHeight: number): number {
  if (!rect) return Math.max(0, page.top - PAGE_GAP);
  const centre = page.top + rect.top + rect.height / 2;
  return Math.max(0, Math.round(centre - viewHeight / 2));
}

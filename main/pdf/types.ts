import type { BBox } from '../../shared/model';

/** One run of text as pdfjs reports it, normalised (NFKC) and placed in PDF user space (origin bottom-left). */
export interface TextRun {
  str: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  fontSize: number;
  fontName?: string;
  /** True when the run is written top-to-bottom (rotated 90°). */
  vertical?: boolean;
}

/** A straight ruling line, from stroked paths or from thin filled rectangles. Horizontal when y0 === y1. */
export interface Segment {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface PageContent {
  /** 1-based. */
  page: number;
  width: number;
  height: number;
  rotation: number;
  runs: TextRun[];
  /** Ruling lines: horizontal and vertical only, merged and snapped; cell backgrounds are not included. */
  segments: Segment[];
  /** Filled rectangles that are not rulings (shading); kept for lattice detection of borderless-shaded tables. */
  rects: BBox[];
  /** The page paints images; with no runs this is an image-only (scanned) page. */
  hasImages: boolean;
}

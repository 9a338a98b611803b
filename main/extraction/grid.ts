import type { BBox } from '../../shared/model';
import type { TextRun } from '../pdf/types';

/**
 * A table's geometry on one page, before any meaning is given to it: the contract between table detection
 * (lattice.ts, stream.ts) and assembly (cells → headers → rows → stitching → classification).
 */
export interface GridCell {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  bbox: BBox;
  /** The text runs inside the cell, in no particular order; assembly joins them in reading order. */
  runs: TextRun[];
}

export interface PageGrid {
  page: number;
  bbox: BBox;
  method: 'lattice' | 'stream';
  /** Row boundaries, top to bottom (descending y); length = rows + 1. */
  rowEdges: number[];
  /** Column boundaries, left to right; length = cols + 1. */
  colEdges: number[];
  /** Every grid position is covered by exactly one cell (spanning cells cover several). */
  cells: GridCell[];
  /** 0..1: how sure detection is that this is a table and its columns are right (stream < lattice). */
  confidence: number;
}

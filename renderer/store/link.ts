import { create } from 'zustand';
import type { BBox } from '../../shared/model';

/**
 * The link between the PDF pane and the data side. The grid and findings panel write what should be shown on the
 * page; the viewer reads it and writes back what the reviewer points at on the page. Neither side imports the other.
 */
export type HighlightKind = 'selection' | 'finding' | 'hover' | 'region';

export interface Highlight {
  page: number;
  bbox: BBox;
  kind: HighlightKind;
}

export interface PagePoint {
  page: number;
  /** PDF user space. */
  x: number;
  y: number;
}

export interface LinkState {
  highlights: Highlight[];
  /** Scroll the viewer so this box is visible (set by the data side; the viewer clears nothing). */
  focus: { page: number; bbox: BBox | null; nonce: number } | null;
  /** The reviewer clicked text on the page (set by the viewer; the data side selects the matching cell). */
  pagePick: (PagePoint & { nonce: number }) | null;
  /** Draw-a-box mode: when on, the viewer lets the reviewer drag a rectangle and reports it in `drawnRegion`. */
  drawMode: boolean;
  drawnRegion: { page: number; bbox: BBox; nonce: number } | null;
  setHighlights(h: Highlight[]): void;
  focusOn(page: number, bbox: BBox | null): void;
  pick(p: PagePoint): void;
  setDrawMode(on: boolean): void;
  reportRegion(page: number, bbox: BBox): void;
}

let nonce = 0;
export const useLinkStore = create<LinkState>()((set) => ({
  highlights: [],
  focus: null,
  pagePick: null,
  drawMode: false,
  drawnRegion: null,
  setHighlights: (highlights) => set({ highlights }),
  focusOn: (page, bbox) => set({ focus: { page, bbox, nonce: ++nonce } }),
  pick: (p) => set({ pagePick: { ...p, nonce: ++nonce } }),
  setDrawMode: (drawMode) => set({ drawMode }),
  reportRegion: (page, bbox) => set({ drawnRegion: { page, bbox, nonce: ++nonce }, drawMode: false }),
}));

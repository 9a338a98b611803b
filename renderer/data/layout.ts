/**
 * The data side's own pane sizes (table list width and whether it is folded away, findings height), remembered
 * across sessions.
 */
export interface DataLayout {
  listWidth: number;
  /** The table list folded to a narrow strip, so the grid gets its width. */
  listCollapsed: boolean;
  findingsHeight: number;
}

export const DATA_LAYOUT_KEY = 'budgetReview.dataLayout';
export const DEFAULT_DATA_LAYOUT: DataLayout = { listWidth: 210, listCollapsed: false, findingsHeight: 300 };
/** Width of the folded table list. */
export const COLLAPSED_LIST_WIDTH = 28;

export function clampLayout(l: DataLayout): DataLayout {
  const clamp = (v: number, lo: number, hi: number, d: number) =>
    Number.isFinite(v) ? Math.min(hi, Math.max(lo, v)) : d;
  return {
    listWidth: clamp(l.listWidth, 140, 480, DEFAULT_DATA_LAYOUT.listWidth),
    listCollapsed: l.listCollapsed === true,
    findingsHeight: clamp(l.findingsHeight, 120, 700, DEFAULT_DATA_LAYOUT.findingsHeight),
  };
}

export function parseDataLayout(text: string | null): DataLayout {
  if (!text) return DEFAULT_DATA_LAYOUT;
  try {
    const o = JSON.parse(text) as Partial<DataLayout>;
    return clampLayout({
      listWidth: typeof o.listWidth === 'number' ? o.listWidth : DEFAULT_DATA_LAYOUT.listWidth,
      listCollapsed: typeof o.listCollapsed === 'boolean' ? o.listCollapsed : DEFAULT_DATA_LAYOUT.listCollapsed,
      findingsHeight: typeof o.findingsHeight === 'number' ? o.findingsHeight : DEFAULT_DATA_LAYOUT.findingsHeight,
    });
  } catch {
    return DEFAULT_DATA_LAYOUT;
  }
}

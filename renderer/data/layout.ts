/** The data side's own pane sizes (table list width, findings height), remembered across sessions. */
export interface DataLayout {
  listWidth: number;
  findingsHeight: number;
}

export const DATA_LAYOUT_KEY = 'budgetReview.dataLayout';
export const DEFAULT_DATA_LAYOUT: DataLayout = { listWidth: 220, findingsHeight: 220 };

export function clampLayout(l: DataLayout): DataLayout {
  const clamp = (v: number, lo: number, hi: number, d: number) =>
    Number.isFinite(v) ? Math.min(hi, Math.max(lo, v)) : d;
  return {
    listWidth: clamp(l.listWidth, 140, 480, DEFAULT_DATA_LAYOUT.listWidth),
    findingsHeight: clamp(l.findingsHeight, 80, 700, DEFAULT_DATA_LAYOUT.findingsHeight),
  };
}

export function parseDataLayout(text: string | null): DataLayout {
  if (!text) return DEFAULT_DATA_LAYOUT;
  try {
    const o = JSON.parse(text) as Partial<DataLayout>;
    return clampLayout({
      listWidth: typeof o.listWidth === 'number' ? o.listWidth : DEFAULT_DATA_LAYOUT.listWidth,
      findingsHeight: typeof o.findingsHeight === 'number' ? o.findingsHeight : DEFAULT_DATA_LAYOUT.findingsHeight,
    });
  } catch {
    return DEFAULT_DATA_LAYOUT;
  }
}

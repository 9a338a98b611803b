import { create } from 'zustand';
import {
  DEFAULT_LOCALE,
  isLocale,
  translate,
  type Locale,
  type MessageKey,
  type MessageParams,
} from '../../shared/i18n';
import { clampZoom, type ZoomMode } from '../viewer/geometry';

/**
 * UI state that is neither document nor review data: language, pane layout (remembered across sessions),
 * viewer zoom and navigation, and the banners at the top of the window.
 */
export interface Banner {
  id: number;
  tone: 'error' | 'info';
  key: MessageKey;
  params?: MessageParams;
}

export interface Layout {
  /** Share of the window width given to the PDF pane (0.2 – 0.8). */
  split: number;
  thumbnails: boolean;
  zoom: ZoomMode;
}

export interface UiState {
  locale: Locale;
  layout: Layout;
  /** 1-based page at the top of the PDF pane, as the viewer reports it. */
  currentPage: number;
  /** A navigation request for the viewer (toolbar, thumbnails); nonce makes a repeat request count. */
  goTo: { page: number; nonce: number } | null;
  /** The zoom factor the viewer is using now (fit modes resolve to a number). */
  effectiveZoom: number;
  banners: Banner[];
  setLocale(l: Locale): void;
  setSplit(split: number): void;
  toggleThumbnails(): void;
  setZoom(z: ZoomMode): void;
  setEffectiveZoom(z: number): void;
  setCurrentPage(p: number): void;
  goToPage(p: number): void;
  notify(tone: Banner['tone'], key: MessageKey, params?: MessageParams): void;
  dismiss(id: number): void;
}

const LAYOUT_KEY = 'budgetReview.layout';
const LOCALE_KEY = 'budgetReview.locale';
// The PDF pane takes 40 %: at 1600 px the grid keeps 700 px beside a 210 px table list (issue 13).
// Thumbnails start hidden on a narrow window (1280 px), where they would take a quarter of the PDF pane.
const DEFAULT_LAYOUT: Layout = {
  split: 0.4,
  thumbnails: typeof window === 'undefined' || window.innerWidth >= 1400,
  zoom: { kind: 'fit-width' },
};

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

export function clampSplit(v: number): number {
  return Number.isFinite(v) ? Math.min(0.8, Math.max(0.2, v)) : DEFAULT_LAYOUT.split;
}

/** A stored layout, repaired field by field: an old or hand-edited value never breaks the window. */
export function parseLayout(text: string | null): Layout {
  if (!text) return DEFAULT_LAYOUT;
  try {
    const o = JSON.parse(text) as Partial<Layout>;
    const z = o.zoom;
    const zoom: ZoomMode =
      z && (z.kind === 'fit-width' || z.kind === 'fit-page')
        ? { kind: z.kind }
        : z && z.kind === 'percent' && typeof z.value === 'number'
          ? { kind: 'percent', value: clampZoom(z.value) }
          : DEFAULT_LAYOUT.zoom;
    return {
      split: typeof o.split === 'number' ? clampSplit(o.split) : DEFAULT_LAYOUT.split,
      thumbnails: typeof o.thumbnails === 'boolean' ? o.thumbnails : DEFAULT_LAYOUT.thumbnails,
      zoom,
    };
  } catch {
    return DEFAULT_LAYOUT;
  }
}

function saveLayout(layout: Layout): void {
  storage()?.setItem(LAYOUT_KEY, JSON.stringify(layout));
}

export function storedLocale(): Locale | null {
  const v = storage()?.getItem(LOCALE_KEY) ?? null;
  return isLocale(v) ? v : null;
}

let bannerId = 0;
let navNonce = 0;

export const useUiStore = create<UiState>()((set, get) => ({
  locale: storedLocale() ?? DEFAULT_LOCALE,
  layout: parseLayout(storage()?.getItem(LAYOUT_KEY) ?? null),
  currentPage: 1,
  goTo: null,
  effectiveZoom: 1,
  banners: [],
  setLocale: (locale) => {
    storage()?.setItem(LOCALE_KEY, locale);
    if (typeof document !== 'undefined') document.documentElement.lang = locale;
    set({ locale });
  },
  setSplit: (split) => {
    const layout = { ...get().layout, split: clampSplit(split) };
    saveLayout(layout);
    set({ layout });
  },
  toggleThumbnails: () => {
    const layout = { ...get().layout, thumbnails: !get().layout.thumbnails };
    saveLayout(layout);
    set({ layout });
  },
  setZoom: (zoom) => {
    const layout = {
      ...get().layout,
      zoom: zoom.kind === 'percent' ? { kind: 'percent' as const, value: clampZoom(zoom.value) } : zoom,
    };
    saveLayout(layout);
    set({ layout });
  },
  setEffectiveZoom: (effectiveZoom) => set({ effectiveZoom }),
  setCurrentPage: (currentPage) => {
    if (get().currentPage !== currentPage) set({ currentPage });
  },
  goToPage: (page) => set({ goTo: { page, nonce: ++navNonce } }),
  notify: (tone, key, params) => {
    // The same message twice in a row is one banner, not a stack.
    const last = get().banners.at(-1);
    if (last && last.key === key && JSON.stringify(last.params) === JSON.stringify(params)) return;
    set({ banners: [...get().banners, { id: ++bannerId, tone, key, params }].slice(-4) });
  },
  dismiss: (id) => set({ banners: get().banners.filter((b) => b.id !== id) }),
}));

/** The translation function for the current language; components re-render when it changes. */
export function useT(): (key: MessageKey, params?: MessageParams) => string {
  const locale = useUiStore((s) => s.locale);
  return (key, params) => translate(locale, key, params);
}

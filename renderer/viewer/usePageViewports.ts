import { useCallback, useEffect, useRef, useState } from 'react';
import type { PageViewport } from 'pdfjs-dist';
import type { PDFDocumentProxy } from './pdfjs';

export interface PageViewports {
  /** Viewport at scale 1 of every page known so far (index = page − 1). */
  known: readonly (PageViewport | undefined)[];
  /** Page 1's viewport: the stand-in size for pages not read yet. */
  first: PageViewport;
}

/**
 * Page sizes, read lazily: page 1 at once (so it can be drawn immediately), the rest in the background in batches,
 * and any page the reviewer jumps to on demand. A 194-page report therefore shows its first page without waiting
 * for the other 193.
 */
export function usePageViewports(pdf: PDFDocumentProxy): {
  viewports: PageViewports | null;
  ensure(indexes: number[]): void;
} {
  const [viewports, setViewports] = useState<PageViewports | null>(null);
  const store = useRef<{
    pdf: PDFDocumentProxy;
    known: (PageViewport | undefined)[];
    first: PageViewport | null;
    pending: Set<number>;
  }>(null);

  useEffect(() => {
    const known: (PageViewport | undefined)[] = new Array<PageViewport | undefined>(pdf.numPages).fill(undefined);
    const state = { pdf, known, first: null as PageViewport | null, pending: new Set<number>() };
    store.current = state;
    let cancelled = false;
    const publish = () => {
      if (!cancelled && state.first) setViewports({ known: [...state.known], first: state.first });
    };
    setViewports(null);
    (async () => {
      const p1 = await pdf.getPage(1);
      if (cancelled) return;
      state.first = p1.getViewport({ scale: 1 });
      known[0] = state.first;
      publish();
      // Let page 1 render before the worker is kept busy with the others.
      await new Promise((r) => setTimeout(r, 500));
      let batch = 0;
      for (let i = 1; i < pdf.numPages && !cancelled; i++) {
        if (known[i]) continue;
        known[i] = (await pdf.getPage(i + 1)).getViewport({ scale: 1 });
        if (++batch >= 24) {
          batch = 0;
          publish();
        }
      }
      publish();
    })().catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [pdf]);

  const ensure = useCallback((indexes: number[]) => {
    const state = store.current;
    if (!state?.first) return;
    for (const i of indexes) {
      if (i < 0 || i >= state.known.length || state.known[i] || state.pending.has(i)) continue;
      state.pending.add(i);
      void state.pdf
        .getPage(i + 1)
        .then((p) => {
          if (store.current !== state) return;
          state.known[i] = p.getViewport({ scale: 1 });
          setViewports({ known: [...state.known], first: state.first! });
        })
        .catch(() => undefined)
        .finally(() => state.pending.delete(i));
    }
  }, []);

  return { viewports, ensure };
}

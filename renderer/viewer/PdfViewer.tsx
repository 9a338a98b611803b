import { useEffect, useLayoutEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import type { PageViewport } from 'pdfjs-dist';
import type { PDFDocumentProxy } from './pdfjs';
import { PageContent } from './PageView';
import { HighlightLayer } from './HighlightLayer';
import { DrawLayer } from './DrawLayer';
import { usePageViewports } from './usePageViewports';
import { onCopyPageText } from './textSelection';
import {
  PDF_TO_CSS,
  cssPointToPdf,
  currentPageIndex,
  layoutPages,
  nextZoom,
  pdfBoxToCss,
  resolveZoom,
  scrollTargetFor,
  visibleRange,
  type PageBox,
  pageTransform,
} from './geometry';
import { useUiStore, useT } from '../store/ui';
import { useLinkStore } from '../store/link';

/** Pages mounted beyond the visible ones, so a short scroll never shows a blank page. */
const OVERSCAN = 1;

/**
 * The scrolling page area: every page has a frame of the right size, but only the pages in view (plus one either
 * side) are drawn. It follows the UI store's zoom and navigation requests and the link store's highlights and focus.
 */
export function PdfViewer({ pdf }: { pdf: PDFDocumentProxy }) {
  const t = useT();
  const scroller = useRef<HTMLDivElement>(null);
  // When the pane appeared, so the time to the first drawn page can be read off the DOM (benchmarks, e2e).
  const [mountedAt] = useState(() => performance.mark('brw:viewer-mounted').startTime);
  const [view, setView] = useState({ width: 0, height: 0, top: 0 });
  const { viewports, ensure } = usePageViewports(pdf);
  const zoomMode = useUiStore((s) => s.layout.zoom);
  const goTo = useUiStore((s) => s.goTo);
  const focus = useLinkStore((s) => s.focus);
  const drawMode = useLinkStore((s) => s.drawMode);

  const sizes = useMemo(() => {
    if (!viewports) return [];
    return viewports.known.map((v) => v ?? viewports.first).map((v) => ({ width: v.width, height: v.height }));
  }, [viewports]);

  const zoom = useMemo(() => {
    if (sizes.length === 0 || view.width === 0) return 1;
    const largest = sizes.reduce(
      (a, s) => ({ width: Math.max(a.width, s.width), height: Math.max(a.height, s.height) }),
      { width: 1, height: 1 },
    );
    return resolveZoom(zoomMode, largest, view);
  }, [sizes, zoomMode, view.width, view.height]);

  useEffect(() => useUiStore.getState().setEffectiveZoom(zoom), [zoom]);

  const layout = useMemo(() => layoutPages(sizes, zoom, view.width), [sizes, zoom, view.width]);
  const [first, last] = visibleRange(layout.boxes, view.top, view.height);
  const from = Math.max(0, first - OVERSCAN);
  const to = Math.min(layout.boxes.length - 1, last + OVERSCAN);

  useEffect(() => {
    const wanted: number[] = [];
    for (let i = from; i <= to; i++) wanted.push(i);
    ensure(wanted);
  }, [from, to, ensure]);

  // The reading position (page + fraction) survives zoom changes and late-arriving page sizes.
  const anchor = useRef({ index: 0, fraction: 0 });
  const laidOut = useRef<PageBox[] | null>(null);
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el || layout.boxes.length === 0) return;
    if (laidOut.current) {
      const box = layout.boxes[anchor.current.index];
      if (box) el.scrollTop = Math.round(box.top + anchor.current.fraction * box.height);
    }
    laidOut.current = layout.boxes;
  }, [layout]);

  useLayoutEffect(() => {
    const el = scroller.current!;
    const measure = () => setView({ width: el.clientWidth, height: el.clientHeight, top: el.scrollTop });
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const onScroll = () => {
    const el = scroller.current!;
    setView((v) => (v.top === el.scrollTop ? v : { ...v, top: el.scrollTop }));
    const boxes = laidOut.current;
    if (!boxes || boxes.length === 0) return;
    const index = currentPageIndex(boxes, el.scrollTop, el.clientHeight);
    const box = boxes[index]!;
    anchor.current = { index, fraction: (el.scrollTop - box.top) / Math.max(1, box.height) };
    useUiStore.getState().setCurrentPage(index + 1);
  };

  // Page navigation from the toolbar and thumbnails.
  useEffect(() => {
    const el = scroller.current;
    const box = goTo && layout.boxes[goTo.page - 1];
    if (!el || !box) return;
    el.scrollTop = scrollTargetFor(box, null, el.clientHeight);
  }, [goTo?.nonce, layout.boxes.length > 0]);

  // Focus requests from the data side: bring the cell's box to the middle of the view.
  useEffect(() => {
    const el = scroller.current;
    if (!el || !focus || !viewports) return;
    const box = layout.boxes[focus.page - 1];
    if (!box) return;
    let cancelled = false;
    void (async () => {
      const base = viewports.known[focus.page - 1] ?? (await pdf.getPage(focus.page)).getViewport({ scale: 1 });
      if (cancelled) return;
      const vp = base.clone({ scale: zoom * PDF_TO_CSS });
      const rect = focus.bbox ? pdfBoxToCss(pageTransform(vp), focus.bbox) : null;
      el.scrollTop = scrollTargetFor(box, rect, el.clientHeight);
      if (rect) el.scrollLeft = Math.max(0, Math.round(box.left + rect.left + rect.width / 2 - el.clientWidth / 2));
    })();
    return () => {
      cancelled = true;
    };
  }, [focus?.nonce, viewports === null]);

  // Ctrl + wheel zooms (a listener that may cancel: React's wheel handler is passive).
  useEffect(() => {
    const el = scroller.current!;
    const onWheel = (e: WheelEvent) => {
      if (!e.ctrlKey) return;
      e.preventDefault();
      const ui = useUiStore.getState();
      ui.setZoom({ kind: 'percent', value: nextZoom(ui.effectiveZoom, e.deltaY < 0 ? 1 : -1) });
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, []);

  useEffect(() => {
    if (!drawMode) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') useLinkStore.getState().setDrawMode(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [drawMode]);

  const frames = [];
  for (let i = 0; i < layout.boxes.length; i++) {
    const box = layout.boxes[i]!;
    const mounted = i >= from && i <= to;
    frames.push(
      <PageFrame
        key={i}
        pdf={pdf}
        pageNumber={i + 1}
        box={box}
        base={mounted ? viewports?.known[i] : undefined}
        priority={i >= first && i <= last ? 0 : 1}
        zoom={zoom}
        drawMode={drawMode}
        label={t('viewer.page', { page: i + 1 })}
      />,
    );
  }

  return (
    <div
      ref={scroller}
      className={`pdf-scroller${drawMode ? ' drawing' : ''}`}
      data-testid="pdf-viewer"
      data-zoom={zoom.toFixed(4)}
      data-mounted-at={mountedAt}
      onScroll={onScroll}
      onCopy={onCopyPageText}
      tabIndex={0}
    >
      {drawMode && (
        <div className="draw-hint" role="status">
          {t('viewer.drawHint')}
        </div>
      )}
      <div className="pdf-pages" style={{ width: layout.width, height: layout.height }}>
        {viewports ? frames : <div className="viewer-loading">{t('viewer.loading')}</div>}
      </div>
    </div>
  );
}

function PageFrame(props: {
  pdf: PDFDocumentProxy;
  pageNumber: number;
  box: PageBox;
  /** Known only while the page is mounted and its size has been read. */
  base: PageViewport | undefined;
  priority: number;
  zoom: number;
  drawMode: boolean;
  label: string;
}) {
  const { pdf, pageNumber, box, base, priority, zoom, drawMode, label } = props;
  const viewport = useMemo(() => base?.clone({ scale: zoom * PDF_TO_CSS }), [base, zoom]);
  const transform = viewport ? pageTransform(viewport) : undefined;

  const onClick = (e: MouseEvent<HTMLDivElement>) => {
    if (!transform || drawMode) return;
    // A click that ends a text selection is the reviewer copying text, not pointing at a cell.
    if (window.getSelection()?.toString()) return;
    const r = e.currentTarget.getBoundingClientRect();
    const [x, y] = cssPointToPdf(transform, e.clientX - r.left, e.clientY - r.top);
    useLinkStore.getState().pick({ page: pageNumber, x, y });
  };

  return (
    <div
      className="page"
      data-testid="page"
      data-page={pageNumber}
      role="group"
      aria-label={label}
      style={{ top: box.top, left: box.left, width: box.width, height: box.height }}
      onClick={onClick}
    >
      {viewport && transform && (
        <>
          <PageContent pdf={pdf} pageNumber={pageNumber} viewport={viewport} priority={priority} />
          <HighlightLayer pageNumber={pageNumber} transform={transform} />
          {drawMode && <DrawLayer pageNumber={pageNumber} transform={transform} />}
        </>
      )}
    </div>
  );
}

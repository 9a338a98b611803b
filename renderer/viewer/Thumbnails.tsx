import { useEffect, useRef, useState } from 'react';
import type { PDFDocumentProxy } from './pdfjs';
import { useUiStore, useT } from '../store/ui';

const THUMB_WIDTH = 96;
const THUMB_DELAY_MS = 1200;

/**
 * Page thumbnails: a list with one slot per page; a slot draws its page only when scrolled into view, and keeps the
 * small bitmap afterwards. Clicking navigates.
 */
export function Thumbnails({ pdf }: { pdf: PDFDocumentProxy }) {
  const t = useT();
  const current = useUiStore((s) => s.currentPage);
  const list = useRef<HTMLDivElement>(null);
  const [aspect, setAspect] = useState(1.414);

  useEffect(() => {
    let cancelled = false;
    void pdf.getPage(1).then((p) => {
      const v = p.getViewport({ scale: 1 });
      if (!cancelled) setAspect(v.height / v.width);
    });
    return () => {
      cancelled = true;
    };
  }, [pdf]);

  useEffect(() => {
    const el = list.current?.querySelector<HTMLElement>(`[data-thumb="${current}"]`);
    el?.scrollIntoView({ block: 'nearest' });
  }, [current]);

  const items = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    items.push(
      <Thumb
        key={n}
        pdf={pdf}
        pageNumber={n}
        active={n === current}
        height={Math.round(THUMB_WIDTH * aspect)}
        label={t('viewer.thumbnail', { page: n })}
        root={list}
      />,
    );
  }
  return (
    <nav className="thumbnails" ref={list} aria-label={t('toolbar.thumbnails')} data-testid="thumbnails">
      {items}
    </nav>
  );
}

function Thumb(props: {
  pdf: PDFDocumentProxy;
  pageNumber: number;
  active: boolean;
  height: number;
  label: string;
  root: React.RefObject<HTMLDivElement | null>;
}) {
  const { pdf, pageNumber, active, height, label, root } = props;
  const slot = useRef<HTMLButtonElement>(null);
  const [src, setSrc] = useState<string | null>(null);

  useEffect(() => {
    if (src) return;
    const el = slot.current!;
    let cancelled = false;
    let started = false;
    let io: IntersectionObserver | null = null;
    // Thumbnails wait until the main view has had the worker to itself for its first page.
    const delay = setTimeout(() => {
      io = new IntersectionObserver(
        (entries) => {
          if (started || !entries.some((e) => e.isIntersecting)) return;
          started = true;
          io?.disconnect();
          void (async () => {
            const page = await pdf.getPage(pageNumber);
            const base = page.getViewport({ scale: 1 });
            const vp = page.getViewport({ scale: (THUMB_WIDTH * 2) / base.width });
            const canvas = document.createElement('canvas');
            canvas.width = Math.floor(vp.width);
            canvas.height = Math.floor(vp.height);
            await page.render({ canvas, canvasContext: canvas.getContext('2d')!, viewport: vp }).promise;
            if (!cancelled) setSrc(canvas.toDataURL('image/png'));
          })().catch(() => undefined);
        },
        { root: root.current, rootMargin: '200px 0px' },
      );
      io.observe(el);
    }, THUMB_DELAY_MS);
    return () => {
      cancelled = true;
      clearTimeout(delay);
      io?.disconnect();
    };
  }, [pdf, pageNumber, src, root]);

  return (
    <button
      ref={slot}
      type="button"
      className={`thumb${active ? ' active' : ''}`}
      data-thumb={pageNumber}
      aria-label={label}
      aria-current={active ? 'page' : undefined}
      onClick={() => useUiStore.getState().goToPage(pageNumber)}
    >
      <span className="thumb-img" style={{ width: THUMB_WIDTH, height }}>
        {src && <img src={src} alt="" width={THUMB_WIDTH} height={height} />}
      </span>
      <span className="thumb-num">{pageNumber}</span>
    </button>
  );
}

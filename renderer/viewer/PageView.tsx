import { useEffect, useRef } from 'react';
import { pdfjs, type PDFDocumentProxy } from './pdfjs';
import type { PageViewport, RenderTask } from 'pdfjs-dist';
import { useUiStore } from '../store/ui';
import { pageRenderQueue } from './renderQueue';
import { publishInfo } from '../store/document';
import { enableSelection } from './textSelection';

/** Canvas pixels are capped so a high zoom on a large page cannot exhaust memory (pdf.js viewer uses 2^25). */
const MAX_CANVAS_PIXELS = 2 ** 24;

/**
 * One page's pixels and text: a canvas drawn by pdf.js and its text layer (transparent, selectable spans placed
 * over the glyphs). Mounted only while the page is near the view; unmounting cancels any render in flight.
 */
export function PageContent(props: {
  pdf: PDFDocumentProxy;
  pageNumber: number;
  viewport: PageViewport;
  /** 0 = in view, 1 = just outside (drawn after the visible pages). */
  priority: number;
}) {
  const { pdf, pageNumber, viewport, priority } = props;
  const canvasHost = useRef<HTMLDivElement>(null);
  const textHost = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let cancelled = false;
    let renderTask: RenderTask | null = null;
    let textLayer: InstanceType<typeof pdfjs.TextLayer> | null = null;
    let forgetSelection: (() => void) | null = null;
    const host = canvasHost.current!;
    const textDiv = textHost.current!;
    host.dataset.rendered = 'false';
    textDiv.dataset.rendered = 'false';

    const drawPixels = async () => {
      if (cancelled) return;
      const page = await pdf.getPage(pageNumber);
      if (cancelled) return;
      performance.mark(`brw:page-${pageNumber}-render-start`);
      const dpr = window.devicePixelRatio || 1;
      const scale = Math.min(dpr, Math.sqrt(MAX_CANVAS_PIXELS / (viewport.width * viewport.height)));
      const canvas = document.createElement('canvas');
      canvas.width = Math.floor(viewport.width * scale);
      canvas.height = Math.floor(viewport.height * scale);
      canvas.style.width = `${Math.floor(viewport.width)}px`;
      canvas.style.height = `${Math.floor(viewport.height)}px`;
      canvas.setAttribute('aria-hidden', 'true');
      const canvasContext = canvas.getContext('2d', { alpha: false })!;
      renderTask = page.render({
        canvas,
        canvasContext,
        viewport,
        transform: scale !== 1 ? [scale, 0, 0, scale, 0, 0] : undefined,
      });
      await renderTask.promise;
      if (cancelled) return;
      // Swap only when complete: the previous zoom's pixels stay visible until the new ones are ready.
      host.replaceChildren(canvas);
      host.dataset.rendered = 'true';
      const viewer = host.closest<HTMLElement>('[data-mounted-at]');
      publishInfo(pdf);
      if (viewer && !viewer.dataset.firstPageMs) {
        performance.mark('brw:first-page-drawn');
        viewer.dataset.firstPageMs = String(Math.round(performance.now() - Number(viewer.dataset.mountedAt)));
      }
    };

    // Text after pixels: what the reviewer waits for is the picture; the text layer follows.
    const buildText = async () => {
      if (cancelled) return;
      const page = await pdf.getPage(pageNumber);
      const fresh = document.createElement('div');
      textLayer = new pdfjs.TextLayer({
        textContentSource: page.streamTextContent({ includeMarkedContent: true, disableNormalization: true }),
        container: fresh,
        viewport,
      });
      await textLayer.render();
      if (cancelled) return;
      textDiv.replaceChildren(...fresh.childNodes);
      textDiv.style.setProperty('--total-scale-factor', String(viewport.scale));
      forgetSelection?.();
      forgetSelection = enableSelection(textDiv);
      textDiv.dataset.rendered = 'true';
    };

    const pixels = pageRenderQueue.schedule({ priority, run: drawPixels });
    const text = pageRenderQueue.schedule({ priority: priority + 2, run: buildText });
    Promise.all([pixels.done, text.done]).catch((err: unknown) => {
      if (cancelled || (err as { name?: string })?.name === 'RenderingCancelledException') return;
      useUiStore
        .getState()
        .notify('error', 'error.render', { page: pageNumber, message: String((err as Error)?.message ?? err) });
    });

    return () => {
      cancelled = true;
      pixels.cancel();
      text.cancel();
      renderTask?.cancel();
      textLayer?.cancel();
      forgetSelection?.();
    };
    // Priority matters only when a render is queued; a change of it alone does not redraw.
  }, [pdf, pageNumber, viewport]);

  return (
    <>
      <div ref={canvasHost} className="page-canvas" data-testid="page-canvas" />
      <div ref={textHost} className="textLayer" data-testid="text-layer" />
    </>
  );
}

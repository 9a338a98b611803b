import { useEffect, useRef } from 'react';
import { pdfjs, type PDFDocumentProxy } from './pdfjs';
import type { PageViewport, RenderTask } from 'pdfjs-dist';
import { useUiStore } from '../store/ui';

/** Canvas pixels are capped so a high zoom on a large page cannot exhaust memory (pdf.js viewer uses 2^25). */
const MAX_CANVAS_PIXELS = 2 ** 24;

/**
 * One page's pixels and text: a canvas drawn by pdf.js and its text layer (transparent, selectable spans placed
 * over the glyphs). Mounted only while the page is near the view; unmounting cancels any render in flight.
 */
export function PageContent({ pdf, pageNumber, viewport }: { pdf: PDFDocumentProxy; pageNumber: number; viewport: PageViewport }) {
  const canvasHost = useRef<HTMLDivElement>(null);
  const textHost = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let cancelled = false;
    let renderTask: RenderTask | null = null;
    let textLayer: InstanceType<typeof pdfjs.TextLayer> | null = null;
    const host = canvasHost.current!;
    const textDiv = textHost.current!;
    host.dataset.rendered = 'false';

    (async () => {
      const page = await pdf.getPage(pageNumber);
      if (cancelled) return;
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

      textDiv.replaceChildren();
      textDiv.style.setProperty('--total-scale-factor', String(viewport.scale));
      textLayer = new pdfjs.TextLayer({
        textContentSource: page.streamTextContent({ includeMarkedContent: true, disableNormalization: true }),
        container: textDiv,
        viewport,
      });
      const textDone = textLayer.render().then(
        () => {
          if (!cancelled) textDiv.dataset.rendered = 'true';
        },
        () => undefined,
      );

      await renderTask.promise;
      if (cancelled) return;
      // Swap only when complete: the previous zoom's pixels stay visible until the new ones are ready.
      host.replaceChildren(canvas);
      host.dataset.rendered = 'true';
      await textDone;
    })().catch((err: unknown) => {
      if (cancelled || (err as { name?: string })?.name === 'RenderingCancelledException') return;
      useUiStore.getState().notify('error', 'error.render', { page: pageNumber, message: String((err as Error)?.message ?? err) });
    });

    return () => {
      cancelled = true;
      renderTask?.cancel();
      textLayer?.cancel();
    };
  }, [pdf, pageNumber, viewport]);

  return (
    <>
      <div ref={canvasHost} className="page-canvas" data-testid="page-canvas" />
      <div ref={textHost} className="textLayer" data-testid="text-layer" />
    </>
  );
}

import { useLinkStore } from '../store/link';
import { pdfBoxToCss, type Transform } from './geometry';

/** Boxes the data side asked to show on this page (selected cell, finding cells, hovered items). */
export function HighlightLayer({ pageNumber, transform }: { pageNumber: number; transform: Transform }) {
  const highlights = useLinkStore((s) => s.highlights);
  const mine = highlights.filter((h) => h.page === pageNumber);
  if (mine.length === 0) return null;
  return (
    <div className="highlight-layer" aria-hidden="true">
      {mine.map((h, i) => {
        const r = pdfBoxToCss(transform, h.bbox);
        return (
          <div
            key={`${h.kind}-${i}`}
            className={`highlight highlight-${h.kind}`}
            data-testid="highlight"
            data-page={pageNumber}
            data-kind={h.kind}
            style={{ left: r.left - 2, top: r.top - 2, width: r.width + 4, height: r.height + 4 }}
          />
        );
      })}
    </div>
  );
}

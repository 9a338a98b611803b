import { useRef, useState, type PointerEvent } from 'react';
import { useLinkStore } from '../store/link';
import { cssRectToPdfBox, type Transform } from './geometry';

/** Smallest drag (CSS px) that counts as a rectangle rather than a stray click. */
const MIN_DRAG = 6;

/**
 * Draw-a-box mode: the reviewer drags a rectangle around a table the engine missed; it is reported in PDF user
 * space through the link store, and the mode ends.
 */
export function DrawLayer({ pageNumber, transform }: { pageNumber: number; transform: Transform }) {
  const reportRegion = useLinkStore((s) => s.reportRegion);
  const start = useRef<{ x: number; y: number } | null>(null);
  const [rect, setRect] = useState<{ x0: number; y0: number; x1: number; y1: number } | null>(null);

  const local = (e: PointerEvent<HTMLDivElement>) => {
    const b = e.currentTarget.getBoundingClientRect();
    return {
      x: Math.min(Math.max(e.clientX - b.left, 0), b.width),
      y: Math.min(Math.max(e.clientY - b.top, 0), b.height),
    };
  };

  return (
    <div
      className="draw-layer"
      data-testid="draw-layer"
      data-page={pageNumber}
      onPointerDown={(e) => {
        if (e.button !== 0) return;
        e.preventDefault();
        e.currentTarget.setPointerCapture(e.pointerId);
        const p = local(e);
        start.current = p;
        setRect({ x0: p.x, y0: p.y, x1: p.x, y1: p.y });
      }}
      onPointerMove={(e) => {
        if (!start.current) return;
        const p = local(e);
        setRect({ x0: start.current.x, y0: start.current.y, x1: p.x, y1: p.y });
      }}
      onPointerUp={(e) => {
        const s = start.current;
        start.current = null;
        setRect(null);
        if (!s) return;
        const p = local(e);
        if (Math.abs(p.x - s.x) < MIN_DRAG || Math.abs(p.y - s.y) < MIN_DRAG) return;
        reportRegion(pageNumber, cssRectToPdfBox(transform, s.x, s.y, p.x, p.y));
      }}
    >
      {rect && (
        <div
          className="draw-rect"
          data-testid="draw-rect"
          style={{
            left: Math.min(rect.x0, rect.x1),
            top: Math.min(rect.y0, rect.y1),
            width: Math.abs(rect.x1 - rect.x0),
            height: Math.abs(rect.y1 - rect.y0),
          }}
        />
      )}
    </div>
  );
}

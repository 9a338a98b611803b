import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { useUiStore, useT } from '../store/ui';

/** The bar between the PDF pane and the data side; drag or arrow keys; the split is remembered. */
export function Splitter({ container }: { container: React.RefObject<HTMLElement | null> }) {
  const t = useT();
  const split = useUiStore((s) => s.layout.split);
  const setSplit = useUiStore((s) => s.setSplit);
  const dragging = useRef(false);

  const move = (e: PointerEvent<HTMLDivElement>) => {
    if (!dragging.current || !container.current) return;
    const r = container.current.getBoundingClientRect();
    setSplit((e.clientX - r.left) / r.width);
  };
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'ArrowLeft') setSplit(split - 0.02);
    else if (e.key === 'ArrowRight') setSplit(split + 0.02);
    else return;
    e.preventDefault();
  };

  return (
    <div
      className="splitter"
      role="separator"
      aria-orientation="vertical"
      aria-label={t('layout.splitter')}
      aria-valuemin={20}
      aria-valuemax={80}
      aria-valuenow={Math.round(split * 100)}
      tabIndex={0}
      data-testid="splitter"
      onPointerDown={(e) => {
        dragging.current = true;
        e.currentTarget.setPointerCapture(e.pointerId);
      }}
      onPointerMove={move}
      onPointerUp={() => (dragging.current = false)}
      onPointerCancel={() => (dragging.current = false)}
      onKeyDown={onKey}
    />
  );
}

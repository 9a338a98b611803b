import { useEffect, useState } from 'react';
import { useApi } from '../api/context';
import { dragHasFiles, droppedFile } from '../api/files';
import { openDocument } from '../store/document';
import { useT } from '../store/ui';

/** Drop a PDF anywhere in the window to open it; the whole window shows that it will accept the drop. */
export function DropTarget() {
  const t = useT();
  const api = useApi();
  const [over, setOver] = useState(false);

  useEffect(() => {
    let depth = 0;
    const enter = (e: DragEvent) => {
      if (!dragHasFiles(e.dataTransfer)) return;
      e.preventDefault();
      depth++;
      setOver(true);
    };
    const overFn = (e: DragEvent) => {
      if (!dragHasFiles(e.dataTransfer)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const leave = (e: DragEvent) => {
      if (!dragHasFiles(e.dataTransfer)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setOver(false);
    };
    const drop = (e: DragEvent) => {
      // Always cancel: a file dropped on the window must never navigate away from the app.
      e.preventDefault();
      depth = 0;
      setOver(false);
      const file = droppedFile(e.dataTransfer);
      if (file) void openDocument(api, { kind: 'file', file });
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', overFn);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragover', overFn);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, [api]);

  if (!over) return null;
  return (
    <div className="drop-overlay" data-testid="drop-overlay">
      <div className="drop-box">{t('start.dropHere')}</div>
    </div>
  );
}

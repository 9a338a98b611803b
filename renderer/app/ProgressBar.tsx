import { useDocumentStore } from '../store/document';
import { useT } from '../store/ui';
import type { MessageKey } from '../../shared/i18n';

/** Extraction progress from `extraction.progress` events; hidden once extraction is done. */
export function ProgressBar() {
  const t = useT();
  const p = useDocumentStore((s) => s.progress);
  if (!p || p.stage === 'done') return null;
  const failed = p.stage === 'failed';
  const fraction = p.total > 0 ? Math.min(1, p.done / p.total) : null;
  const label = t(`progress.${p.stage}` as MessageKey, { done: p.done, total: p.total, message: p.message ?? '' });
  return (
    <div
      className={`progress${failed ? ' progress-failed' : ''}`}
      data-testid="extraction-progress"
      data-stage={p.stage}
    >
      <div
        className="progress-track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={fraction === null ? undefined : Math.round(fraction * 100)}
      >
        <div
          className={`progress-fill${fraction === null ? ' indeterminate' : ''}`}
          style={{ width: fraction === null ? undefined : `${fraction * 100}%` }}
        />
      </div>
      <span className="progress-label">{label}</span>
    </div>
  );
}

import { useDocumentStore } from '../store/document';
import { useT } from '../store/ui';
import { useReview } from '../store/review';
import type { MessageKey } from '../../shared/i18n';

/**
 * Extraction progress from `extraction.progress` events: pages read of the total, and how many tables have been
 * assembled so far (they appear in the table list as they are); hidden once extraction is done.
 */
export function ProgressBar() {
  const t = useT();
  const p = useDocumentStore((s) => s.progress);
  const tables = useReview((s) => s.streamed.length);
  const extracting = useReview((s) => s.phase === 'extracting');
  if (!p || p.stage === 'done') return null;
  const failed = p.stage === 'failed';
  // Stages with one step (assembling the last tables, running the checks) have no fraction worth showing.
  const counted = p.total > 1 && !failed;
  const fraction = counted ? Math.min(1, p.done / p.total) : null;
  const label = counted
    ? t(`progress.${p.stage}` as MessageKey, { done: p.done, total: p.total })
    : t(`progress.${p.stage}.plain` as MessageKey, { message: p.message ?? '' });
  const found = extracting && !failed ? t('progress.tablesFound', { count: tables }) : '';
  return (
    <div
      className={`progress${failed ? ' progress-failed' : ''}`}
      data-testid="extraction-progress"
      data-stage={p.stage}
      data-done={p.done}
      data-total={p.total}
    >
      <div
        className="progress-track"
        role="progressbar"
        aria-label={label}
        aria-valuetext={found ? `${label} · ${found}` : label}
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
      {found && (
        <span className="progress-tables muted" data-testid="extraction-tables">
          {found}
        </span>
      )}
    </div>
  );
}

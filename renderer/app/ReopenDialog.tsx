import { useState } from 'react';
import { useT } from '../store/ui';
import { useReview, type ReviewController } from '../store/review';
import { reopen, type Outcome } from '../store/record';
import { Dialog } from './Dialog';

/** Re-opening a signed-off document asks why; the answer goes into the audit trail beside the sign-off. */
export function ReopenDialog({ controller, onClose }: { controller: ReviewController; onClose: () => void }) {
  const t = useT();
  const revision = useReview((s) => s.revision);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const canReopen = reason.trim() !== '' && !busy;

  const submit = async () => {
    if (!canReopen) return;
    setBusy(true);
    setOutcome(null);
    const r = await reopen(controller, reason);
    setBusy(false);
    if (r.ok) onClose();
    else setOutcome(r);
  };

  return (
    <Dialog
      title={t('reopen.title')}
      testid="reopen-dialog"
      onClose={onClose}
      onSubmit={() => void submit()}
      actions={
        <>
          <button type="button" className="btn" onClick={onClose}>
            {t('dialog.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={!canReopen} data-testid="reopen-confirm">
            {busy ? t('reopen.working') : t('reopen.confirm')}
          </button>
        </>
      }
    >
      <p className="dialog-hint">{t('reopen.explain', { revision, next: revision + 1 })}</p>
      <label className="field">
        <span>{t('reopen.reason')}</span>
        <textarea
          autoFocus
          required
          rows={3}
          value={reason}
          disabled={busy}
          data-testid="reopen-reason"
          onChange={(e) => setReason(e.target.value)}
        />
      </label>
      {outcome && !outcome.ok && (
        <p className="dialog-error" role="alert" data-testid="reopen-error">
          {t(outcome.key, outcome.params)}
        </p>
      )}
    </Dialog>
  );
}

import { useState } from 'react';
import { useT } from '../store/ui';
import { useReview, type ReviewController } from '../store/review';
import { reopen } from '../store/record';
import { Dialog, DialogFailure, useAttempt } from './Dialog';

/** Re-opening a signed-off document asks why; the answer goes into the audit trail beside the sign-off. */
export function ReopenDialog({ controller, onClose }: { controller: ReviewController; onClose: () => void }) {
  const t = useT();
  const revision = useReview((s) => s.revision);
  const [reason, setReason] = useState('');
  const { busy, failure, submit } = useAttempt(() => reopen(controller, reason), onClose);

  return (
    <Dialog
      title={t('reopen.title')}
      testid="reopen-dialog"
      onClose={onClose}
      onSubmit={submit}
      submitLabel={busy ? t('reopen.working') : t('reopen.confirm')}
      canSubmit={reason.trim() !== '' && !busy}
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
      <DialogFailure failure={failure} testid="reopen-error" />
    </Dialog>
  );
}

import { useMemo, useState } from 'react';
import { useT } from '../store/ui';
import { useReview, type ReviewController } from '../store/review';
import { blockingFindings, showBlocking, signOff } from '../store/record';
import { Dialog, DialogFailure, useAttempt } from './Dialog';

/**
 * Sign-off: the reviewer's name (from the settings, required) and a note. While error-level findings are open and
 * not waived the dialog says how many and offers the way to them instead of a button that would only be refused.
 */
export function SignOffDialog({ controller, onClose }: { controller: ReviewController; onClose: () => void }) {
  const t = useT();
  const defaultReviewer = useReview((s) => s.reviewer);
  const revision = useReview((s) => s.revision);
  const findings = useReview((s) => s.findings);
  const waivers = useReview((s) => s.overlay.waivers);
  const blocking = useMemo(() => blockingFindings(findings, waivers).length, [findings, waivers]);
  const [reviewer, setReviewer] = useState(defaultReviewer);
  const [note, setNote] = useState('');
  const { busy, failure, submit } = useAttempt(() => signOff(controller, reviewer, note), onClose);

  return (
    <Dialog
      title={t('signoff.title')}
      testid="signoff-dialog"
      onClose={onClose}
      onSubmit={submit}
      submitLabel={busy ? t('signoff.signing') : t('signoff.confirm')}
      canSubmit={blocking === 0 && reviewer.trim() !== '' && !busy}
    >
      <p className="dialog-hint">{t('signoff.explain', { revision })}</p>
      {blocking > 0 ? (
        <div className="dialog-blocked" role="status" data-testid="signoff-blocked" data-count={blocking}>
          <p>{t('signoff.blocked', { count: blocking })}</p>
          <button
            type="button"
            className="btn"
            data-testid="signoff-show-findings"
            onClick={() => {
              showBlocking(controller);
              onClose();
            }}
          >
            {t('signoff.showFindings')}
          </button>
        </div>
      ) : (
        <p className="dialog-ok" data-testid="signoff-clear">
          {t('signoff.clear')}
        </p>
      )}
      <label className="field">
        <span>{t('signoff.reviewer')}</span>
        <input
          autoFocus
          required
          autoComplete="name"
          value={reviewer}
          disabled={busy}
          data-testid="signoff-reviewer"
          onChange={(e) => setReviewer(e.target.value)}
        />
      </label>
      <label className="field">
        <span>{t('signoff.note')}</span>
        <textarea
          rows={3}
          value={note}
          disabled={busy}
          placeholder={t('signoff.notePlaceholder')}
          data-testid="signoff-note"
          onChange={(e) => setNote(e.target.value)}
        />
      </label>
      <DialogFailure failure={failure} testid="signoff-error" />
    </Dialog>
  );
}

import { useState } from 'react';
import { useT } from '../store/ui';
import { useReview } from '../store/review';
import { useReviewController } from './useReviewController';
import { SettingsDialog } from './SettingsDialog';
import { SignOffDialog } from './SignOffDialog';
import { ReopenDialog } from './ReopenDialog';

type Open = 'settings' | 'signoff' | 'reopen' | null;

/** The toolbar's review-record actions: settings always; sign-off, or re-open once signed off, when a review is loaded. */
export function RecordButtons() {
  const t = useT();
  const controller = useReviewController();
  const ready = useReview((s) => s.phase === 'ready');
  const signed = useReview((s) => s.signOff !== null);
  const [open, setOpen] = useState<Open>(null);
  const close = () => setOpen(null);

  return (
    <div className="tb-group">
      {ready &&
        (signed ? (
          <button
            type="button"
            className="tb-btn"
            title={t('toolbar.reopenTitle')}
            onClick={() => setOpen('reopen')}
            data-testid="toolbar-reopen"
          >
            {t('toolbar.reopen')}
          </button>
        ) : (
          <button
            type="button"
            className="tb-btn tb-primary"
            title={t('toolbar.signOffTitle')}
            onClick={() => setOpen('signoff')}
            data-testid="toolbar-signoff"
          >
            {t('toolbar.signOff')}
          </button>
        ))}
      <button type="button" className="tb-btn" onClick={() => setOpen('settings')} data-testid="toolbar-settings">
        {t('toolbar.settings')}
      </button>
      {open === 'settings' && <SettingsDialog controller={controller} onClose={close} />}
      {open === 'signoff' && <SignOffDialog controller={controller} onClose={close} />}
      {open === 'reopen' && <ReopenDialog controller={controller} onClose={close} />}
    </div>
  );
}

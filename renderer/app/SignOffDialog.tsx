import { useMemo, useState } from 'react';
import { useT } from '../store/ui';
import { useReview, type ReviewController } from '../store/review';
import { blockingFindings, showBlocking, signOff } from '../store/record';
import { displayStatus, tableLabel } from '../data/tables';
import { useApi } from '../api/context';
import { Dialog, DialogFailure, useAttempt } from './Dialog';

/**
 * Sign-off: the reviewer's name (asked first, and kept in the settings, when none is set yet) and a note. While
 * error-level findings are open and not waived the dialog says how many and offers the way to them instead of a
 * button that would only be refused; the tables nobody has marked reviewed are listed, each a click away.
 */
export function SignOffDialog({ controller, onClose }: { controller: ReviewController; onClose: () => void }) {
  const t = useT();
  const api = useApi();
  const defaultReviewer = useReview((s) => s.reviewer);
  const revision = useReview((s) => s.revision);
  const findings = useReview((s) => s.findings);
  const waivers = useReview((s) => s.overlay.waivers);
  const doc = useReview((s) => s.doc);
  const status = useReview((s) => s.overlay.tableStatus);
  const blocking = useMemo(() => blockingFindings(findings, waivers).length, [findings, waivers]);
  const unreviewed = useMemo(
    () => (doc?.tables ?? []).filter((tb) => displayStatus(tb, status[tb.id]) === 'unreviewed'),
    [doc, status],
  );
  const total = doc?.tables.length ?? 0;
  // No name in the settings: the dialog asks for it before anything else, and keeps it for the next edits.
  const [askName] = useState(defaultReviewer.trim() === '');
  const [reviewer, setReviewer] = useState(defaultReviewer);
  const [note, setNote] = useState('');
  const { busy, failure, submit } = useAttempt(async () => {
    if (askName && reviewer.trim()) {
      try {
        await controller.applySettings(await api.call('settings.set', { reviewer: reviewer.trim() }));
      } catch {
        // The sign-off itself carries the name; keeping it for later is a convenience.
      }
    }
    return signOff(controller, reviewer, note);
  }, onClose);

  const nameField = (
    <label className={`field${askName ? ' field-first' : ''}`}>
      <span>{t('signoff.reviewer')}</span>
      {askName && (
        <span className="field-hint" data-testid="signoff-name-first">
          {t('signoff.nameFirst')}
        </span>
      )}
      <input
        autoFocus
        required
        autoComplete="name"
        value={reviewer}
        disabled={busy}
        aria-invalid={askName && reviewer.trim() === '' ? true : undefined}
        data-testid="signoff-reviewer"
        onChange={(e) => setReviewer(e.target.value)}
      />
    </label>
  );

  return (
    <Dialog
      title={t('signoff.title')}
      testid="signoff-dialog"
      onClose={onClose}
      onSubmit={submit}
      submitLabel={busy ? t('signoff.signing') : t('signoff.confirm')}
      canSubmit={blocking === 0 && reviewer.trim() !== '' && !busy}
    >
      {askName && nameField}
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
      {unreviewed.length > 0 ? (
        <div className="dialog-unreviewed" data-testid="signoff-unreviewed" data-count={unreviewed.length}>
          <p>{t('signoff.unreviewed', { count: unreviewed.length, total })}</p>
          <ul>
            {unreviewed.map((tb) => (
              <li key={tb.id}>
                <button
                  type="button"
                  className="link"
                  data-testid="signoff-unreviewed-table"
                  data-table={tb.id}
                  onClick={() => {
                    controller.selectTable(tb.id);
                    onClose();
                  }}
                >
                  {tableLabel(tb, tb.id)}
                </button>
                {tb.pages.length > 0 && (
                  <span className="muted">
                    {' '}
                    {t('data.pages', {
                      pages: tb.pages.length > 1 ? `${tb.pages[0]}–${tb.pages.at(-1)}` : tb.pages[0]!,
                    })}
                  </span>
                )}
              </li>
            ))}
          </ul>
        </div>
      ) : (
        total > 0 && (
          <p className="dialog-ok" data-testid="signoff-all-reviewed">
            {t('signoff.allReviewed', { total })}
          </p>
        )
      )}
      {!askName && nameField}
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

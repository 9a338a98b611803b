import { useEffect, useState } from 'react';
import { useApi } from '../api/context';
import { toApiError } from '../api/errors';
import { useT, useUiStore } from '../store/ui';
import type { ReviewController } from '../store/review';
import { isLocale, type Locale } from '../../shared/i18n';
import type { Outcome } from '../store/record';
import { Dialog, DialogFailure, useAttempt } from './Dialog';
import { LocaleOptions } from './LocaleOptions';

interface Draft {
  reviewer: string;
  tolerancePerAddend: string;
  toleranceMin: string;
  locale: Locale;
}

/** A tolerance as typed: a number above zero, else null (the service refuses anything else too). */
export function parseTolerance(text: string): number | null {
  const n = Number(text.trim());
  return text.trim() !== '' && Number.isFinite(n) && n > 0 ? n : null;
}

/**
 * Reviewer name, rounding tolerance and language, saved through `settings.set`. The findings are re-checked with
 * the saved tolerance at once, so what the reviewer sees matches what a sign-off will be checked against.
 */
export function SettingsDialog({ controller, onClose }: { controller: ReviewController; onClose: () => void }) {
  const t = useT();
  const api = useApi();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    api.call('settings.get', {}).then(
      (s) => {
        if (live) {
          setDraft({
            reviewer: s.reviewer,
            tolerancePerAddend: String(s.tolerancePerAddend),
            toleranceMin: String(s.toleranceMin),
            locale: useUiStore.getState().locale,
          });
        }
      },
      (err: unknown) => live && setLoadError(t('settings.loadFailed', { message: toApiError(err).message })),
    );
    return () => {
      live = false;
    };
    // Read once when the dialog opens (not on `t`): a language switch while it is open must not reset what was typed.
  }, [api]);

  const perAddend = draft ? parseTolerance(draft.tolerancePerAddend) : null;
  const min = draft ? parseTolerance(draft.toleranceMin) : null;

  const save = async (): Promise<Outcome> => {
    if (!draft || perAddend === null || min === null) return { ok: false, key: 'settings.invalidNumber' };
    try {
      const saved = await api.call('settings.set', {
        reviewer: draft.reviewer.trim(),
        tolerancePerAddend: perAddend,
        toleranceMin: min,
        locale: draft.locale,
      });
      useUiStore.getState().setLocale(saved.locale);
      await controller.applySettings(saved);
      useUiStore.getState().notify('info', 'settings.saved');
      return { ok: true };
    } catch (err) {
      return { ok: false, key: 'record.failed', params: { message: toApiError(err).message } };
    }
  };
  const { busy: saving, failure, submit } = useAttempt(save, onClose);
  const valid = draft !== null && perAddend !== null && min !== null;

  const field = (key: keyof Omit<Draft, 'locale'>) => ({
    value: draft?.[key] ?? '',
    disabled: !draft || saving,
    onChange: (e: { target: { value: string } }) => setDraft((d) => (d ? { ...d, [key]: e.target.value } : d)),
  });

  return (
    <Dialog
      title={t('settings.title')}
      testid="settings-dialog"
      onClose={onClose}
      onSubmit={submit}
      submitLabel={saving ? t('settings.saving') : t('settings.save')}
      canSubmit={valid && !saving}
    >
      <label className="field">
        <span>{t('settings.reviewer')}</span>
        <input autoFocus autoComplete="name" data-testid="settings-reviewer" {...field('reviewer')} />
        <small className="muted">{t('settings.reviewerHint')}</small>
      </label>
      <fieldset className="field-row">
        <legend>{t('settings.tolerance')}</legend>
        <label className="field">
          <span>{t('settings.tolerancePerAddend')}</span>
          <input
            inputMode="decimal"
            data-testid="settings-tol-addend"
            aria-invalid={draft !== null && perAddend === null}
            {...field('tolerancePerAddend')}
          />
        </label>
        <label className="field">
          <span>{t('settings.toleranceMin')}</span>
          <input
            inputMode="decimal"
            data-testid="settings-tol-min"
            aria-invalid={draft !== null && min === null}
            {...field('toleranceMin')}
          />
        </label>
      </fieldset>
      <p className="muted dialog-hint">{t('settings.toleranceHint')}</p>
      {draft && !valid && <p className="dialog-error">{t('settings.invalidNumber')}</p>}
      <label className="field">
        <span>{t('app.language')}</span>
        <select
          value={draft?.locale ?? useUiStore.getState().locale}
          disabled={!draft || saving}
          data-testid="settings-locale"
          onChange={(e) => {
            const locale = e.target.value;
            if (isLocale(locale)) setDraft((d) => (d ? { ...d, locale } : d));
          }}
        >
          <LocaleOptions />
        </select>
      </label>
      {loadError && (
        <p className="dialog-error" role="alert" data-testid="settings-error">
          {loadError}
        </p>
      )}
      <DialogFailure failure={failure} testid="settings-error" />
    </Dialog>
  );
}

import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useT } from '../store/ui';
import type { Outcome } from '../store/record';

/**
 * A modal form on the platform's <dialog>: focus stays inside, Esc cancels, and the page behind is inert, so a
 * half-typed sign-off note cannot be lost to a stray click on the grid. Cancel and the one action sit at the foot.
 */
export function Dialog({
  title,
  testid,
  onClose,
  onSubmit,
  submitLabel,
  canSubmit,
  children,
}: {
  title: string;
  testid: string;
  onClose: () => void;
  onSubmit: () => void;
  submitLabel: string;
  canSubmit: boolean;
  children: ReactNode;
}) {
  const t = useT();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (canSubmit) onSubmit();
  };

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      data-testid={testid}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <form onSubmit={submit}>
        <h2 id={titleId} className="dialog-title">
          {title}
        </h2>
        <div className="dialog-body">{children}</div>
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onClose}>
            {t('dialog.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={!canSubmit} data-testid={`${testid}-submit`}>
            {submitLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}

/**
 * One attempt at a time: `busy` while it runs, the dialog closed on success, and a failure kept for
 * <DialogFailure> beside what the reviewer typed (which stays, so nothing is lost).
 */
export function useAttempt(run: () => Promise<Outcome>, onDone: () => void) {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Exclude<Outcome, { ok: true }> | null>(null);
  const submit = async () => {
    if (busy) return;
    setBusy(true);
    setFailure(null);
    const r = await run();
    setBusy(false);
    if (r.ok) onDone();
    else setFailure(r);
  };
  return { busy, failure, submit: () => void submit() };
}

export function DialogFailure({ failure, testid }: { failure: Exclude<Outcome, { ok: true }> | null; testid: string }) {
  const t = useT();
  if (!failure) return null;
  return (
    <p className="dialog-error" role="alert" data-testid={testid}>
      {t(failure.key, failure.params)}
    </p>
  );
}

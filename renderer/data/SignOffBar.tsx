import { useEffect, useState } from 'react';
import { useT, useUiStore } from '../store/ui';
import { useReview, type ReviewController } from '../store/review';
import { keyFingerprint } from '../app/fingerprint';
import { ReopenDialog } from '../app/ReopenDialog';
import { formatTime } from './audit';

/** Long hashes shown as their head and tail; the whole value is in the tooltip and selectable. */
function Hash({ label, value, testid }: { label: string; value: string; testid: string }) {
  return (
    <span className="signoff-hash" title={value}>
      {label}{' '}
      <code data-testid={testid} data-value={value}>
        {value.length > 20 ? `${value.slice(0, 12)}…${value.slice(-8)}` : value}
      </code>
    </span>
  );
}

/**
 * While the document is signed off: who signed which revision when, the hashes the signature covers and the key's
 * fingerprint, with the way back to editing. Always rendered (empty when not signed) so the data side keeps its rows.
 */
export function SignOffBar({ controller }: { controller: ReviewController }) {
  const t = useT();
  const locale = useUiStore((s) => s.locale);
  const so = useReview((s) => s.signOff);
  const [fingerprint, setFingerprint] = useState<string | null>(null);
  const [reopening, setReopening] = useState(false);

  useEffect(() => {
    let live = true;
    setFingerprint(null);
    if (so) void keyFingerprint(so.publicKey).then((f) => live && setFingerprint(f));
    return () => {
      live = false;
    };
  }, [so]);

  if (!so) return <div className="signoff-slot" />;
  return (
    <div className="signoff-bar" role="status" data-testid="signoff-bar">
      <strong className="signoff-title">{t('signoff.banner')}</strong>
      <span data-testid="signoff-by">
        {t('signoff.by', { reviewer: so.reviewer, at: formatTime(so.at, locale), revision: so.revision })}
      </span>
      <Hash label={t('signoff.pdf')} value={so.pdfSha256} testid="signoff-pdf" />
      <Hash label={t('signoff.dataset')} value={so.datasetSha256} testid="signoff-dataset" />
      {fingerprint && (
        <span className="signoff-hash">
          {t('signoff.key')} <code data-testid="signoff-key">{fingerprint}</code>
        </span>
      )}
      {so.note.trim() && <span className="signoff-note">{t('signoff.noteShown', { note: so.note })}</span>}
      <span className="spacer" />
      <button type="button" className="btn btn-small" onClick={() => setReopening(true)} data-testid="signoff-reopen">
        {t('toolbar.reopen')}
      </button>
      {reopening && <ReopenDialog controller={controller} onClose={() => setReopening(false)} />}
    </div>
  );
}

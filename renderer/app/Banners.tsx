import { useEffect } from 'react';
import { useUiStore, useT } from '../store/ui';

/** Info banners fade by themselves; errors stay until dismissed, so nothing important slips past unread. */
const INFO_MS = 6000;

export function Banners() {
  const t = useT();
  const banners = useUiStore((s) => s.banners);
  const dismiss = useUiStore((s) => s.dismiss);

  useEffect(() => {
    const timers = banners.filter((b) => b.tone === 'info').map((b) => setTimeout(() => dismiss(b.id), INFO_MS));
    return () => timers.forEach(clearTimeout);
  }, [banners, dismiss]);

  if (banners.length === 0) return null;
  return (
    <div className="banners">
      {banners.map((b) => (
        <div
          key={b.id}
          className={`banner banner-${b.tone}`}
          role={b.tone === 'error' ? 'alert' : 'status'}
          data-testid={b.tone === 'error' ? 'error-banner' : 'info-banner'}
          data-code={b.key}
        >
          <span className="banner-text">{t(b.key, b.params)}</span>
          <button type="button" className="banner-close" onClick={() => dismiss(b.id)} aria-label={t('error.dismiss')}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}

import { useApi } from '../api/context';
import { openDocument, pickAndOpen, useDocumentStore } from '../store/document';
import { useT } from '../store/ui';
import type { MessageKey } from '../../shared/i18n';

function formatSize(bytes: number): string {
  return bytes >= 1048576 ? `${(bytes / 1048576).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

export function StartScreen() {
  const t = useT();
  const api = useApi();
  const recent = useDocumentStore((s) => s.recent);
  const app = useDocumentStore((s) => s.app);
  const opening = useDocumentStore((s) => s.opening);

  return (
    <main className="start" data-testid="start-screen">
      <section className="start-card">
        <h1 className="start-title">{t('app.title')}</h1>
        <p className="start-subtitle">{t('app.subtitle')}</p>
        <div className="start-actions">
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => void pickAndOpen(api)}
            disabled={!!opening}
            data-testid="open-file"
          >
            {t('start.open')}
          </button>
          {app?.sampleAvailable && (
            <button
              type="button"
              className="btn"
              onClick={() => void openDocument(api, { kind: 'sample' })}
              disabled={!!opening}
              data-testid="open-sample"
            >
              {t('start.openSample')}
            </button>
          )}
        </div>
        <p className="start-hint">{opening ? t('viewer.loading') : t('start.openHint')}</p>
      </section>

      <section className="start-card recent" aria-labelledby="recent-title">
        <h2 id="recent-title">{t('start.recent')}</h2>
        {recent && recent.length === 0 && <p className="muted">{t('start.recentEmpty')}</p>}
        {recent && recent.length > 0 && (
          <ul className="recent-list" data-testid="recent-list">
            {recent.map((r) => (
              <li key={r.docId}>
                <button
                  type="button"
                  className="recent-item"
                  onClick={() => void openDocument(api, { kind: 'recent', doc: r })}
                  disabled={!!opening}
                >
                  <span className="recent-name" title={r.path ?? r.name}>
                    {r.name}
                  </span>
                  <span className="recent-meta">
                    {t('start.pages', { pages: r.pages })} · {formatSize(r.size)} ·{' '}
                    {new Date(r.openedAt).toLocaleString()}
                  </span>
                  <span className={`status-chip status-${r.status}`}>
                    {t(`start.status.${r.status}` as MessageKey)}
                  </span>
                  {r.openFindings ? (
                    <span className="findings-chip">{t('start.openFindings', { count: r.openFindings })}</span>
                  ) : null}
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
    </main>
  );
}

import { useEffect, useMemo, useState } from 'react';
import { useApi } from '../api/context';
import { libraryGroups } from './library';
import { compareLibraryDocuments } from './comparison';
import { ComparisonView } from './ComparisonView';
import type { CompareResult } from '../../shared/compare';
import type { RecentDocument } from '../../shared/api/contract';
import { openDocument, pickAndOpen, refreshRecent, reportError, useDocumentStore } from '../store/document';
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
  const [query, setQuery] = useState('');
  // Back from a review: statuses, findings and what extraction read have moved on since the list was fetched.
  useEffect(() => {
    void refreshRecent(api);
  }, [api]);
  const groups = useMemo(() => libraryGroups(recent ?? [], query), [recent, query]);
  const [picked, setPicked] = useState<string[]>([]);
  const [comparison, setComparison] = useState<{
    result: CompareResult;
    docs: { a: RecentDocument; b: RecentDocument };
  } | null>(null);
  const [comparing, setComparing] = useState(false);
  const togglePick = (id: string) =>
    setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id].slice(-2)));
  const compare = async () => {
    const [x, y] = picked.map((id) => recent?.find((r) => r.docId === id));
    if (!x || !y) return;
    setComparing(true);
    try {
      const result = await compareLibraryDocuments(api, x.docId, y.docId);
      // The result puts the reference document (the budget, last year's) first.
      const [a, b] = result.swapped ? [y, x] : [x, y];
      setComparison({ result, docs: { a, b } });
    } catch (err) {
      reportError(err);
    } finally {
      setComparing(false);
    }
  };

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
        <div className="library-head">
          <h2 id="recent-title">{t('start.library')}</h2>
          {recent && recent.length > 0 && (
            <input
              type="search"
              className="library-search"
              placeholder={t('start.librarySearch')}
              aria-label={t('start.librarySearch')}
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              data-testid="library-search"
            />
          )}
        </div>
        {picked.length > 0 && (
          <p className="library-compare">
            <button
              type="button"
              className="btn"
              disabled={picked.length !== 2 || comparing}
              onClick={() => void compare()}
              data-testid="library-compare"
            >
              {comparing ? t('compare.running') : t('start.compare', { count: picked.length })}
            </button>
            <span className="muted"> {t('start.compareHint')}</span>
          </p>
        )}
        {recent && recent.length === 0 && <p className="muted">{t('start.recentEmpty')}</p>}
        {recent && recent.length > 0 && groups.length === 0 && <p className="muted">{t('start.libraryNoMatch')}</p>}
        {groups.length > 0 && (
          <div className="library" data-testid="recent-list">
            {groups.map((g) => (
              <section key={g.department ?? ''} className="library-group" data-testid="library-group">
                <h3 className="library-department">
                  {g.department ?? t('start.libraryUnknown')}
                  {g.years.length > 0 && (
                    <span className="muted">
                      {' '}
                      · {g.years.length > 1 ? `${g.years.at(-1)}–${g.years[0]}` : g.years[0]}
                    </span>
                  )}
                </h3>
                <ul className="recent-list">
                  {g.docs.map((r) => (
                    <li key={r.docId} className="library-row">
                      <input
                        type="checkbox"
                        className="library-pick"
                        aria-label={t('start.pick', { name: r.name })}
                        checked={picked.includes(r.docId)}
                        disabled={r.status === 'new'}
                        onChange={() => togglePick(r.docId)}
                        data-testid="library-pick"
                      />
                      <button
                        type="button"
                        className="recent-item"
                        data-testid="library-item"
                        onClick={() => void openDocument(api, { kind: 'recent', doc: r })}
                        disabled={!!opening}
                      >
                        <span className="recent-name" title={r.path ?? r.name}>
                          {r.year ? `${r.year} ` : ''}
                          {r.kind ? `${t(`start.kind.${r.kind}` as MessageKey)} · ` : ''}
                          {r.name}
                        </span>
                        <span className="recent-meta">
                          {t('start.pages', { pages: r.pages })}
                          {r.tables !== undefined ? ` · ${t('start.tables', { count: r.tables })}` : ''} ·{' '}
                          {formatSize(r.size)} · {new Date(r.openedAt).toLocaleString()}
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
              </section>
            ))}
          </div>
        )}
      </section>
      {comparison && (
        <ComparisonView result={comparison.result} docs={comparison.docs} onClose={() => setComparison(null)} />
      )}
    </main>
  );
}

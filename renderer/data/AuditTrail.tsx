import { useEffect, useMemo, useState } from 'react';
import { useT, useUiStore } from '../store/ui';
import { useReview, type ReviewController } from '../store/review';
import { refreshTrail } from '../store/record';
import { buildTrail, formatTime, TRAIL_PAGE, visibleTrail } from './audit';
import { TableOptions } from './TableOptions';

/** The audit trail of the open document: every edit, sign-off and re-opening, who did it, when, in which revision. */
export function AuditTrail({ controller }: { controller: ReviewController }) {
  const t = useT();
  const locale = useUiStore((s) => s.locale);
  const doc = useReview((s) => s.doc);
  const extracted = useReview((s) => s.extracted);
  const journal = useReview((s) => s.journal);
  const audit = useReview((s) => s.audit);
  const [table, setTable] = useState('all');
  const [limit, setLimit] = useState(TRAIL_PAGE);

  useEffect(() => {
    void refreshTrail(controller);
  }, [controller]);

  // Keyed on the locale, not on `t` (a new function every render), so the trail is rebuilt only when it changes.
  const items = useMemo(() => buildTrail(extracted, journal, audit, t), [extracted, journal, audit, locale]);
  const visible = useMemo(() => visibleTrail(items, table), [items, table]);
  const shown = visible.slice(0, limit);

  return (
    <section className="audit-panel" data-testid="audit-trail" aria-label={t('panel.audit')}>
      <header className="findings-head">
        <span className="pane-title">
          {t('panel.audit')} <span className="muted">{t('audit.count', { count: visible.length })}</span>
        </span>
        <select
          aria-label={t('findings.allTables')}
          value={table}
          data-testid="audit-filter-table"
          onChange={(e) => setTable(e.target.value)}
        >
          <TableOptions tables={doc?.tables ?? []} />
        </select>
      </header>
      {visible.length === 0 ? (
        <p className="list-note">{t('audit.none')}</p>
      ) : (
        <div className="audit-list">
          <table className="audit-table">
            <thead>
              <tr>
                <th>{t('audit.col.time')}</th>
                <th>{t('audit.col.who')}</th>
                <th>{t('audit.col.revision')}</th>
                <th>{t('audit.col.table')}</th>
                <th>{t('audit.col.what')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((it) => (
                <tr
                  key={`${it.kind}-${it.seq}`}
                  className={`audit-${it.kind}`}
                  data-testid="audit-entry"
                  data-kind={it.kind}
                  data-seq={it.seq}
                >
                  <td className="audit-time">{formatTime(it.at, locale)}</td>
                  <td className="audit-who">{it.who}</td>
                  <td className="num">{it.revision}</td>
                  <td className="audit-tablecell" title={it.tableLabel}>
                    {it.tableLabel}
                  </td>
                  <td className="audit-what">{it.text}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {visible.length > shown.length && (
            <button
              type="button"
              className="link audit-more"
              data-testid="audit-more"
              onClick={() => setLimit((n) => n + TRAIL_PAGE)}
            >
              {t('audit.more', { count: visible.length - shown.length })}
            </button>
          )}
        </div>
      )}
    </section>
  );
}

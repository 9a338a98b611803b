import { useMemo } from 'react';
import { useT } from '../store/ui';
import { useDocumentStore } from '../store/document';
import { useReview, type ReviewController } from '../store/review';
import { countsByTable, emptyCounts, SEVERITIES } from './findings';
import { displayStatus, groupTables } from './tables';
import { coverageByTable } from '../../shared/validation/coverage';
import { CoverageBadge } from './CoverageBadge';

/**
 * The document's tables grouped by unit, each with its status, pages, check coverage and open findings. Folded, it
 * is a narrow strip that gives its width to the grid and unfolds with one click.
 */
export function TableList({
  controller,
  collapsed = false,
  onToggle,
}: {
  controller: ReviewController;
  collapsed?: boolean;
  onToggle?: () => void;
}) {
  const t = useT();
  const doc = useReview((s) => s.doc);
  const streamed = useReview((s) => s.streamed);
  const phase = useReview((s) => s.phase);
  const selected = useReview((s) => s.selectedTable);
  const status = useReview((s) => s.overlay.tableStatus);
  const findings = useReview((s) => s.findings);
  const waivers = useReview((s) => s.overlay.waivers);
  const readOnly = useReview((s) => s.readOnly);
  const progress = useDocumentStore((s) => s.progress);
  const tables = doc?.tables ?? streamed;
  const groups = useMemo(() => groupTables(tables), [tables]);
  const counts = useMemo(() => countsByTable(findings, waivers), [findings, waivers]);
  const coverage = useReview((s) => s.coverage);
  const checked = useMemo(() => (coverage ? coverageByTable(coverage) : null), [coverage]);

  const toggle = onToggle && (
    <button
      type="button"
      className="list-toggle"
      data-testid="table-list-toggle"
      aria-expanded={!collapsed}
      aria-controls="table-list"
      title={collapsed ? t('data.showTables') : t('data.hideTables')}
      aria-label={collapsed ? t('data.showTables') : t('data.hideTables')}
      onClick={onToggle}
    >
      {collapsed ? '»' : '«'}
    </button>
  );

  if (collapsed)
    return (
      <nav
        className="table-list collapsed"
        id="table-list"
        aria-label={t('data.tables')}
        data-testid="table-list"
        data-collapsed="true"
      >
        {toggle}
        <button type="button" className="list-strip-label" onClick={onToggle} tabIndex={-1}>
          {t('data.tables')} {tables.length}
        </button>
      </nav>
    );

  return (
    <nav className="table-list" id="table-list" aria-label={t('data.tables')} data-testid="table-list">
      <div className="pane-title list-title">
        <span>
          {t('data.tables')} <span className="muted">{tables.length}</span>
        </span>
        {toggle}
      </div>
      {phase === 'extracting' && (
        <div className="list-note" data-testid="table-list-extracting">
          {progress && progress.stage === 'reading' && progress.total > 1
            ? t('data.extractingPages', { done: progress.done, total: progress.total })
            : t('data.extracting')}
        </div>
      )}
      {tables.length === 0 && phase !== 'extracting' && <div className="list-note">{t('data.noTables')}</div>}
      {groups.map((g) => (
        <section key={g.unit ?? ''} className="table-group">
          {groups.length > 1 || g.unit ? <h3 className="unit-name">{g.unit ?? t('data.unitDefault')}</h3> : null}
          <ul>
            {g.tables.map((tb) => {
              const c = counts.get(tb.id) ?? emptyCounts();
              const st = displayStatus(tb, status[tb.id]);
              return (
                <li key={tb.id}>
                  <div
                    role="button"
                    tabIndex={0}
                    className={`table-item${tb.id === selected ? ' selected' : ''} status-${st}`}
                    data-testid="table-item"
                    data-table={tb.id}
                    aria-current={tb.id === selected ? 'true' : undefined}
                    onClick={() => controller.selectTable(tb.id)}
                    onKeyDown={(e) => {
                      if (e.key === 'Enter' || e.key === ' ') {
                        e.preventDefault();
                        controller.selectTable(tb.id);
                      }
                    }}
                  >
                    <div className="table-item-title">
                      {tb.number && <span className="table-number">{tb.number}</span>}
                      <span title={tb.title}>{tb.title || tb.id}</span>
                    </div>
                    <div className="table-item-meta">
                      <span className={`status-badge status-${st}`}>{t(`data.status.${st}`)}</span>
                      {tb.pages.length > 0 && (
                        <span className="muted">
                          {t('data.pages', {
                            pages: tb.pages.length > 1 ? `${tb.pages[0]}–${tb.pages.at(-1)}` : tb.pages[0]!,
                          })}
                        </span>
                      )}
                      {checked && <CoverageBadge coverage={checked.get(tb.id)} />}
                      {SEVERITIES.map((sev) =>
                        c[sev] > 0 ? (
                          <span
                            key={sev}
                            className={`count sev-${sev}`}
                            title={t(`findings.severity.${sev}`)}
                            data-severity={sev}
                          >
                            {c[sev]}
                          </span>
                        ) : null,
                      )}
                      {doc && !readOnly && (
                        <button
                          type="button"
                          className="mark-reviewed"
                          data-testid="mark-reviewed"
                          title={st === 'reviewed' ? t('data.markUnreviewed') : t('data.markReviewed')}
                          aria-pressed={st === 'reviewed'}
                          onClick={(e) => {
                            e.stopPropagation();
                            controller.setTableStatus(tb.id, st === 'reviewed' ? 'in_progress' : 'reviewed');
                          }}
                        >
                          ✓
                        </button>
                      )}
                    </div>
                  </div>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </nav>
  );
}

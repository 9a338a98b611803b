import { useMemo } from 'react';
import { TABLE_TYPES, type Table } from '../../shared/model/document';
import type { TableStatus } from '../../shared/model/edits';
import { useT } from '../store/ui';
import { useReview, type ReviewController } from '../store/review';
import { countsByTable, emptyCounts, SEVERITIES } from './findings';

export interface TableGroup {
  unit: string | null;
  tables: Table[];
}

/** Tables grouped by sub-unit (first appearance order), within a unit by standard table type, then print order. */
export function groupTables(tables: readonly Table[]): TableGroup[] {
  const groups = new Map<string, TableGroup>();
  for (const t of tables) {
    const key = t.unitCode ?? t.unitName ?? '';
    const unit = t.unitName ? (t.unitCode ? `${t.unitCode} ${t.unitName}` : t.unitName) : (t.unitCode ?? null);
    const g = groups.get(key) ?? { unit, tables: [] };
    g.tables.push(t);
    groups.set(key, g);
  }
  const typeRank = (t: Table) => TABLE_TYPES.indexOf(t.type);
  for (const g of groups.values()) {
    const order = new Map(g.tables.map((t, i) => [t, i]));
    g.tables.sort((a, b) => typeRank(a) - typeRank(b) || order.get(a)! - order.get(b)!);
  }
  return [...groups.values()];
}

/** Reviewed is the reviewer's word; "in progress" is shown as soon as any cell was corrected or confirmed. */
export function displayStatus(t: Table, status: TableStatus | undefined): TableStatus {
  if (status && status !== 'unreviewed') return status;
  return t.rows.some((r) => r.cells.some((c) => c.corrected || c.confirmed)) ? 'in_progress' : 'unreviewed';
}

export function TableList({ controller }: { controller: ReviewController }) {
  const t = useT();
  const doc = useReview((s) => s.doc);
  const streamed = useReview((s) => s.streamed);
  const phase = useReview((s) => s.phase);
  const selected = useReview((s) => s.selectedTable);
  const status = useReview((s) => s.overlay.tableStatus);
  const findings = useReview((s) => s.findings);
  const waivers = useReview((s) => s.overlay.waivers);
  const readOnly = useReview((s) => s.readOnly);
  const tables = doc?.tables ?? streamed;
  const groups = useMemo(() => groupTables(tables), [tables]);
  const counts = useMemo(() => countsByTable(findings, waivers), [findings, waivers]);

  return (
    <nav className="table-list" aria-label={t('data.tables')} data-testid="table-list">
      <div className="pane-title">
        {t('data.tables')} <span className="muted">{tables.length}</span>
      </div>
      {phase === 'extracting' && <div className="list-note">{t('data.extracting')}</div>}
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
                          {t('data.pages', { pages: tb.pages.length > 1 ? `${tb.pages[0]}–${tb.pages.at(-1)}` : tb.pages[0]! })}
                        </span>
                      )}
                      {SEVERITIES.map((sev) =>
                        c[sev] > 0 ? (
                          <span key={sev} className={`count sev-${sev}`} title={t(`findings.severity.${sev}`)} data-severity={sev}>
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

import { useEffect, useMemo, useRef, useState } from 'react';
import type { Finding } from '../../shared/model/document';
import { groupedAmount } from './display';
import { useT, useUiStore } from '../store/ui';
import { useReview, type ReviewController } from '../store/review';
import { filterFindings, ruleChoices, SEVERITIES, totalCounts } from './findings';
import { isRuleId, RULES } from '../../shared/validation/registry';
import { tableLabel } from './tables';
import { TableOptions } from './TableOptions';

/** Findings grouped by the table of their first cell, in document order. */
function groupByTable(list: readonly Finding[]): { table: string; items: Finding[] }[] {
  const out: { table: string; items: Finding[] }[] = [];
  for (const f of list) {
    const table = f.refs[0]?.table ?? '';
    const last = out.at(-1);
    if (last && last.table === table) last.items.push(f);
    else out.push({ table, items: [f] });
  }
  return out;
}

function FindingItem({ f, controller, current }: { f: Finding; controller: ReviewController; current: boolean }) {
  const t = useT();
  const locale = useUiStore((s) => s.locale);
  const waiver = useReview((s) => s.overlay.waivers[f.id]);
  const readOnly = useReview((s) => s.readOnly);
  const [reason, setReason] = useState<string | null>(null);
  const num = (v: number | null) => (v === null ? '—' : groupedAmount(v));

  return (
    <li
      className={`finding sev-${f.severity}${current ? ' current' : ''}${waiver !== undefined ? ' waived' : ''}`}
      data-testid="finding"
      data-id={f.id}
      data-rule={f.rule}
      data-severity={f.severity}
      aria-current={current ? 'true' : undefined}
      onMouseEnter={() => controller.hover(f.id)}
      onMouseLeave={() => controller.hover(null)}
    >
      <div
        role="button"
        tabIndex={0}
        className="finding-main"
        onClick={() => controller.goToFinding(f)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') controller.goToFinding(f);
        }}
      >
        <span className={`sev-badge sev-${f.severity}`}>{t(`findings.severity.${f.severity}`)}</span>
        <span
          className="rule"
          title={isRuleId(f.rule) ? `${RULES[f.rule].title.zh}\n${RULES[f.rule].title.en}` : undefined}
        >
          {f.rule}
        </span>
        <span className="finding-message">{locale === 'en' ? f.message.en : f.message.zh}</span>
      </div>
      {(f.expected !== null || f.actual !== null) && (
        <div className="finding-figures">
          <span>
            {t('findings.expected')} <b>{num(f.expected)}</b>
          </span>
          <span>
            {t('findings.actual')} <b>{num(f.actual)}</b>
          </span>
          <span>
            {t('findings.difference')} <b>{num(f.difference)}</b>
          </span>
        </div>
      )}
      {waiver !== undefined ? (
        <div className="finding-waiver">
          <span>{t('findings.waived', { reason: waiver })}</span>
          {!readOnly && (
            <button type="button" className="link" onClick={() => controller.unwaive(f.id)}>
              {t('findings.unwaive')}
            </button>
          )}
        </div>
      ) : reason === null ? (
        !readOnly && (
          <button type="button" className="link waive" data-testid="waive" onClick={() => setReason('')}>
            {t('findings.waive')}
          </button>
        )
      ) : (
        <form
          className="waive-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (controller.waive(f.id, reason)) setReason(null);
          }}
        >
          <textarea
            autoFocus
            rows={2}
            value={reason}
            placeholder={t('findings.waiveReason')}
            aria-label={t('findings.waiveReason')}
            data-testid="waive-reason"
            onChange={(e) => setReason(e.target.value)}
          />
          <div className="waive-actions">
            <button type="submit" disabled={reason.trim() === ''} data-testid="waive-confirm">
              {t('findings.waiveConfirm')}
            </button>
            <button type="button" onClick={() => setReason(null)}>
              {t('findings.cancel')}
            </button>
          </div>
        </form>
      )}
    </li>
  );
}

export function FindingsPanel({ controller }: { controller: ReviewController }) {
  const t = useT();
  const doc = useReview((s) => s.doc);
  const findings = useReview((s) => s.findings);
  const filter = useReview((s) => s.filter);
  const waivers = useReview((s) => s.overlay.waivers);
  const current = useReview((s) => s.currentFinding);
  const nonce = useReview((s) => s.selectionNonce);
  const list = useRef<HTMLDivElement>(null);
  const visible = useMemo(() => filterFindings(findings, filter, waivers), [findings, filter, waivers]);
  const groups = useMemo(() => groupByTable(visible), [visible]);
  const counts = useMemo(() => totalCounts(findings, waivers), [findings, waivers]);
  const choices = useMemo(() => ruleChoices(findings), [findings]);
  const lang = useUiStore((s) => s.locale);
  const tables = useMemo(() => new Map((doc?.tables ?? []).map((x) => [x.id, x])), [doc]);
  const open = counts.error + counts.warning + counts.rounding + counts.info;

  // Only a deliberate step (F8, a click, a finding chosen elsewhere) brings the current finding into view; hovering,
  // re-rendering or new findings never move the list under the reviewer's wheel.
  useEffect(() => {
    if (!current || !list.current) return;
    const el = list.current.querySelector<HTMLElement>(`[data-id="${CSS.escape(current)}"]`);
    el?.scrollIntoView({ block: 'nearest' });
  }, [current, nonce]);

  return (
    <section className="findings-panel" data-testid="findings-panel" aria-label={t('findings.title')}>
      <header className="findings-head">
        <span className="pane-title">
          {t('findings.title')} <span className="muted">{t('findings.count', { count: open })}</span>
        </span>
        {SEVERITIES.map((s) => (
          <span key={s} className={`count sev-${s}`} title={t(`findings.severity.${s}`)}>
            {counts[s]}
          </span>
        ))}
        <select
          aria-label={t('findings.allSeverities')}
          value={filter.severity}
          data-testid="filter-severity"
          onChange={(e) => controller.setFilter({ severity: e.target.value as typeof filter.severity })}
        >
          <option value="all">{t('findings.allSeverities')}</option>
          {SEVERITIES.map((s) => (
            <option key={s} value={s}>
              {t(`findings.severity.${s}`)}
            </option>
          ))}
        </select>
        <select
          aria-label={t('findings.allTables')}
          value={filter.table}
          data-testid="filter-table"
          onChange={(e) => controller.setFilter({ table: e.target.value })}
        >
          <TableOptions tables={doc?.tables ?? []} />
        </select>
        <select
          aria-label={t('findings.allRules')}
          value={filter.rule}
          data-testid="filter-rule"
          onChange={(e) => controller.setFilter({ rule: e.target.value })}
        >
          <option value="all">{t('findings.allRules')}</option>
          {choices.map((g) => (
            <optgroup key={g.family} label={t(`rules.family.${g.family}`)}>
              <option value={`family:${g.family}`}>
                {t('findings.wholeFamily', { family: t(`rules.family.${g.family}`) })}
              </option>
              {g.rules.map((r) => (
                <option key={r.id} value={r.id}>
                  {`${r.id} ${lang.startsWith('en') ? RULES[r.id].title.en : RULES[r.id].title.zh} (${r.count})`}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
        <input
          type="search"
          className="findings-search"
          value={filter.text}
          placeholder={t('findings.search')}
          aria-label={t('findings.search')}
          data-testid="filter-text"
          onChange={(e) => controller.setFilter({ text: e.target.value })}
        />
        <label className="check">
          <input
            type="checkbox"
            checked={filter.showWaived}
            onChange={(e) => controller.setFilter({ showWaived: e.target.checked })}
          />
          {t('findings.showWaived')}
        </label>
        <span className="spacer" />
        <button
          type="button"
          title={t('findings.prev')}
          data-testid="finding-prev"
          onClick={() => controller.stepFinding(-1)}
        >
          ↑
        </button>
        <button
          type="button"
          title={t('findings.next')}
          data-testid="finding-next"
          onClick={() => controller.stepFinding(1)}
        >
          ↓
        </button>
      </header>
      <div className="findings-list" data-testid="findings-list" ref={list} tabIndex={-1}>
        {visible.length === 0 ? (
          <p className="list-note">{findings.length === 0 ? t('findings.none') : t('findings.noneShown')}</p>
        ) : (
          groups.map((g, i) => (
            <section key={`${g.table}-${i}`}>
              <h4 className="findings-table">{tableLabel(tables.get(g.table), g.table)}</h4>
              <ul>
                {g.items.map((f) => (
                  <FindingItem key={f.id} f={f} controller={controller} current={f.id === current} />
                ))}
              </ul>
            </section>
          ))
        )}
      </div>
    </section>
  );
}

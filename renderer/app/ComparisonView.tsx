import type { RecentDocument } from '../../shared/api/contract';
import type { CompareResult } from '../../shared/compare';
import { useApi } from '../api/context';
import { openDocument } from '../store/document';
import { useLinkStore } from '../store/link';
import { useT, useUiStore } from '../store/ui';
import type { MessageKey } from '../../shared/i18n';

/**
 * Two documents of one department read against each other: what was compared and agreed per check, and each
 * difference with the pages it is printed on in both documents — a click opens that document at that page.
 */
export function ComparisonView({
  result,
  docs,
  onClose,
}: {
  result: CompareResult;
  docs: { a: RecentDocument; b: RecentDocument };
  onClose: () => void;
}) {
  const t = useT();
  const api = useApi();
  const lang = useUiStore((s) => s.locale);
  const open = async (doc: RecentDocument, page: number | undefined) => {
    if (!page) return void openDocument(api, { kind: 'recent', doc });
    // A review that loads shows its first table (focus requests on the page pane, honoured again once the pages are
    // measured): until the reviewer does something, each of those is answered with the page asked for here.
    const link = useLinkStore;
    const unsubscribe = link.subscribe((s, prev) => {
      if (s.focus && s.focus !== prev.focus && s.focus.page !== page)
        setTimeout(() => link.getState().focusOn(page, null), 0);
    });
    const stop = () => {
      unsubscribe();
      clearTimeout(timer);
      document.removeEventListener('pointerdown', stop, true);
      document.removeEventListener('keydown', stop, true);
    };
    const timer = setTimeout(stop, 15_000);
    document.addEventListener('pointerdown', stop, true);
    document.addEventListener('keydown', stop, true);
    const ok = await openDocument(api, { kind: 'recent', doc });
    if (!ok) stop();
    else link.getState().focusOn(page, null);
  };
  const label = (d: RecentDocument) =>
    `${d.year ?? ''} ${d.kind ? t(`start.kind.${d.kind}` as MessageKey) : ''} · ${d.name}`;
  return (
    <section className="start-card comparison" data-testid="comparison" aria-labelledby="comparison-title">
      <div className="library-head">
        <h2 id="comparison-title">{t('compare.title')}</h2>
        <span className="muted">{t(`compare.relation.${result.relation}` as MessageKey)}</span>
        <span className="spacer" />
        <button type="button" className="btn" onClick={onClose}>
          {t('compare.close')}
        </button>
      </div>
      <p className="comparison-sides">
        <strong>A</strong> {label(docs.a)}
        <br />
        <strong>B</strong> {label(docs.b)}
      </p>
      <ul className="comparison-tallies" data-testid="comparison-tallies">
        {result.tallies
          .filter((x) => x.compared + x.unmatched > 0)
          .map((x) => (
            <li key={x.rule} data-rule={x.rule}>
              {t(`compare.rule.${x.rule}` as MessageKey)}:{' '}
              {t('compare.tally', { agreed: x.agreed, compared: x.compared })}
              {x.unmatched > 0 ? ` · ${t('compare.unmatched', { count: x.unmatched })}` : ''}
            </li>
          ))}
      </ul>
      {result.findings.length === 0 ? (
        <p className="muted" data-testid="comparison-none">
          {t('compare.none')}
        </p>
      ) : (
        <ul className="comparison-findings" data-testid="comparison-findings">
          {result.findings.map((f) => (
            <li key={f.id} className={`finding sev-${f.severity}`} data-testid="comparison-finding" data-rule={f.rule}>
              <span className="rule">{f.rule}</span> {lang.startsWith('en') ? f.message.en : f.message.zh}
              <span className="comparison-links">
                {(['a', 'b'] as const).flatMap((side) =>
                  f.pages[side].slice(0, 3).map((p) => (
                    <button
                      key={`${side}${p}`}
                      type="button"
                      className="link"
                      data-side={side}
                      onClick={() => void open(docs[side], p)}
                    >
                      {side.toUpperCase()} {t('viewer.page', { page: p })}
                    </button>
                  )),
                )}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

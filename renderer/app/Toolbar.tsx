import { useEffect, useRef, useState } from 'react';
import { useApi } from '../api/context';
import { closeDocument, exportDocument, pickAndOpen, useDocumentStore } from '../store/document';
import { useUiStore, useT } from '../store/ui';
import { nextZoom, ZOOM_STEPS } from '../viewer/geometry';
import type { Locale } from '../../shared/i18n';
import type { ExportFormat } from '../../shared/api/contract';
import { RecordButtons } from './RecordButtons';
import { LocaleOptions } from './LocaleOptions';

const FORMATS: ExportFormat[] = ['xlsx', 'csv', 'json'];

export function Toolbar() {
  const t = useT();
  const api = useApi();
  const info = useDocumentStore((s) => s.info ?? s.pendingInfo);
  const published = useDocumentStore((s) => s.info !== null);
  const pages = useDocumentStore((s) => s.pdf?.numPages ?? 0);
  const ui = useUiStore();

  return (
    <header className="toolbar" role="toolbar" aria-label={t('app.title')}>
      <div className="tb-group">
        <span className="brand">{t('app.title')}</span>
        {info && (
          <button type="button" className="tb-btn" onClick={closeDocument} data-testid="home">
            {t('toolbar.home')}
          </button>
        )}
        <button
          type="button"
          className="tb-btn"
          title={t('toolbar.openTitle')}
          onClick={() => void pickAndOpen(api)}
          data-testid="toolbar-open"
        >
          {t('toolbar.open')}
        </button>
      </div>

      {info && (
        <>
          <div className="tb-group">
            <button
              type="button"
              className={`tb-btn${ui.layout.thumbnails ? ' pressed' : ''}`}
              aria-pressed={ui.layout.thumbnails}
              data-testid="toggle-thumbnails"
              onClick={ui.toggleThumbnails}
            >
              {t('toolbar.thumbnails')}
            </button>
          </div>
          <PageNav pages={pages} />
          <ZoomControls />
          <div className="tb-group tb-doc" title={info.name} data-testid="doc-name">
            {info.name}
          </div>
        </>
      )}

      <div className="tb-spacer" />
      {info && published && <ExportMenu onPick={(f) => void exportDocument(api, f)} />}
      <RecordButtons />
      <label className="tb-group tb-lang">
        <span className="sr-only">{t('app.language')}</span>
        <select
          value={ui.locale}
          onChange={(e) => {
            const locale = e.target.value as Locale;
            ui.setLocale(locale);
            void api.call('settings.set', { locale }).catch(() => undefined);
          }}
          data-testid="language"
          aria-label={t('app.language')}
        >
          <LocaleOptions />
        </select>
      </label>
    </header>
  );
}

function PageNav({ pages }: { pages: number }) {
  const t = useT();
  const current = useUiStore((s) => s.currentPage);
  const goToPage = useUiStore((s) => s.goToPage);
  const [draft, setDraft] = useState(String(current));
  useEffect(() => setDraft(String(current)), [current]);

  const commit = () => {
    const n = Number.parseInt(draft, 10);
    if (Number.isInteger(n) && n >= 1 && n <= pages) goToPage(n);
    else setDraft(String(current));
  };

  return (
    <div className="tb-group" data-testid="page-nav">
      <button
        type="button"
        className="tb-btn icon"
        aria-label={t('toolbar.prevPage')}
        title={t('toolbar.prevPage')}
        disabled={current <= 1}
        onClick={() => goToPage(current - 1)}
      >
        ‹
      </button>
      <input
        className="tb-page"
        aria-label={t('toolbar.pageInput')}
        inputMode="numeric"
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
        }}
        data-testid="page-input"
      />
      <span className="tb-pages" data-testid="page-count">
        {t('toolbar.pageOf', { pages })}
      </span>
      <button
        type="button"
        className="tb-btn icon"
        aria-label={t('toolbar.nextPage')}
        title={t('toolbar.nextPage')}
        disabled={current >= pages}
        onClick={() => goToPage(current + 1)}
      >
        ›
      </button>
    </div>
  );
}

function ZoomControls() {
  const t = useT();
  const mode = useUiStore((s) => s.layout.zoom);
  const effective = useUiStore((s) => s.effectiveZoom);
  const setZoom = useUiStore((s) => s.setZoom);
  const value = mode.kind === 'percent' ? String(Math.round(mode.value * 100)) : mode.kind;
  const percentOptions = ZOOM_STEPS.map((z) => Math.round(z * 100));
  const custom = mode.kind === 'percent' && !percentOptions.includes(Math.round(mode.value * 100));

  return (
    <div className="tb-group" data-testid="zoom">
      <button
        type="button"
        className="tb-btn icon"
        aria-label={t('toolbar.zoomOut')}
        title={t('toolbar.zoomOut')}
        onClick={() => setZoom({ kind: 'percent', value: nextZoom(effective, -1) })}
      >
        −
      </button>
      <select
        aria-label={t('toolbar.zoom')}
        value={value}
        onChange={(e) => {
          const v = e.target.value;
          setZoom(v === 'fit-width' || v === 'fit-page' ? { kind: v } : { kind: 'percent', value: Number(v) / 100 });
        }}
        data-testid="zoom-select"
      >
        <option value="fit-width">{t('toolbar.fitWidth')}</option>
        <option value="fit-page">{t('toolbar.fitPage')}</option>
        {custom && <option value={value}>{value}%</option>}
        {percentOptions.map((p) => (
          <option key={p} value={String(p)}>
            {p}%
          </option>
        ))}
      </select>
      <button
        type="button"
        className="tb-btn icon"
        aria-label={t('toolbar.zoomIn')}
        title={t('toolbar.zoomIn')}
        onClick={() => setZoom({ kind: 'percent', value: nextZoom(effective, 1) })}
      >
        +
      </button>
      <span className="tb-zoom-now" data-testid="zoom-now">
        {Math.round(effective * 100)}%
      </span>
    </div>
  );
}

function ExportMenu({ onPick }: { onPick(f: ExportFormat): void }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const close = (e: Event) => {
      if (e instanceof KeyboardEvent ? e.key === 'Escape' : !root.current?.contains(e.target as Node)) setOpen(false);
    };
    window.addEventListener('pointerdown', close);
    window.addEventListener('keydown', close);
    return () => {
      window.removeEventListener('pointerdown', close);
      window.removeEventListener('keydown', close);
    };
  }, [open]);

  return (
    <div className="tb-group menu" ref={root}>
      <button
        type="button"
        className="tb-btn"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        data-testid="export-menu"
      >
        {t('toolbar.export')} ▾
      </button>
      {open && (
        <ul className="menu-list" role="menu">
          {FORMATS.map((f) => (
            <li key={f} role="none">
              <button
                type="button"
                role="menuitem"
                data-testid={`export-${f}`}
                onClick={() => {
                  setOpen(false);
                  onPick(f);
                }}
              >
                {t(`toolbar.export.${f}`)}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

import { useEffect, useRef, useState, type PointerEvent } from 'react';
import { useDocumentStore } from '../store/document';
import { useLinkStore } from '../store/link';
import { useT } from '../store/ui';
import { useReview, type ReviewController } from '../store/review';
import { useReviewController } from '../app/useReviewController';
import { TableList } from './TableList';
import { ReviewGrid } from './ReviewGrid';
import { FindingsPanel } from './FindingsPanel';
import { AuditTrail } from './AuditTrail';
import { SignOffBar } from './SignOffBar';
import { GridToolbar, Legend } from './GridToolbar';
import { pageHighlights } from './highlights';
import { cellAt, tableRegion } from './geometry';
import { clampLayout, COLLAPSED_LIST_WIDTH, DATA_LAYOUT_KEY, parseDataLayout, type DataLayout } from './layout';
import './data.css';

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return (
    !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable)
  );
}

/** Keeps the PDF pane in step with the data side: highlights, scrolling to the selection, clicks and drawn boxes. */
function useLink(controller: ReviewController) {
  const doc = useReview((s) => s.doc);
  const selection = useReview((s) => s.selection);
  const nonce = useReview((s) => s.selectionNonce);
  const selectedTable = useReview((s) => s.selectedTable);
  const findings = useReview((s) => s.findings);
  const currentId = useReview((s) => s.currentFinding);
  const hoverId = useReview((s) => s.hoverFinding);
  const drawing = useRef(false);

  useEffect(() => {
    const current = findings.find((f) => f.id === currentId);
    const hover = findings.find((f) => f.id === hoverId);
    useLinkStore.getState().setHighlights(pageHighlights(doc, selection, current, hover));
  }, [doc, selection, findings, currentId, hoverId]);

  useEffect(() => () => useLinkStore.getState().setHighlights([]), []);

  // A deliberate selection (click, F8, finding) brings its cell into view on the page.
  useEffect(() => {
    if (!doc || !selection || nonce === 0) return;
    const t = doc.tables.find((x) => x.id === selection.table);
    const c = t?.rows[selection.row]?.cells[selection.col];
    if (c && c.page !== null) useLinkStore.getState().focusOn(c.page, c.bbox);
    else if (t && t.pages[0]) useLinkStore.getState().focusOn(t.pages[0], tableRegion(t, t.pages[0]));
  }, [nonce]);

  // Choosing a table in the list shows where it starts.
  useEffect(() => {
    const s = controller.store.getState();
    if (!s.doc || !selectedTable || s.selection?.table === selectedTable) return;
    const t = s.doc.tables.find((x) => x.id === selectedTable);
    const page = t?.pages[0];
    if (t && page) useLinkStore.getState().focusOn(page, tableRegion(t, page));
  }, [selectedTable, controller]);

  useEffect(
    () =>
      useLinkStore.subscribe((s, prev) => {
        if (s.pagePick && s.pagePick !== prev.pagePick) {
          const { page, x, y } = s.pagePick;
          const st = controller.store.getState();
          const tables = st.doc?.tables ?? [];
          const sel = tables.find((t) => t.id === st.selectedTable);
          const order = sel ? [sel, ...tables.filter((t) => t !== sel)] : tables;
          for (const t of order) {
            if (!t.pages.includes(page) && t !== sel) continue;
            const hit = cellAt(t, page, x, y);
            if (hit) {
              controller.select({ table: t.id, ...hit }, true);
              break;
            }
          }
        }
        if (s.drawnRegion && s.drawnRegion !== prev.drawnRegion && drawing.current) {
          drawing.current = false;
          void controller.extractRegion(s.drawnRegion.page, s.drawnRegion.bbox);
        }
        if (!s.drawMode && prev.drawMode && !s.drawnRegion) drawing.current = false;
      }),
    [controller],
  );

  return {
    startDrawing: () => {
      drawing.current = true;
      useLinkStore.getState().setDrawMode(true);
    },
  };
}

function useKeys(controller: ReviewController) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'F8') {
        e.preventDefault();
        controller.stepFinding(e.shiftKey ? -1 : 1);
        return;
      }
      if (!(e.ctrlKey || e.metaKey) || e.altKey || isTyping(e.target)) return;
      const key = e.key.toLowerCase();
      if (key === 'z' && !e.shiftKey) controller.undo();
      else if (key === 'y' || (key === 'z' && e.shiftKey)) controller.redo();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [controller]);
}

function Resizer({ axis, onDrag, label }: { axis: 'x' | 'y'; onDrag: (delta: number) => void; label: string }) {
  const last = useRef<number | null>(null);
  const pos = (e: PointerEvent) => (axis === 'x' ? e.clientX : e.clientY);
  return (
    <div
      className={`data-resizer data-resizer-${axis}`}
      role="separator"
      aria-orientation={axis === 'x' ? 'vertical' : 'horizontal'}
      aria-label={label}
      tabIndex={0}
      onPointerDown={(e) => {
        last.current = pos(e);
        e.currentTarget.setPointerCapture(e.pointerId);
      }}
      onPointerMove={(e) => {
        if (last.current === null) return;
        const p = pos(e);
        onDrag(p - last.current);
        last.current = p;
      }}
      onPointerUp={() => (last.current = null)}
      onPointerCancel={() => (last.current = null)}
      onKeyDown={(e) => {
        const step =
          e.key === (axis === 'x' ? 'ArrowRight' : 'ArrowDown')
            ? 16
            : e.key === (axis === 'x' ? 'ArrowLeft' : 'ArrowUp')
              ? -16
              : 0;
        if (step) {
          e.preventDefault();
          onDrag(step);
        }
      }}
    />
  );
}

function MessageBar({ controller }: { controller: ReviewController }) {
  const t = useT();
  const message = useReview((s) => s.message);
  // Always present (empty when quiet) so the grid keeps its row in the layout.
  if (!message) return <div className="data-message-slot" />;
  return (
    <div
      className={`data-message tone-${message.tone}`}
      role={message.tone === 'error' ? 'alert' : 'status'}
      data-testid="data-message"
    >
      <span>{t(message.key, message.params)}</span>
      <button
        type="button"
        className="link"
        onClick={() => controller.dismissMessage()}
        aria-label={t('error.dismiss')}
      >
        ×
      </button>
    </div>
  );
}

/** Findings and the audit trail share the space under the grid, one at a time. */
function BottomPanel({ controller }: { controller: ReviewController }) {
  const t = useT();
  const panel = useReview((s) => s.panel);
  const tab = (p: typeof panel, label: string) => (
    <button
      type="button"
      role="tab"
      aria-selected={panel === p}
      className={`panel-tab${panel === p ? ' active' : ''}`}
      data-testid={`tab-${p}`}
      onClick={() => controller.showPanel(p)}
    >
      {label}
    </button>
  );
  return (
    <div className="bottom-panel">
      <div className="panel-tabs" role="tablist">
        {tab('findings', t('panel.findings'))}
        {tab('audit', t('panel.audit'))}
      </div>
      {panel === 'findings' ? <FindingsPanel controller={controller} /> : <AuditTrail controller={controller} />}
    </div>
  );
}

/**
 * The data side of the workstation: the table list, the grid of the selected table and the findings panel, with
 * their sizes remembered. It opens the review of the document the shell has open and keeps the PDF pane linked.
 */
export function DataSide() {
  const t = useT();
  const docId = useDocumentStore((s) => s.info?.docId ?? null);
  const controller = useReviewController();
  const phase = useReview((s) => s.phase);
  const error = useReview((s) => s.error);
  const doc = useReview((s) => s.doc);
  const streamed = useReview((s) => s.streamed);
  const selectedTable = useReview((s) => s.selectedTable);
  const [layout, setLayout] = useState<DataLayout>(() => parseDataLayout(storage()?.getItem(DATA_LAYOUT_KEY) ?? null));
  const { startDrawing } = useLink(controller);
  useKeys(controller);

  useEffect(() => {
    if (docId) void controller.open(docId);
    else controller.close();
  }, [docId, controller]);

  const resize = (patch: (l: DataLayout) => DataLayout) =>
    setLayout((l) => {
      const next = clampLayout(patch(l));
      storage()?.setItem(DATA_LAYOUT_KEY, JSON.stringify(next));
      return next;
    });

  const table = (doc?.tables ?? streamed).find((x) => x.id === selectedTable) ?? null;

  return (
    <div
      className="data-side"
      data-testid="data-side"
      data-phase={phase}
      style={{
        gridTemplateColumns: layout.listCollapsed
          ? `${COLLAPSED_LIST_WIDTH}px 0 minmax(0, 1fr)`
          : `${layout.listWidth}px 5px minmax(0, 1fr)`,
      }}
    >
      <TableList
        controller={controller}
        collapsed={layout.listCollapsed}
        onToggle={() => resize((l) => ({ ...l, listCollapsed: !l.listCollapsed }))}
      />
      {layout.listCollapsed ? (
        <span />
      ) : (
        <Resizer
          axis="x"
          label={t('data.resizer')}
          onDrag={(d) => resize((l) => ({ ...l, listWidth: l.listWidth + d }))}
        />
      )}
      <div
        className="data-main"
        data-testid="grid-pane"
        // The findings keep the height the reviewer gave them, but never more than half of a short window.
        style={{ gridTemplateRows: `auto auto auto minmax(0, 1fr) 5px min(${layout.findingsHeight}px, 50%)` }}
      >
        <SignOffBar controller={controller} />
        <GridToolbar controller={controller} table={doc ? table : null} onDraw={startDrawing} />
        <MessageBar controller={controller} />
        <div className="grid-area">
          {phase === 'failed' ? (
            <p className="list-note error">{t('data.failed', { message: error ?? '' })}</p>
          ) : table ? (
            <ReviewGrid key={table.id} table={table} controller={controller} />
          ) : (
            <p className="list-note">
              {phase === 'extracting'
                ? t('data.extracting')
                : phase === 'loading'
                  ? t('data.loading')
                  : t('data.selectTable')}
            </p>
          )}
          <Legend />
        </div>
        <Resizer
          axis="y"
          label={t('data.resizer')}
          onDrag={(d) => resize((l) => ({ ...l, findingsHeight: l.findingsHeight - d }))}
        />
        <BottomPanel controller={controller} />
      </div>
    </div>
  );
}

import type { Table } from '../../shared/model/document';
import { useT } from '../store/ui';
import { useReview, type ReviewController } from '../store/review';
import { deleteRowsOp, insertRowOp, mergeRowsOp, moveRowOp, splitRowOp, type Built } from './rows';
import { CELL_STATUSES } from './findings';

/** Row operations, undo / redo, confirmation and re-extraction for the selected table. */
export function GridToolbar({
  controller,
  table,
  onDraw,
}: {
  controller: ReviewController;
  table: Table | null;
  onDraw: () => void;
}) {
  const t = useT();
  const selection = useReview((s) => s.selection);
  const canUndo = useReview((s) => s.undoStack.length > 0);
  const canRedo = useReview((s) => s.redoStack.length > 0);
  const saving = useReview((s) => s.saving);
  const readOnly = useReview((s) => s.readOnly);
  const ready = useReview((s) => s.phase === 'ready');
  const busy = useReview((s) => s.extractingRegion);
  const row = selection && table && selection.table === table.id ? selection.row : null;
  const editable = ready && !readOnly && table !== null;

  const run = (build: (tb: Table, r: number) => Built) => {
    const cur = table && controller.table(table.id);
    if (!cur || row === null) {
      controller.say({ tone: 'error', key: 'grid.needSelection' });
      return;
    }
    const b = build(cur, row);
    if (b.ok) controller.edit(b.op);
    else controller.say({ tone: 'error', key: 'grid.opFailed', params: { reason: b.reason } });
  };
  const rowBtn = (label: string, testid: string, build: (tb: Table, r: number) => Built, needRow = true) => (
    <button
      type="button"
      data-testid={testid}
      disabled={!editable || (needRow && row === null)}
      onClick={() => run(build)}
    >
      {label}
    </button>
  );

  return (
    <div className="grid-toolbar" role="toolbar" data-testid="grid-toolbar">
      <span className="grid-title" title={table?.title}>
        {table ? [table.number, table.title].filter(Boolean).join(' ') : ''}
      </span>
      {table?.moneyUnit && (
        <span className="table-unit" data-testid="table-unit" title={t('grid.unitTitle')}>
          {t('grid.unit', { unit: table.moneyUnit })}
        </span>
      )}
      <button
        type="button"
        onClick={() => controller.undo()}
        disabled={!canUndo || readOnly}
        title="Ctrl+Z"
        data-testid="undo"
      >
        {t('grid.undo')}
      </button>
      <button
        type="button"
        onClick={() => controller.redo()}
        disabled={!canRedo || readOnly}
        title="Ctrl+Y"
        data-testid="redo"
      >
        {t('grid.redo')}
      </button>
      <span className="sep" />
      {rowBtn(t('grid.insertAbove'), 'insert-above', (tb, r) => ({ ok: true, op: insertRowOp(tb, r) }))}
      {rowBtn(t('grid.insertBelow'), 'insert-below', (tb, r) => ({ ok: true, op: insertRowOp(tb, r + 1) }))}
      {rowBtn(t('grid.deleteRow'), 'delete-row', (tb, r) => deleteRowsOp(tb, r))}
      {rowBtn(t('grid.moveUp'), 'move-up', (tb, r) => {
        const b = moveRowOp(tb, r, r - 1);
        if (b.ok) controller.select({ table: tb.id, row: r - 1, col: selection!.col });
        return b;
      })}
      {rowBtn(t('grid.moveDown'), 'move-down', (tb, r) => {
        const b = moveRowOp(tb, r, r + 1);
        if (b.ok) controller.select({ table: tb.id, row: r + 1, col: selection!.col });
        return b;
      })}
      {rowBtn(t('grid.split'), 'split-row', splitRowOp)}
      {rowBtn(t('grid.merge'), 'merge-rows', mergeRowsOp)}
      <span className="sep" />
      <button
        type="button"
        disabled={!ready || busy || readOnly}
        onClick={onDraw}
        title={t('data.drawTableTitle')}
        data-testid="draw-table"
      >
        {t('data.drawTable')}
      </button>
      <button
        type="button"
        disabled={!editable || busy}
        title={t('data.reextractTitle')}
        data-testid="reextract-ruled"
        onClick={() => table && void controller.reextract(table.id, 'lattice')}
      >
        {t('data.reextractRuled')}
      </button>
      <button
        type="button"
        disabled={!editable || busy}
        title={t('data.reextractTitle')}
        data-testid="reextract-unruled"
        onClick={() => table && void controller.reextract(table.id, 'stream')}
      >
        {t('data.reextractUnruled')}
      </button>
      <span className="spacer" />
      <span className="save-state muted" data-testid="save-state">
        {busy
          ? t('data.extractingRegion')
          : readOnly
            ? t('data.readOnly')
            : saving > 0
              ? t('data.saving')
              : ready
                ? t('data.saved')
                : ''}
      </span>
    </div>
  );
}

export function Legend() {
  const t = useT();
  return (
    <div className="grid-legend" data-testid="legend">
      {CELL_STATUSES.map((s) => (
        <span key={s} className="legend-item">
          <span className={`swatch st-${s}`} />
          {t(`legend.${s}`)}
        </span>
      ))}
      <span className="legend-item">
        <span className="swatch cell-blank" />
        {t('legend.blank')}
      </span>
      <span className="hint muted">{t('grid.hint')}</span>
    </div>
  );
}

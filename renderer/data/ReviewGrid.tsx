import { useCallback, useEffect, useMemo, useRef, useState, type ClipboardEvent } from 'react';
import { AgGridReact } from 'ag-grid-react';
import {
  AllCommunityModule,
  ModuleRegistry,
  themeQuartz,
  type BodyScrollEvent,
  type CellClassParams,
  type CellEditRequestEvent,
  type CellFocusedEvent,
  type ColDef,
  type ColGroupDef,
  type GetRowIdParams,
  type GridApi,
  type RowClassParams,
  type SuppressKeyboardEventParams,
  type ValueFormatterParams,
} from 'ag-grid-community';
import type { Finding, Row, Table } from '../../shared/model/document';
import { columnWidth, displayAmount } from './display';
import { useT } from '../store/ui';
import { useReview, type ReviewController } from '../store/review';
import { cellStatus, failingCells, isFailing } from './findings';
import { columnTree, type ColumnNode } from './columns';
import { codeColumn, copyBlock, isAmountColumn, nameColumn, pasteOp, rowChangesOp } from './rows';
import { parseTsv, toTsv } from './tsv';
import { CellEditor } from './CellEditor';
import { keyOf, TypeAhead } from './typeahead';

// Community modules only (no Enterprise features: clipboard and range selection are done here).
ModuleRegistry.registerModules([AllCommunityModule]);

const theme = themeQuartz.withParams({
  fontSize: 12,
  rowHeight: 26,
  headerHeight: 28,
  spacing: 4,
  wrapperBorderRadius: 0,
  headerFontWeight: 600,
});

export interface GridRow {
  id: string;
  index: number;
  row: Row;
}

interface GridContext {
  failing: Set<string>;
  hover: Set<string>;
  range: { r0: number; c0: number; r1: number; c1: number } | null;
}

function refKeys(f: Finding | undefined, table: string): Set<string> {
  const out = new Set<string>();
  for (const r of f?.refs ?? [])
    if (r.table === table) out.add(r.row < 0 ? '*' : r.col < 0 ? `${r.row}:*` : `${r.row}:${r.col}`);
  return out;
}

function inRange(range: GridContext['range'], row: number, col: number): boolean {
  if (!range) return false;
  return (
    row >= Math.min(range.r0, range.r1) &&
    row <= Math.max(range.r0, range.r1) &&
    col >= Math.min(range.c0, range.c1) &&
    col <= Math.max(range.c0, range.c1)
  );
}

/**
 * After a sideways scroll comes to rest, the nearest column boundary is brought to the frozen columns' edge, so no
 * figure is left half under 科目编码 / 科目名称 beside a header label that still shows (issue 13). Near the right end,
 * where the next boundary cannot reach the edge, the column is shown whole from its start instead.
 */
function snapToColumn(api: GridApi<GridRow>): void {
  const { left, right } = api.getHorizontalPixelRange();
  const cols = api.getDisplayedCenterColumns();
  const total = cols.reduce((n, c) => n + c.getActualWidth(), 0);
  const max = Math.max(0, total - (right - left));
  for (let i = 0; i < cols.length; i++) {
    const start = cols[i]!.getLeft() ?? 0;
    const width = cols[i]!.getActualWidth();
    if (left <= start + 0.5 || left >= start + width - 0.5) continue;
    const next = cols[i + 1];
    const forward = next && left - start >= width / 2 && (next.getLeft() ?? 0) <= max + 0.5;
    api.ensureColumnVisible(forward ? next : cols[i]!, 'start');
    return;
  }
}

const colIndex = (colId: string | undefined): number => (colId && colId.startsWith('c') ? Number(colId.slice(1)) : -1);

/**
 * The editable grid of one table. The grid never owns the data: edits come back as `cellEditRequest` (readOnlyEdit)
 * and go through the review store as operations; the store's new rows flow back in with stable row ids.
 */
export function ReviewGrid({ table, controller }: { table: Table; controller: ReviewController }) {
  const t = useT();
  const rowIds = useReview((s) => s.rowIds[table.id]);
  const findings = useReview((s) => s.findings);
  const waivers = useReview((s) => s.overlay.waivers);
  const hoverId = useReview((s) => s.hoverFinding);
  const hoverFinding = useMemo(() => findings.find((f) => f.id === hoverId), [findings, hoverId]);
  const nonce = useReview((s) => s.selectionNonce);
  const readOnly = useReview((s) => s.readOnly);
  const gridApi = useRef<GridApi<GridRow> | null>(null);
  const anchor = useRef<{ row: number; col: number } | null>(null);
  const snapTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const [typeAhead] = useState(() => new TypeAhead(window));
  useEffect(() => () => typeAhead.stop(), [typeAhead]);
  useEffect(
    () => () => {
      if (snapTimer.current) clearTimeout(snapTimer.current);
    },
    [],
  );
  const [range, setRangeState] = useState<GridContext['range']>(null);
  // Copy reads the range from a ref: a copy right after a shift-click comes before React re-renders with the new
  // range, and the state seen by that render's handler would still be the single cell (issue 11's paste race).
  const rangeRef = useRef<GridContext['range']>(null);
  const setRange = useCallback((r: GridContext['range']) => {
    rangeRef.current = r;
    setRangeState(r);
  }, []);

  const rowData = useMemo<GridRow[]>(
    () => table.rows.map((row, index) => ({ id: rowIds?.[index] ?? `${table.id}#${index}`, index, row })),
    [table, rowIds],
  );
  const context = useMemo<GridContext>(
    () => ({ failing: failingCells(findings, waivers, table.id), hover: refKeys(hoverFinding, table.id), range }),
    [findings, waivers, table.id, hoverFinding, range],
  );

  useEffect(() => {
    gridApi.current?.refreshCells({ force: true });
  }, [context]);

  const refused = useCallback(
    (text: string, reason: string) => controller.say({ tone: 'error', key: 'grid.invalid', params: { text, reason } }),
    [controller],
  );

  const columnDefs = useMemo<(ColDef<GridRow> | ColGroupDef<GridRow>)[]>(() => {
    const code = codeColumn(table);
    const name = nameColumn(table);
    const leaf = (col: number, label: string): ColDef<GridRow> => {
      const amount = isAmountColumn(table, col);
      return {
        colId: `c${col}`,
        headerName: label,
        headerTooltip: table.columns[col]?.label,
        valueGetter: (p) => p.data?.row.cells[col]?.text ?? '',
        // Shown with thousands separators; the editor starts from the value getter, the text as stored.
        valueFormatter: amount
          ? (p: ValueFormatterParams<GridRow>) => displayAmount(p.data?.row.cells[col])
          : undefined,
        editable: !readOnly,
        cellEditor: CellEditor,
        cellEditorParams: { amount, onRefused: refused, typeAhead },
        cellEditorPopup: true,
        cellEditorPopupPosition: 'over',
        width: columnWidth(
          table,
          col,
          amount ? 'amount' : col === name ? 'name' : col === code ? 'code' : 'text',
          label,
        ),
        minWidth: 60,
        wrapHeaderText: true,
        autoHeaderHeight: true,
        pinned: col === code || col === name ? 'left' : undefined,
        type: amount ? 'rightAligned' : undefined,
        cellClass: (p: CellClassParams<GridRow>) => {
          const ctx = p.context as GridContext;
          const r = p.data?.index ?? -1;
          const c = p.data?.row.cells[col];
          const cls = [`st-${cellStatus(c, isFailing(ctx.failing, r, col))}`];
          // This cellClass replaces the rightAligned type's own: without the class the figures sat at the left of
          // their cells under right-aligned headers, and slid under the frozen columns while the header stayed.
          if (amount) cls.push('num', 'ag-right-aligned-cell');
          if (amount && (!c || c.text.trim() === '')) cls.push('cell-blank');
          if (amount && c && c.text.trim() !== '' && c.value === null) cls.push('cell-invalid');
          if (isFailing(ctx.hover, r, col)) cls.push('hover-ref');
          if (inRange(ctx.range, r, col)) cls.push('in-range');
          if (col === name && p.data?.row.level)
            cls.push(`lvl-${p.data.row.level === '类' ? 1 : p.data.row.level === '款' ? 2 : 3}`);
          return cls;
        },
        suppressKeyboardEvent: (p: SuppressKeyboardEventParams<GridRow>) => {
          const e = p.event;
          // The key that starts an edit: the keys after it are held until the editor has mounted (issue 13).
          if (!p.editing && !readOnly && e.type === 'keydown' && keyOf(e)?.kind === 'char') typeAhead.start();
          // Enter confirms the cell against the page (F2 or typing edits); the grid's own Enter is not wanted.
          if (!p.editing && e.key === 'Enter' && !e.ctrlKey && !e.altKey) {
            if (e.type === 'keydown') confirmAt(p.node.rowIndex ?? -1, col, e.shiftKey ? -1 : 1);
            return true;
          }
          return false;
        },
      };
    };
    const toDef = (n: ColumnNode, path: string): ColDef<GridRow> | ColGroupDef<GridRow> =>
      n.kind === 'leaf'
        ? leaf(n.col, n.label)
        : {
            groupId: `${path}/${n.label}`,
            headerName: n.label,
            marryChildren: true,
            children: n.children.map((c) => toDef(c, `${path}/${n.label}`)),
          };
    return columnTree(table).map((n, i) => toDef(n, String(i)));
    // confirmAt reads the latest table through the controller.
  }, [table.id, table.columns, table.header, readOnly, refused, typeAhead]);

  function confirmAt(row: number, col: number, move: 1 | -1) {
    const cur = controller.table(table.id);
    const cell = cur?.rows[row]?.cells[col];
    if (!cur || !cell || readOnly) return;
    controller.edit({ op: 'confirmCell', table: table.id, row, col, confirmed: !cell.confirmed });
    const next = row + move;
    if (next >= 0 && next < cur.rows.length) {
      gridApi.current?.setFocusedCell(next, `c${col}`);
      gridApi.current?.ensureIndexVisible(next);
    }
  }

  // The store's selection (F8, a click on the page, the findings panel) scrolls the grid to the cell; a grid
  // mounted for a finding in another table does the same once it is ready.
  const showSelection = useCallback(() => {
    const api = gridApi.current;
    const sel = controller.store.getState().selection;
    if (!api || !sel || sel.table !== table.id) return;
    const focused = api.getFocusedCell();
    if (focused && focused.rowIndex === sel.row && focused.column.getColId() === `c${sel.col}`) return;
    api.ensureIndexVisible(sel.row, 'middle');
    api.ensureColumnVisible(`c${sel.col}`);
    api.setFocusedCell(sel.row, `c${sel.col}`);
  }, [controller, table.id]);
  useEffect(showSelection, [nonce, showSelection]);

  const onCellFocused = (e: CellFocusedEvent<GridRow>) => {
    const col = colIndex(typeof e.column === 'string' ? e.column : e.column?.getColId());
    if (e.rowIndex === null || e.rowIndex === undefined || col < 0) return;
    controller.select({ table: table.id, row: e.rowIndex, col }, false);
  };

  const onEdit = (e: CellEditRequestEvent<GridRow>) => {
    const col = colIndex(e.column.getColId());
    const cur = controller.table(table.id);
    const doc = controller.store.getState().doc;
    if (!cur || !doc || col < 0 || !e.data) return;
    const text = e.newValue == null ? '' : String(e.newValue);
    const built = rowChangesOp(doc, cur, e.data.index, [{ col, text }]);
    if (built.ok) controller.edit(built.op);
    else if (built.reason !== 'unchanged')
      controller.say({ tone: 'error', key: 'grid.invalid', params: { text, reason: built.reason } });
  };

  const onPaste = (e: ClipboardEvent<HTMLDivElement>) => {
    if ((e.target as HTMLElement).closest('input, textarea')) return;
    const text = e.clipboardData.getData('text/plain');
    if (!text) return;
    e.preventDefault();
    // The focus ring is what the reviewer sees: paste there, even if a click's (asynchronous) event has not yet
    // reached the store.
    const focused = gridApi.current?.getFocusedCell();
    const focusedCol = focused ? colIndex(focused.column.getColId()) : -1;
    const sel =
      focused && !focused.rowPinned && focusedCol >= 0
        ? { table: table.id, row: focused.rowIndex, col: focusedCol }
        : controller.store.getState().selection;
    const cur = controller.table(table.id);
    const doc = controller.store.getState().doc;
    if (!sel || sel.table !== table.id || !cur || !doc) {
      controller.say({ tone: 'error', key: 'grid.needSelection' });
      return;
    }
    const block = parseTsv(text);
    const built = pasteOp(doc, cur, sel.row, sel.col, block);
    if (!built.ok) {
      if (built.reason !== 'unchanged') {
        controller.say({
          tone: 'error',
          key: 'grid.pasteRefused',
          params: { row: (built.at?.row ?? sel.row) + 1, col: (built.at?.col ?? sel.col) + 1, reason: built.reason },
        });
      }
      return;
    }
    if (!controller.edit(built.op)) return;
    const cols = Math.max(...block.map((r) => r.length));
    controller.say(
      built.clipped
        ? { tone: 'info', key: 'grid.pasteClipped', params: { count: built.clipped } }
        : { tone: 'info', key: 'grid.pasted', params: { rows: block.length, cols } },
    );
    setRange({
      r0: sel.row,
      c0: sel.col,
      r1: sel.row + block.length - 1,
      c1: Math.min(sel.col + cols, cur.columns.length) - 1,
    });
  };

  const onCopy = (e: ClipboardEvent<HTMLDivElement>) => {
    if ((e.target as HTMLElement).closest('input, textarea')) return;
    const sel = controller.store.getState().selection;
    const cur = controller.table(table.id);
    if (!sel || sel.table !== table.id || !cur) return;
    const r = rangeRef.current ?? { r0: sel.row, c0: sel.col, r1: sel.row, c1: sel.col };
    const block = copyBlock(cur, r.r0, r.c0, r.r1, r.c1);
    e.clipboardData.setData('text/plain', toTsv(block));
    e.preventDefault();
    controller.say({ tone: 'info', key: 'grid.copied', params: { count: block.reduce((n, x) => n + x.length, 0) } });
  };

  return (
    <div className="review-grid" data-testid="review-grid" data-table={table.id} onPaste={onPaste} onCopy={onCopy}>
      <AgGridReact<GridRow>
        theme={theme}
        containerStyle={{ height: '100%', width: '100%' }}
        rowData={rowData}
        columnDefs={columnDefs}
        context={context}
        getRowId={(p: GetRowIdParams<GridRow>) => p.data.id}
        readOnlyEdit
        onCellEditRequest={onEdit}
        onCellFocused={onCellFocused}
        onCellClicked={(e) => {
          const col = colIndex(e.column.getColId());
          const row = e.rowIndex ?? -1;
          const ev = e.event as MouseEvent | null;
          if (ev?.shiftKey && anchor.current)
            setRange({ r0: anchor.current.row, c0: anchor.current.col, r1: row, c1: col });
          else {
            anchor.current = { row, col };
            setRange(null);
          }
          controller.select({ table: table.id, row, col }, true);
        }}
        getRowClass={(p: RowClassParams<GridRow>) => (p.data?.row.kind === 'total' ? 'row-total' : undefined)}
        defaultColDef={{ sortable: false, resizable: true, suppressMovable: true }}
        onGridReady={(e) => {
          gridApi.current = e.api;
          showSelection();
        }}
        onBodyScroll={(e: BodyScrollEvent<GridRow>) => {
          // The grid's own scroll-end event comes late or not at all for wheel scrolling: wait for a quiet moment.
          if (e.direction !== 'horizontal') return;
          if (snapTimer.current) clearTimeout(snapTimer.current);
          snapTimer.current = setTimeout(() => {
            snapTimer.current = null;
            if (gridApi.current) snapToColumn(gridApi.current);
          }, 160);
        }}
        onGridPreDestroyed={() => {
          gridApi.current = null;
        }}
        stopEditingWhenCellsLoseFocus
        enterNavigatesVerticallyAfterEdit
        suppressCellFocus={false}
        animateRows={false}
        localeText={{ noRowsToShow: t('data.noTables') }}
      />
    </div>
  );
}

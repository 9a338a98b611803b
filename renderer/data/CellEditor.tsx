import { useEffect, useRef, useState } from 'react';
import { useGridCellEditor, type CustomCellEditorProps } from 'ag-grid-react';
import { parseAmount } from '../../shared/model/amount';
import { useT } from '../store/ui';
import { applyTyped, keyOf, type TypeAhead, type Typed } from './typeahead';

export interface CellEditorParams {
  amount: boolean;
  /** Called when the editor is closed on text the column cannot take. */
  onRefused(text: string, reason: string): void;
  /** Keys typed between the key that started this edit and the editor's mount. */
  typeAhead?: TypeAhead;
}

/**
 * The grid's editor: text as printed; in an amount column every keystroke is parsed the way extraction parses
 * numbers, a bad value is marked at once and refused when the editor closes (the cell keeps its old value).
 */
export function CellEditor(props: CustomCellEditorProps & CellEditorParams) {
  const t = useT();
  const input = useRef<HTMLInputElement>(null);
  const typedStart = !!props.eventKey && props.eventKey.length === 1;
  const start = typedStart ? props.eventKey! : String(props.value ?? '');
  const [text, setText] = useState(start);
  // The latest text for the grid's end-of-edit question, which can come before React has re-rendered.
  const latest = useRef(start);
  const check = props.amount ? parseAmount(text) : ({ ok: true } as const);
  const error = check.ok ? null : check.reason;

  const update = (next: string) => {
    latest.current = next;
    setText(next);
    props.onValueChange(next);
  };

  /**
   * The key that ends the edit (typed before the editor was there, or into it), done as the grid would do it, while
   * the keys after it are held for the next cell's editor.
   */
  const finish = (end: Typed, rest: Typed[]) => {
    const { api, node, column } = props;
    props.typeAhead?.start(rest, true);
    setTimeout(() => {
      if (end.kind === 'escape') {
        props.typeAhead?.take();
        api.stopEditing(true);
        return;
      }
      api.stopEditing();
      if (end.kind === 'tab') {
        if (end.shift) api.tabToPreviousCell();
        else api.tabToNextCell();
      } else if (end.kind === 'enter') {
        const row = (node.rowIndex ?? 0) + (end.shift ? -1 : 1);
        if (row >= 0 && row < api.getDisplayedRowCount()) api.setFocusedCell(row, column);
      }
      // Typing went on into the next cell: start its edit with the first key, the rest held for its editor.
      const pending = props.typeAhead?.take() ?? [];
      const focused = api.getFocusedCell();
      const first = pending[0];
      if (first?.kind === 'char' && focused && props.typeAhead && props.column.isCellEditable(props.node)) {
        props.typeAhead.start(pending.slice(1));
        api.startEditingCell({ rowIndex: focused.rowIndex, colKey: focused.column, key: first.ch });
      }
    }, 0);
  };

  // Enter, Tab and Escape in the editor are taken here, before the grid sees them, so that what is typed after them
  // waits for the next cell's editor instead of landing in this one while it closes.
  useEffect(() => {
    const el = input.current;
    if (!el || !props.typeAhead) return;
    const onKey = (e: KeyboardEvent) => {
      const k = keyOf(e);
      if (!k || k.kind === 'char' || k.kind === 'backspace') return;
      e.preventDefault();
      e.stopPropagation();
      finish(k, []);
    };
    el.addEventListener('keydown', onKey);
    return () => el.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => {
    const el = input.current;
    // Taken and focused in one go: no key can come between the two and be lost.
    const typed = props.typeAhead?.take() ?? [];
    const { text: next, end, rest } = applyTyped(start, typed);
    if (el) el.value = next;
    update(next);
    el?.focus();
    if (typedStart || typed.length > 0) el?.setSelectionRange(next.length, next.length);
    else if (start.length > 1) el?.select();
    if (end) finish(end, rest);
    // Only on mount: the grid creates one editor per edit.
  }, []);

  useGridCellEditor({
    isCancelAfterEnd: () => {
      const now = latest.current;
      const c = props.amount ? parseAmount(now) : ({ ok: true } as const);
      if (c.ok) return false;
      props.onRefused(now, c.reason);
      return true;
    },
  });

  return (
    <div className={`cell-editor${error ? ' invalid' : ''}`}>
      <input
        ref={input}
        value={text}
        data-testid="cell-editor"
        aria-invalid={error ? true : undefined}
        inputMode={props.amount ? 'decimal' : undefined}
        onChange={(e) => update(e.target.value)}
      />
      {error && (
        <div className="cell-editor-error" role="alert" data-testid="cell-editor-error">
          {t('grid.invalid', { text, reason: error })}
        </div>
      )}
    </div>
  );
}

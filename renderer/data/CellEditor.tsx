import { useEffect, useRef, useState } from 'react';
import { useGridCellEditor, type CustomCellEditorProps } from 'ag-grid-react';
import { parseAmount } from '../../shared/model/amount';
import { useT } from '../store/ui';

export interface CellEditorParams {
  amount: boolean;
  /** Called when the editor is closed on text the column cannot take. */
  onRefused(text: string, reason: string): void;
}

/**
 * The grid's editor: text as printed; in an amount column every keystroke is parsed the way extraction parses
 * numbers, a bad value is marked at once and refused when the editor closes (the cell keeps its old value).
 */
export function CellEditor(props: CustomCellEditorProps & CellEditorParams) {
  const t = useT();
  const input = useRef<HTMLInputElement>(null);
  const start = props.eventKey && props.eventKey.length === 1 ? props.eventKey : String(props.value ?? '');
  const [text, setText] = useState(start);
  const check = props.amount ? parseAmount(text) : ({ ok: true } as const);
  const error = check.ok ? null : check.reason;

  useEffect(() => {
    props.onValueChange(start);
    input.current?.focus();
    if (start.length > 1) input.current?.select();
    // Only on mount: the grid creates one editor per edit.
  }, []);

  useGridCellEditor({
    isCancelAfterEnd: () => {
      if (!error) return false;
      props.onRefused(text, error);
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
        onChange={(e) => {
          setText(e.target.value);
          props.onValueChange(e.target.value);
        }}
      />
      {error && (
        <div className="cell-editor-error" role="alert" data-testid="cell-editor-error">
          {t('grid.invalid', { text, reason: error })}
        </div>
      )}
    </div>
  );
}

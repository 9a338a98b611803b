import type { BBox } from '../../shared/model';
import { cellText, type CellText } from './celltext';
import type { PageGrid } from './grid';

/** One grid position after reading its cell; spanned positions point at the same text with `origin` false. */
export interface Slot extends CellText {
  page: number;
  origin: boolean;
  rowSpan: number;
  colSpan: number;
  cellBox: BBox;
}

/** The grid as a rows × cols matrix of read cells. */
export function gridMatrix(grid: PageGrid): Slot[][] {
  const nr = grid.rowEdges.length - 1;
  const nc = grid.colEdges.length - 1;
  const m: Slot[][] = Array.from({ length: nr }, () => new Array<Slot>(nc));
  for (const cell of grid.cells) {
    const t = cellText(cell.runs);
    for (let r = cell.row; r < cell.row + cell.rowSpan; r++) {
      for (let c = cell.col; c < cell.col + cell.colSpan; c++) {
        const row = m[r];
        if (!row) continue;
        row[c] = {
          ...t,
          page: grid.page,
          origin: r === cell.row && c === cell.col,
          rowSpan: cell.rowSpan,
          colSpan: cell.colSpan,
          cellBox: cell.bbox,
        };
      }
    }
  }
  for (let r = 0; r < nr; r++)
    for (let c = 0; c < nc; c++)
      m[r]![c] ??= {
        text: '',
        bbox: null,
        repairs: [],
        confidence: 1,
        page: grid.page,
        origin: true,
        rowSpan: 1,
        colSpan: 1,
        cellBox: grid.bbox,
      };
  return m;
}

/** Text of a position for body rows: a spanning cell's text sits in its first position only. */
export function bodyText(s: Slot): string {
  return s.origin ? s.text : '';
}

import type { ExtractedDocument, Finding } from '../../shared/model/document';
import type { Highlight } from '../store/link';
import type { CellSelection } from '../store/review';

/** Boxes on the page for every cell a finding refers to (a whole-row ref lights the row's cells). */
export function findingBoxes(doc: ExtractedDocument, f: Finding, kind: Highlight['kind']): Highlight[] {
  const out: Highlight[] = [];
  for (const r of f.refs) {
    const t = doc.tables.find((x) => x.id === r.table);
    if (!t) continue;
    const rows = r.row < 0 ? t.rows : t.rows[r.row] ? [t.rows[r.row]!] : [];
    for (const row of rows) {
      const cells = r.col < 0 ? row.cells : row.cells[r.col] ? [row.cells[r.col]!] : [];
      for (const c of cells) if (c.page !== null && c.bbox) out.push({ page: c.page, bbox: c.bbox, kind });
    }
  }
  return out;
}

export function selectionBox(doc: ExtractedDocument, sel: CellSelection | null): Highlight | null {
  if (!sel) return null;
  const c = doc.tables.find((x) => x.id === sel.table)?.rows[sel.row]?.cells[sel.col];
  return c && c.page !== null && c.bbox ? { page: c.page, bbox: c.bbox, kind: 'selection' } : null;
}

export function pageHighlights(
  doc: ExtractedDocument | null,
  sel: CellSelection | null,
  current: Finding | undefined,
  hover: Finding | undefined,
): Highlight[] {
  if (!doc) return [];
  const out: Highlight[] = [];
  if (current) out.push(...findingBoxes(doc, current, 'finding'));
  if (hover && hover !== current) out.push(...findingBoxes(doc, hover, 'hover'));
  const s = selectionBox(doc, sel);
  if (s) out.push(s);
  return out;
}

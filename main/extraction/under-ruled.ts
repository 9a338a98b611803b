import { EXTRACTION } from './settings';
import type { PageGrid } from './grid';
import { buildLines, chunks } from './stream-lines';

/** A cell holding this many lines of figures one above the other is a column of rows nobody ruled apart. */
const STACKED_FIGURE_LINES = EXTRACTION.stackedFigureLines.value;

/** Cells holding a row of figures spread apart by whitespace: this many mean the column rules were not drawn. */
const SPREAD_ROW_CELLS = EXTRACTION.spreadRowCells.value;

/** A line of three or more pieces set apart by column-wide gaps, two of them figures. */
function spreadRow(runs: PageGrid['cells'][number]['runs']): boolean {
  return buildLines(runs).some((l) => {
    const ch = chunks(l);
    return ch.length >= 3 && ch.filter((c) => c.tokens.every((t) => t.numeric)).length >= 2;
  });
}

/**
 * A ruled grid whose rules frame the table but do not separate its cells. Either its rows are not ruled apart (only
 * the header and the outline are): some cell holds a column of figures, line under line (alone, or set apart from
 * the label on their line). Or its columns are not:
 * several cells hold a whole row of figures spaced out in columns. Such a grid is better read as a whitespace
 * table than as tall or wide cells. Two stacked values (a pair printed in one cell) do not count: that is how some
 * tables print them.
 */
export function isUnderRuled(grid: PageGrid): boolean {
  const stacked = grid.cells.some((c) => {
    if (c.runs.length < STACKED_FIGURE_LINES) return false;
    const figureLines = buildLines(c.runs).filter((l) => chunks(l).some((ch) => ch.tokens.every((t) => t.numeric)));
    return figureLines.length >= STACKED_FIGURE_LINES;
  });
  return stacked || grid.cells.filter((c) => c.runs.length >= 3 && spreadRow(c.runs)).length >= SPREAD_ROW_CELLS;
}

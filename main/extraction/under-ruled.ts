import type { PageGrid } from './grid';
import { buildLines } from './stream-lines';

/** A cell holding this many lines of figures one above the other is a column of rows nobody ruled apart. */
const STACKED_FIGURE_LINES = 3;

/**
 * A ruled grid whose rules frame the table but do not separate its rows (only the header and the outline are
 * ruled): some cell holds a column of figures, line under line. Such a grid is better read as a whitespace table,
 * rows from baselines, than as one tall cell per column. Two stacked values (a pair printed in one cell) do not
 * count: that is how some tables print them.
 */
export function isUnderRuled(grid: PageGrid): boolean {
  return grid.cells.some((c) => {
    if (c.runs.length < STACKED_FIGURE_LINES) return false;
    const figureLines = buildLines(c.runs).filter((l) => l.tokens.every((t) => t.numeric));
    return figureLines.length >= STACKED_FIGURE_LINES;
  });
}

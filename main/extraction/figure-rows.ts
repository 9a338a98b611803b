import { EXTRACTION } from './settings';
import type { TextRun } from '../pdf/types';
import { groupLines } from './celltext';
import { isNumericText } from './stream-lines';

/** Lines carrying at least this many separate figures are rows of a table rather than sentences that quote one. */
const FIGURES_PER_ROW = EXTRACTION.figuresPerRow.value;
/** And at least this many such lines make the page worth reading for a borderless table. */
const MIN_ROWS = EXTRACTION.figureRows.value;

/**
 * Whether text holds rows of figures (counts, percentages, amounts without decimals, dashes for none): the sign of
 * a borderless table whatever its number format, where decimal amounts alone would miss statistics tables.
 */
export function hasFigureRows(runs: TextRun[]): boolean {
  let rows = 0;
  for (const line of groupLines(runs)) {
    // A dash counts (an empty figure) on a line that has a number of its own.
    const figures = line.text.split(/\s+/u).filter((w) => isNumericText(w));
    if (figures.length >= FIGURES_PER_ROW && figures.some((w) => /\d/u.test(w)) && ++rows >= MIN_ROWS) return true;
  }
  return false;
}

/**
 * Every tolerance of reading and extraction in one place, each with its unit and the reason for its value (as
 * camelot's parser parameters and pdfplumber's table settings are kept). A new family of documents that needs a
 * different value changes it here, where its neighbours and their reasons can be seen.
 */
export interface Tolerance {
  readonly value: number;
  /** pt: PDF points; em: the font size of the text concerned; glyphs, lines, cells, rows: counts; ratio: 0..1. */
  readonly unit: 'pt' | 'em' | 'glyphs' | 'lines' | 'cells' | 'rows' | 'ratio';
  readonly why: string;
}

export const EXTRACTION = {
  // --- rulings (main/pdf/segments.ts) ---
  thinRule: { value: 2.5, unit: 'pt', why: 'filled rectangles thinner than this are drawn rulings, not shading' },
  snapRule: {
    value: 1.2,
    unit: 'pt',
    why: 'anti-aliasing offsets and half-pixel strokes put one ruling at two positions',
  },
  ruleGap: { value: 2, unit: 'pt', why: 'cell borders drawn cell by cell leave gaps between collinear pieces' },
  // --- ruled grids (lattice.ts) ---
  touch: { value: 2.5, unit: 'pt', why: 'ruling ends that miss each other by stroke width still meet' },
  edgeMerge: { value: 2, unit: 'pt', why: 'row and column edges this close are one edge drawn twice' },
  sliverColumn: {
    value: 2,
    unit: 'em',
    why: 'a text-free column narrower than two glyphs is a header divider printed a few points off the body divider',
  },
  // --- text runs crossing rulings (split-runs.ts) ---
  crossingSide: {
    value: 0.9,
    unit: 'em',
    why: 'about a glyph on each side of a rule: a right-aligned amount whose first digit overhangs stays whole',
  },
  cutSlack: { value: 3, unit: 'glyphs', why: 'glyph positions are estimated (full-width one em, others half)' },
  // --- tables across pages (assemble.ts) ---
  continuationEdge: {
    value: 3,
    unit: 'pt',
    why: 'a continuation printed with fewer, spanning columns has each edge on one of its table’s own edges',
  },
  // --- borderless tables (stream*.ts, figure-rows.ts, under-ruled.ts) ---
  tokenGap: { value: 0.3, unit: 'em', why: 'glyphs of one word or CJK phrase are set closer than this' },
  figuresPerRow: {
    value: 2,
    unit: 'cells',
    why: 'a line with two separate figures is a table row, not a sentence quoting one',
  },
  figureRows: { value: 3, unit: 'rows', why: 'three such lines make a page worth reading for a borderless table' },
  stackedFigureLines: {
    value: 3,
    unit: 'lines',
    why: 'a ruled cell holding three lines of figures one above the other is rows nobody ruled apart',
  },
  spreadRowCells: {
    value: 3,
    unit: 'cells',
    why: 'three cells each holding a row of figures spread by whitespace mean the column rules were not drawn',
  },
  streamConfidence: {
    value: 0.85,
    unit: 'ratio',
    why: 'columns found from whitespace are never as sure as ruled ones',
  },
} as const satisfies Record<string, Tolerance>;

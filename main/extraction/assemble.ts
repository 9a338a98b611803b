import { EXTRACTION } from './settings';
import type { BBox, ColumnRole, MoneyUnit, Row, Table, TableType } from '../../shared/model';
import { classifyTitle } from './classify';
import {
  formBreaks,
  formSignals,
  formTitle,
  headingRows,
  isForm,
  isFormPart,
  isFormTitle,
  type FormSignals,
} from './forms';
import type { PageGrid } from './grid';
import { columnLabels, headerDepth, headerRows, isColumnNumberRow, isDataRow } from './headers';
import type { GridContext, PageLayout } from './layout';
import { bodyText, gridMatrix, type Slot } from './matrix';
import { isDataAmount } from './numbers';
import { recordKinds } from './columns';
import { buildRow, columnReading, columnRoles, inheritCodeParts, isBlankRow } from './rows';

/*
 * Table assembly: a fold over the pages' grids, in named stages.
 *
 *   pagePieces      the grids of a page with the context they speak for (a title printed at the foot of the page
 *                   before carried over; a grid cut where a project form opens inside it)
 *   readPiece       what a piece shows: its rows, whether it reaches the page bottom, its form signals and heading
 *   placePiece      whether it is a form's later part, the continuation of the open table, or a table of its own
 *   appendFormPart  a form's part on a later page joins the form
 *   stitchContinuation
 *                   a continuation joins the table: onto the table's columns, repeated header rows dropped, a row cut
 *                   by the page break rejoined
 *   startDraft      a new table: its title (above the grid, or printed in it: a form's heading, a spanning first row)
 *                   and its header rows (headerDepth)
 *   finishTable     the finished draft as a Table: data rows (template rows of an empty table joined to the header),
 *                   column roles and kinds, rows, type and unit
 *
 * A draft is the mutable record of a table being assembled; the stages that add to it change it in place.
 */

const compact = (s: string) => s.replace(/\s+/gu, '');

/** A table while it is assembled, page by page. */
export interface TableDraft {
  id: string;
  title: string;
  number: string | null;
  moneyUnit: MoneyUnit | null;
  unitName: string | null;
  unitCode: string | null;
  department: string | null;
  method: 'lattice' | 'stream';
  cols: number;
  colEdges: number[];
  header: string[][];
  body: Slot[][];
  pages: number[];
  regions: Array<{ page: number; bbox: BBox }>;
  confidence: number;
  note: string | null;
  /** The last grid reached the bottom of its page (a continuation is possible). */
  open: boolean;
  /** A project form (绩效目标表 / 自评表 / 申报表): typed by its labels, continued up to the next form's name block. */
  form: boolean;
  /** A form's heading, and whether its name block has been seen (a heading may end a page, its form on the next). */
  heading: string | null;
  named: boolean;
}

/** One grid of a page (or one part of a grid cut at a form), with the context it speaks for. */
export interface Piece {
  grid: PageGrid;
  m: Slot[][];
  context: GridContext;
  /** The first piece of its page (only a first piece continues a table from the page before). */
  first: boolean;
}

/** A piece as assembly reads it. */
export interface PieceReading extends Piece {
  /** The rows that have cells. */
  rows: Slot[][];
  /** The piece reaches the bottom of its page with nothing after it: the table may continue on the next. */
  open: boolean;
  sig: FormSignals;
  /** A form heading printed inside the grid, and how many rows it takes. */
  inner: { heading: string | null; rows: number };
  /** The piece opens a project form (its labels, or a name block under a heading). */
  opensForm: boolean;
}

// ── Stage: the pieces of a page ─────────────────────────────────────────────────────────────────────────────────

/**
 * A title printed at the foot of the previous page belongs to this page's first untitled grid; the unit and label
 * lines printed over the grid on this page still speak for it, and its note is its own.
 */
export function carryTitle(own: GridContext, carried: GridContext | null, index: number): GridContext {
  if (index !== 0 || own.title || !carried) return own;
  return {
    ...carried,
    note: own.note,
    moneyUnit: carried.moneyUnit ?? own.moneyUnit,
    department: carried.department ?? own.department,
    unitName: carried.unitName ?? own.unitName,
    unitCode: carried.unitCode ?? own.unitCode,
    number: carried.number ?? own.number,
  };
}

/**
 * A grid cut where a project form opens inside it (the end of one form and the start of the next in one frame):
 * the title and note around the grid belong to its first part (the unit lines to all), the later parts start at
 * their own rows.
 */
export function splitAtForms(grid: PageGrid, m: Slot[][], context: GridContext, first: boolean): Piece[] {
  const breaks = formBreaks(m.map((r) => r.map((s) => s.text)));
  if (breaks.length === 0) return [{ grid, m, context, first }];
  const bounds = [0, ...breaks, m.length];
  return bounds.slice(0, -1).map((a, i) => {
    const b = bounds[i + 1]!;
    const top = grid.rowEdges[a] ?? grid.bbox[3];
    const bottom = grid.rowEdges[b] ?? grid.bbox[1];
    const part: PageGrid = { ...grid, bbox: [grid.bbox[0], bottom, grid.bbox[2], top] };
    return {
      grid: part,
      m: m.slice(a, b),
      context: i === 0 ? context : { ...context, title: null, lead: null, number: null, ordinal: null, note: null },
      first: i === 0 && first,
    };
  });
}

/** The pieces of a page, top to bottom; `carried` is the title context the previous page ended with. */
export function pagePieces(layout: PageLayout, carried: GridContext | null): Piece[] {
  return layout.grids.flatMap(({ grid, context }, gi) =>
    splitAtForms(grid, gridMatrix(grid), carryTitle(context, carried, gi), gi === 0),
  );
}

// ── Stage: reading a piece ──────────────────────────────────────────────────────────────────────────────────────

function endsAtPageBottom(grid: PageGrid, pageHeight: number, nextGridTop: number | null): boolean {
  if (nextGridTop !== null) return false;
  return grid.bbox[1] < pageHeight * 0.35;
}

/** `nextTop`: the top of the next piece on the page, null when this is the last. */
export function readPiece(piece: Piece, pageHeight: number, nextTop: number | null): PieceReading {
  const rows = piece.m.filter((r) => r.length > 0);
  const texts = rows.map((r) => r.map((s) => s.text));
  const sig = formSignals(texts);
  const inner = headingRows(texts);
  return {
    ...piece,
    rows,
    open: endsAtPageBottom(piece.grid, pageHeight, nextTop),
    sig,
    inner,
    opensForm: isForm(sig) || (sig.opens && !!inner.heading),
  };
}

// ── Stage: placing a piece ──────────────────────────────────────────────────────────────────────────────────────

/**
 * A form's part on a later page: the first grid there, untitled (or titled only by a line that is no form heading),
 * carrying form labels but no name block of its own. Text-only pages in between (a tall cell's overflow) and a grid
 * pushed up by such text do not end the form.
 */
export function continuesForm(
  prev: TableDraft | null,
  ctx: GridContext,
  grid: PageGrid,
  sig: FormSignals,
  heading: string | null,
  first: boolean,
): boolean {
  if (!prev?.form || !first || prev.note) return false;
  // A heading alone at the foot of a page: its form (name block first) is on the next.
  if (sig.opens) return !prev.named && prev.body.length === 0 && !heading;
  if (heading || (ctx.title && isFormTitle(ctx.title))) return false;
  return isFormPart(sig) || (!ctx.title && grid.colEdges.length - 1 === prev.cols);
}

/** Points a continuation's column edge may sit off the table's own. */
const EDGE_SLACK = EXTRACTION.continuationEdge.value;

/** A grid is a continuation when nothing titles it and it has the previous table's columns. */
export function continuesTable(
  prev: TableDraft | null,
  ctx: GridContext,
  grid: PageGrid,
  firstOnPage: boolean,
): boolean {
  if (!prev || !prev.open || !firstOnPage) return false;
  if (ctx.title) return false;
  if (grid.colEdges.length - 1 === prev.cols) return true;
  // The last rows of a ruled table, carried over with spanning labels (当年收入小计 | 上年结转资金 | 收入合计): fewer
  // columns, each edge one of the table's own.
  if (grid.method === 'lattice' && grid.colEdges.every((e) => prev.colEdges.some((p) => Math.abs(p - e) <= EDGE_SLACK)))
    return true;
  // Whitespace-detected columns may differ page to page; the table still spans the same width.
  const w = prev.colEdges[prev.colEdges.length - 1]! - prev.colEdges[0]!;
  return grid.method === 'stream' && Math.abs(grid.colEdges[0]! - prev.colEdges[0]!) < w * 0.1;
}

export type Placement = 'form-part' | 'continuation' | 'new';

/** Where a piece goes: onto the open form, onto the open table, or into a table of its own. */
export function placePiece(current: TableDraft | null, p: PieceReading): Placement {
  if (continuesForm(current, p.context, p.grid, p.sig, p.inner.heading, p.first)) return 'form-part';
  // A form opening here, or a form's next name block, starts a table of its own.
  if (!p.opensForm && !(current?.form && p.sig.opens) && continuesTable(current, p.context, p.grid, p.first))
    return 'continuation';
  return 'new';
}

function addRegion(draft: TableDraft, page: number, grid: PageGrid): void {
  draft.pages.push(page);
  draft.regions.push({ page, bbox: grid.bbox });
}

// ── Stage: a form's later part ──────────────────────────────────────────────────────────────────────────────────

/** Adds a form's part to the form (on the form's columns); a name block there names the form. */
export function appendFormPart(draft: TableDraft, p: PieceReading, page: number): void {
  const source = p.grid.colEdges.length - 1 === draft.cols ? p.rows : realign(p.rows, draft.colEdges);
  if (p.sig.opens) {
    draft.named = true;
    draft.title = formTitle(draft.heading, p.sig.name) || draft.title;
  }
  draft.body.push(...source);
  addRegion(draft, page, p.grid);
  draft.open = true;
}

// ── Stage: stitching a table across pages ───────────────────────────────────────────────────────────────────────

/** Re-places rows onto other column edges by where each cell's text sits (stream pages that split differently). */
export function realign(rows: Slot[][], edges: number[], byCellEdge = false): Slot[][] {
  const n = edges.length - 1;
  return rows.map((row) => {
    const out: Slot[] = Array.from({ length: n }, () => ({ ...blankSlot(row[0]!), text: '', bbox: null, repairs: [] }));
    for (const s of row) {
      if (!s.origin || !s.text) continue;
      const b = s.bbox ?? s.cellBox;
      const x = (b[0] + b[2]) / 2;
      // A ruled cell starts on one of the table's edges (a spanning label is centred over several columns).
      const left = byCellEdge ? edges.findIndex((e, i) => i < n && Math.abs(e - s.cellBox[0]) <= EDGE_SLACK) : -1;
      let k = left >= 0 ? left : edges.findIndex((e, i) => i < n && x >= e && x < edges[i + 1]!);
      if (k < 0) k = x < edges[0]! ? 0 : n - 1;
      const cur = out[k]!;
      out[k] = cur.text
        ? { ...cur, text: `${cur.text} ${s.text}`, confidence: Math.min(cur.confidence, s.confidence) - 0.1 }
        : { ...s, rowSpan: 1, colSpan: 1 };
    }
    return out;
  });
}

function blankSlot(like: Slot): Slot {
  return {
    text: '',
    bbox: null,
    repairs: [],
    confidence: 1,
    page: like.page,
    origin: true,
    rowSpan: 1,
    colSpan: 1,
    cellBox: like.cellBox,
  };
}

/**
 * Drops a continuation page's repeated header rows (and 栏次 rows) before its body rows. Detection may split the
 * repeated header differently from the first page's, so a leading non-data row whose every text is a header text
 * counts as repeated.
 */
export function continuationBody(m: Slot[][], header: string[][]): Slot[][] {
  const known = new Set(header.flat().map(compact).filter(Boolean));
  let k = 0;
  while (k < m.length) {
    const row = m[k]!;
    const texts = row.map((s) => compact(s.text)).filter(Boolean);
    const repeated = texts.length > 0 && !isDataRow(row) && texts.every((t) => known.has(t));
    if (repeated || isColumnNumberRow(row.map((s) => s.text))) k++;
    else break;
  }
  return m.slice(k);
}

/**
 * A continuation's rows on the table's columns. Where the columns differ, the better supported side wins: when the
 * continuation has more body rows than the table so far, what came before moves onto its columns (and its header
 * becomes the table's); otherwise its rows are re-placed onto the table's. Changes the draft in the first case.
 */
export function onDraftColumns(draft: TableDraft, m: Slot[][], grid: PageGrid): Slot[][] {
  if (grid.colEdges.length - 1 === draft.cols) return m;
  const incomingDepth = headerDepth(m);
  if (m.length - incomingDepth > draft.body.length) {
    draft.body = realign(draft.body, grid.colEdges);
    draft.header = headerRows(m, incomingDepth);
    draft.cols = grid.colEdges.length - 1;
    draft.colEdges = grid.colEdges;
    return m.slice(incomingDepth);
  }
  return realign(m, draft.colEdges, grid.method === 'lattice');
}

/**
 * Rejoins a row cut by a page break. The continuation's first row is the rest of the previous row when it carries
 * no code of its own and supplies something the previous row lacks: amounts in its empty amount columns, or (with a
 * code column) the rest of a name whose row already has its code.
 */
export function mergeCutRow(body: Slot[][], incoming: Slot[][], roles: ColumnRole[]): Slot[][] {
  const first = incoming[0];
  const last = body[body.length - 1];
  if (!first || !last) return incoming;
  const t = (row: Slot[], c: number) => (row[c] ? bodyText(row[c]!) : '');
  const codeCols = roles.flatMap((r, c) => (r === 'code' ? [c] : []));
  if (codeCols.some((c) => t(first, c) !== '')) return incoming;
  const cols = roles.map((_, c) => c);
  // The rest of labels only ("八、社会保障和就" | "业支出"; "当年收入" | "小计"), under labels of a row that has its
  // figures: text in no amount column, each piece under text of the row above, none opening a numbered line.
  const continuesLabels =
    cols.some((c) => t(first, c) !== '') &&
    cols.every((c) => t(first, c) === '' || (roles[c] !== 'amount' && t(last, c) !== '')) &&
    cols.some((c) => roles[c] === 'amount' && t(last, c) !== '') &&
    !cols.some((c) => /^(?:[一二三四五六七八九十]+、|\d+[.、]|[(（])/u.test(t(first, c)));
  const fillsGaps = cols.every((c) => t(first, c) === '' || t(last, c) === '' || roles[c] === 'name');
  if (!fillsGaps && !continuesLabels) return incoming;
  const suppliesAmounts = cols.some((c) => roles[c] === 'amount' && t(last, c) === '' && t(first, c) !== '');
  const lastHasCode = codeCols.some((c) => t(last, c) !== '');
  const lastMissesAmounts = cols.every((c) => roles[c] !== 'amount' || t(last, c) === '');
  const continuesName = codeCols.length > 0 && lastHasCode && lastMissesAmounts;
  if (!suppliesAmounts && !continuesName && !continuesLabels) return incoming;
  if (cols.some((c) => roles[c] === 'amount' && t(last, c) !== '' && t(first, c) !== '')) return incoming;
  const merged = last.map((s, c) => {
    const add = first[c]!;
    const a = t(last, c);
    const b = t(first, c);
    if (!b) return s;
    if (!a) return { ...add, origin: true };
    return {
      ...s,
      text: a + b,
      repairs: [...s.repairs, 'page-break-joined'],
      confidence: Math.max(0, Math.min(s.confidence, add.confidence) - 0.1),
    };
  });
  body[body.length - 1] = merged;
  return incoming.slice(1);
}

/** Adds a continuation to its table: on the table's columns, its repeated header dropped, a cut row rejoined. */
export function stitchContinuation(draft: TableDraft, p: PieceReading, page: number): void {
  const source = onDraftColumns(draft, p.rows, p.grid);
  const roles = columnRoles(draft.body, draft.cols, columnLabels(draft.header, draft.cols));
  const incoming = mergeCutRow(draft.body, continuationBody(source, draft.header), roles);
  draft.body.push(...incoming);
  addRegion(draft, page, p.grid);
  draft.open = p.open;
}

// ── Stage: a new table (its title, its header) ──────────────────────────────────────────────────────────────────

/**
 * A new table's title and the rows under it. A form is titled by its heading (above it or inside its frame) and its
 * project, never by a stray line; another table by the title above it, else by a first row spanning every column
 * (a title printed inside the grid), else by the line before it.
 */
export function draftTitle(p: PieceReading): { title: string; heading: string | null; form: boolean; rows: Slot[][] } {
  const { context, sig, inner } = p;
  let rows = p.rows;
  let title = context.title;
  const form = p.opensForm || classifyTitle(title ?? inner.heading ?? '') === 'performance';
  const firstRow = rows[0];
  let heading: string | null = null;
  if (form) {
    rows = rows.slice(inner.rows);
    heading = inner.heading ?? (title && classifyTitle(title) === 'performance' ? title : null);
    title = formTitle(heading, sig.name) || title || (context.lead && isFormTitle(context.lead) ? context.lead : '');
  } else if (firstRow && firstRow.every((s) => s.colSpan === firstRow.length) && rows.length > 1) {
    const t = firstRow[0]!.text;
    if (!title && t) {
      title = t;
      rows = rows.slice(1);
    }
  }
  return { title: title ?? context.lead ?? '', heading, form, rows };
}

/** A table's header rows and body rows; a form has no header (its labels are in its rows). */
export function splitHeader(rows: Slot[][], form: boolean): { header: string[][]; body: Slot[][] } {
  const depth = form ? 0 : headerDepth(rows);
  return { header: headerRows(rows, depth), body: rows.slice(depth) };
}

/** The draft of a table a piece starts; a note under the grid closes it at once. */
export function startDraft(id: string, p: PieceReading, page: number): TableDraft {
  const { context, grid } = p;
  const t = draftTitle(p);
  const { header, body } = splitHeader(t.rows, t.form);
  return {
    id,
    title: t.title,
    number: context.number ?? context.ordinal,
    moneyUnit: context.moneyUnit,
    unitName: context.unitName,
    unitCode: context.unitCode,
    department: context.department,
    method: grid.method,
    cols: grid.colEdges.length - 1,
    colEdges: grid.colEdges,
    header,
    body,
    pages: [page],
    regions: [{ page, bbox: grid.bbox }],
    confidence: grid.confidence,
    note: context.note,
    open: context.note ? false : p.open,
    form: t.form,
    heading: t.heading,
    named: p.sig.opens,
  };
}

// ── The fold ────────────────────────────────────────────────────────────────────────────────────────────────────

export function assembleTables(layouts: PageLayout[], onTable?: (t: Table) => void): Table[] {
  const assembler = createAssembler(onTable);
  for (const layout of layouts) assembler.push(layout);
  return assembler.end();
}

/**
 * The assembly as a fold over pages in order, so a caller reading a long document can hand pages in as they arrive
 * and a table is reported (onTable) as soon as the page after it shows it has ended.
 */
export function createAssembler(onTable?: (t: Table) => void): { push(layout: PageLayout): void; end(): Table[] } {
  const tables: Table[] = [];
  const state: { current: TableDraft | null; seq: number; trailing: GridContext | null } = {
    current: null,
    seq: 0,
    trailing: null,
  };
  const finish = () => {
    if (!state.current) return;
    const t = finishTable(state.current);
    tables.push(t);
    onTable?.(t);
    state.current = null;
  };
  const push = (layout: PageLayout): void => {
    const { page } = layout;
    const carried = state.trailing;
    // A note at the top of the page ("注：本表无数据") is the open table's, and closes it.
    if (state.current && layout.leadingNote) {
      state.current.note ??= layout.leadingNote;
      state.current.open = false;
    }
    state.trailing = layout.trailing;
    // A page of text between tables closes the open one (a form's tall cells overflow onto such pages).
    if (layout.grids.length === 0 && page.runs.length > 0 && state.current && !state.current.form) finish();
    const pieces = pagePieces(layout, carried);
    pieces.forEach((piece, gi) => {
      const p = readPiece(piece, page.height, pieces[gi + 1]?.grid.bbox[3] ?? null);
      const current = state.current;
      const placement = placePiece(current, p);
      if (current && placement === 'form-part') appendFormPart(current, p, page.page);
      else if (current && placement === 'continuation') stitchContinuation(current, p, page.page);
      else {
        finish();
        state.current = startDraft(`t${++state.seq}`, p, page.page);
      }
    });
  };
  return {
    push,
    end: () => {
      finish();
      return tables;
    },
  };
}

// ── Stage: finishing a table ────────────────────────────────────────────────────────────────────────────────────

/** A table's type: a form by its labels, else by its title (a sentence standing for a title names no type). */
export function draftType(b: TableDraft): TableType {
  // A table named only by the sentence before it ("…占“三公”经费的26.69%；…") is of no type the sentence mentions.
  const sentence = b.title !== '' && /[。；;，,%]/u.test(b.title);
  return b.form ? 'performance' : sentence ? 'other' : classifyTitle(b.title);
}

/**
 * A draft's data rows: blank rows and 栏次 rows dropped. A table declared empty (its note), or printing only template
 * rows (labels merged across the whole width; in a financial table, rows with no cell of their own in a figure
 * column), holds no data when no figure is printed: those rows join the header. The rows of forms and of other
 * tables are their content, figures or not.
 */
export function dataBody(draft: TableDraft): { header: string[][]; body: Slot[][]; declaredEmpty: boolean } {
  const body = draft.body.filter((r) => !isBlankRow(r) && !isColumnNumberRow(r.map(bodyText)));
  const declaredEmpty = /无数据|无此|为空|没有/u.test(draft.note ?? '');
  const noFigures = body.every((r) => r.every((s) => !isDataAmount(bodyText(s))));
  const captionsOnly =
    body.length > 0 &&
    body.every((r) => r.filter((s) => bodyText(s)).length === 1 && r.every((s) => s.colSpan === draft.cols));
  const type = draftType(draft);
  const financial = type !== 'other' && type !== 'performance';
  const templateOnly =
    financial && noFigureSlots(body, columnRoles(body, draft.cols, columnLabels(draft.header, draft.cols)));
  if ((declaredEmpty || captionsOnly || templateOnly) && noFigures)
    return { header: [...draft.header, ...body.map((r) => r.map((s) => s.text))], body: [], declaredEmpty };
  return { header: draft.header, body, declaredEmpty };
}

/**
 * Rows that leave no cell of their own where a figure would be printed: every amount column's position is covered by
 * another cell (a label merged across the figure columns, or a header cell reaching down over the row). A spreadsheet
 * prints an empty table's template rows that way (科目 | 名称 merged over 合计 | 基本支出 | 项目支出; a 合计 row under
 * header cells spanning two rows). A row with an empty cell of its own in an amount column could carry a figure and
 * does not count.
 */
export function noFigureSlots(body: Slot[][], roles: ColumnRole[]): boolean {
  const amountCols = roles.flatMap((r, c) => (r === 'amount' ? [c] : []));
  if (body.length === 0 || amountCols.length === 0) return false;
  return body.every((r) => amountCols.every((c) => r[c] !== undefined && !r[c]!.origin));
}

/** The finished draft as a Table. */
export function finishTable(b: TableDraft): Table {
  const { header, body, declaredEmpty } = dataBody(b);
  const labels = columnLabels(b.header, b.cols);
  const { roles, parts } = columnReading(body, b.cols, labels);
  const rows: Row[] = body.map((r) => buildRow(r, roles, b.method === 'lattice' ? 1 : b.confidence));
  inheritCodeParts(rows, roles);
  const type = draftType(b);
  const empty = rows.every((r) => r.cells.every((c) => c.value === null)) && declaredEmpty;
  // Forms print the unit in a label cell ("项目资金(万元)") rather than above the table.
  const unit =
    b.moneyUnit ??
    moneyUnitFromHeader(b.header) ??
    moneyUnitFromHeader(body.slice(0, 8).map((r) => r.map((s) => s.text)));
  return {
    id: b.id,
    title: b.title,
    type,
    number: b.number,
    moneyUnit: unit,
    unitName: b.unitName,
    unitCode: b.unitCode,
    ...(b.department ? { department: b.department } : {}),
    pages: b.pages,
    header,
    columns: recordKinds(
      labels.map((label, i) => ({ key: `c${i}`, label, role: roles[i], ...(parts[i] ? { codePart: parts[i]! } : {}) })),
      rows,
    ),
    rows,
    empty: empty || undefined,
    emptyNote: b.note,
    method: b.method,
    regions: b.regions,
  };
}

function moneyUnitFromHeader(header: string[][]): MoneyUnit | null {
  const all = compact(header.flat().join(''));
  if (/万元/u.test(all)) return '万元';
  if (/\(元\)|元\)/u.test(all)) return '元';
  return null;
}

import { EXTRACTION } from './settings';
import type { BBox, ColumnRole, MoneyUnit, Row, Table } from '../../shared/model';
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
import { buildRow, columnRoles, inheritCodeParts, isBlankRow } from './rows';

const compact = (s: string) => s.replace(/\s+/gu, '');

interface Building {
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

/**
 * A form's part on a later page: the first grid there, untitled (or titled only by a line that is no form heading),
 * carrying form labels but no name block of its own. Text-only pages in between (a tall cell's overflow) and a grid
 * pushed up by such text do not end the form.
 */
function continuesForm(
  prev: Building | null,
  ctx: GridContext,
  grid: PageGrid,
  sig: FormSignals,
  heading: string | null,
  first: boolean,
) {
  if (!prev?.form || !first || prev.note) return false;
  // A heading alone at the foot of a page: its form (name block first) is on the next.
  if (sig.opens) return !prev.named && prev.body.length === 0 && !heading;
  if (heading || (ctx.title && isFormTitle(ctx.title))) return false;
  return isFormPart(sig) || (!ctx.title && grid.colEdges.length - 1 === prev.cols);
}

interface Piece {
  grid: PageGrid;
  m: Slot[][];
  context: GridContext;
  first: boolean;
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

/** Points a continuation's column edge may sit off the table's own. */
const EDGE_SLACK = EXTRACTION.continuationEdge.value;

/** A grid is a continuation when nothing titles it and it has the previous table's columns. */
function continues(prev: Building | null, ctx: GridContext, grid: PageGrid, firstOnPage: boolean): boolean {
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

function endsAtPageBottom(grid: PageGrid, pageHeight: number, nextGridTop: number | null): boolean {
  if (nextGridTop !== null) return false;
  return grid.bbox[1] < pageHeight * 0.35;
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
  let current: Building | null = null;
  let seq = 0;
  const finish = () => {
    if (!current) return;
    const t = finalize(current);
    tables.push(t);
    onTable?.(t);
    current = null;
  };
  let trailing: GridContext | null = null;
  const push = (layout: PageLayout): void => {
    const { page } = layout;
    const carried = trailing;
    if (current && layout.leadingNote) {
      (current as Building).note ??= layout.leadingNote;
      (current as Building).open = false;
    }
    trailing = layout.trailing;
    if (layout.grids.length === 0 && page.runs.length > 0 && current && !(current as Building).form) {
      // A page of text between tables closes the open one (a form's tall cells overflow onto such pages).
      finish();
    }
    const pieces = layout.grids.flatMap(({ grid, context: own }, gi) => {
      // A title printed at the foot of the previous page belongs to this page's first untitled grid.
      // The unit and label lines printed over the grid on this page still speak for it.
      const context =
        gi === 0 && !own.title && carried
          ? {
              ...carried,
              note: own.note,
              moneyUnit: carried.moneyUnit ?? own.moneyUnit,
              department: carried.department ?? own.department,
              unitName: carried.unitName ?? own.unitName,
              unitCode: carried.unitCode ?? own.unitCode,
              number: carried.number ?? own.number,
            }
          : own;
      return splitAtForms(grid, gridMatrix(grid), context, gi === 0);
    });
    pieces.forEach(({ grid, m: all, context, first }, gi) => {
      const m = all.filter((r) => r.length > 0);
      const nextTop = pieces[gi + 1]?.grid.bbox[3] ?? null;
      const open = endsAtPageBottom(grid, page.height, nextTop);
      const texts = m.map((r) => r.map((s) => s.text));
      const sig = formSignals(texts);
      const inner = headingRows(texts);
      if (current && continuesForm(current, context, grid, sig, inner.heading, first)) {
        const source = grid.colEdges.length - 1 === current.cols ? m : realign(m, current.colEdges);
        if (sig.opens) {
          current.named = true;
          current.title = formTitle(current.heading, sig.name) || current.title;
        }
        current.body.push(...source);
        current.pages.push(page.page);
        current.regions.push({ page: page.page, bbox: grid.bbox });
        current.open = true;
        return;
      }
      const opensForm = isForm(sig) || (sig.opens && !!inner.heading);
      if (current && !opensForm && !(current.form && sig.opens) && continues(current, context, grid, first)) {
        let source = m;
        if (grid.colEdges.length - 1 !== current.cols) {
          const incomingDepth = headerDepth(m);
          if (m.length - incomingDepth > current.body.length) {
            // The continuation's columns are better supported: move what came before onto them.
            current.body = realign(current.body, grid.colEdges);
            current.header = headerRows(m, incomingDepth);
            current.cols = grid.colEdges.length - 1;
            current.colEdges = grid.colEdges;
            source = m.slice(incomingDepth);
          } else source = realign(m, current.colEdges, grid.method === 'lattice');
        }
        const roles = columnRoles(current.body, current.cols, columnLabels(current.header, current.cols));
        let incoming = continuationBody(source, current.header);
        incoming = mergeCutRow(current.body, incoming, roles);
        current.body.push(...incoming);
        current.pages.push(page.page);
        current.regions.push({ page: page.page, bbox: grid.bbox });
        current.open = open;
        return;
      }
      finish();
      let rows = m;
      let title = context.title;
      const form = opensForm || classifyTitle(title ?? inner.heading ?? '') === 'performance';
      const firstRow = rows[0];
      let heading: string | null = null;
      if (form) {
        // A form is titled by its heading (above it or inside its frame) and its project, never by a stray line.
        rows = rows.slice(inner.rows);
        heading = inner.heading ?? (title && classifyTitle(title) === 'performance' ? title : null);
        title =
          formTitle(heading, sig.name) || title || (context.lead && isFormTitle(context.lead) ? context.lead : '');
      } else if (firstRow && firstRow.every((s) => s.colSpan === firstRow.length) && rows.length > 1) {
        // A title printed inside the grid, as a first row spanning every column.
        const t = firstRow[0]!.text;
        if (!title && t) {
          title = t;
          rows = rows.slice(1);
        }
      }
      const titleText = title ?? context.lead ?? '';
      const depth = form ? 0 : headerDepth(rows);
      const cols = grid.colEdges.length - 1;
      current = {
        id: `t${++seq}`,
        title: titleText,
        number: context.number ?? context.ordinal,
        moneyUnit: context.moneyUnit,
        unitName: context.unitName,
        unitCode: context.unitCode,
        department: context.department,
        method: grid.method,
        cols,
        colEdges: grid.colEdges,
        header: headerRows(rows, depth),
        body: rows.slice(depth),
        pages: [page.page],
        regions: [{ page: page.page, bbox: grid.bbox }],
        confidence: grid.confidence,
        note: context.note,
        open,
        form,
        heading,
        named: sig.opens,
      };
      if (context.note) current.open = false;
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

function finalize(b: Building): Table {
  let body = b.body.filter((r) => !isBlankRow(r) && !isColumnNumberRow(r.map(bodyText)));
  let header = b.header;
  const declaredEmpty = /无数据|无此|为空|没有/u.test(b.note ?? '');
  // A table printed with its row labels but declared empty holds no data: those labels are template, not rows.
  const noFigures = body.every((r) => r.every((s) => !isDataAmount(bodyText(s))));
  // Rows that are each one label merged across the whole width (a spreadsheet's template rows, printed without a
  // figure) are no data rows either.
  const captionsOnly =
    body.length > 0 &&
    body.every((r) => r.filter((s) => bodyText(s)).length === 1 && r.every((s) => s.colSpan === b.cols));
  if ((declaredEmpty || captionsOnly) && noFigures) {
    header = [...header, ...body.map((r) => r.map((s) => s.text))];
    body = [];
  }
  const labels = columnLabels(b.header, b.cols);
  const roles = columnRoles(body, b.cols, labels);
  const rows: Row[] = body.map((r) => buildRow(r, roles, b.method === 'lattice' ? 1 : b.confidence));
  inheritCodeParts(rows, roles);
  // A table named only by the sentence before it ("…占“三公”经费的26.69%；…") is of no type the sentence mentions.
  const sentence = b.title !== '' && /[。；;，,%]/u.test(b.title);
  const type = b.form ? 'performance' : sentence ? 'other' : classifyTitle(b.title);
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
    columns: labels.map((label, i) => ({ key: `c${i}`, label, role: roles[i] })),
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

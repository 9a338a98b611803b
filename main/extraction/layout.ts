import type { BBox, MoneyUnit } from '../../shared/model';
import type { PageContent, TextRun } from '../pdf/types';
import { groupLines, type TextLine } from './celltext';
import { headingOrdinal, isFurniture, isTitleLike, moneyUnitOf, tableNumber } from './classify';
import type { PageGrid } from './grid';
import { detectLatticeTables, runCenterIn } from './lattice';
import { looksTabular } from '../pdf/read';
import { hasFigureRows } from './figure-rows';
import { isUnderRuled } from './under-ruled';
import { labelLine, type LabelLine } from './labels';

export type StreamDetector = (page: PageContent, opts?: { region?: BBox; exclude?: BBox[] }) => PageGrid[];

/** What the text around a grid says about it. */
export interface GridContext {
  title: string | null;
  /** Nearest non-furniture line above when no title-like line was found (e.g. "…见下表："). */
  lead: string | null;
  number: string | null;
  ordinal: string | null;
  moneyUnit: MoneyUnit | null;
  unitName: string | null;
  unitCode: string | null;
  department: string | null;
  /** "注：本表无数据" and similar, printed right below the grid. */
  note: string | null;
}

export interface PageLayout {
  page: PageContent;
  grids: Array<{ grid: PageGrid; context: GridContext }>;
  /** A note ("注：本表无数据") at the top of the page, before anything else: it closes the previous page's table. */
  leadingNote: string | null;
  /** Title context printed after the page's last grid (the table itself starts on the next page). */
  trailing: GridContext | null;
  /** Lines outside every grid, top to bottom, with a flag telling whether they were used as table context. */
  lines: Array<TextLine & { used: boolean }>;
}

/** "202 开发区群众工作局 预算年度:2024 单位:万元", "单位编码:216001": a sub-unit's code (and name) over its tables. */
const CODE_NAME_LINE = /^(\d{3,6})(?![\d年])([\u4e00-\u9fff][^:]*?)(?:(?:预算|决算)?年度[:]?\d{4}.*|单位[:].*)?$/u;
const CODE_LABEL = /^(?:单位|部门)(?:编码|代码)[:](\d{3,12})$/u;

export function layoutPage(page: PageContent, stream: StreamDetector | null): PageLayout {
  let grids = detectLatticeTables(page);
  // Ruled frames whose rows are not ruled apart are left to the whitespace reading.
  const underRuled = stream ? grids.filter(isUnderRuled) : [];
  grids = grids.filter((g) => !underRuled.includes(g));
  // Borderless tables: pages with amounts, or with horizontal rules (a table printed empty has no amounts).
  const rules = page.segments.filter((s) => s.y0 === s.y1 && s.x1 - s.x0 > page.width * 0.3).length;
  if (stream && page.runs.length > 0) {
    if (grids.length === 0) {
      if (underRuled.length || rules >= 2 || looksTabular(page.runs) || hasFigureRows(page.runs)) grids = stream(page);
    } else {
      // A borderless table beside ruled ones: only where amounts remain outside the ruled grids.
      const rest = page.runs.filter((r) => !grids.some((g) => runCenterIn(r, g.bbox, 1)));
      if (underRuled.length || looksTabular(rest) || hasFigureRows(rest)) {
        const exclude = grids.map((g) => g.bbox);
        const extra = stream(page, { exclude }).filter((g) => !exclude.some((b) => overlaps(b, g.bbox)));
        grids = [...grids, ...extra];
      }
    }
  }
  grids = grids.sort((a, b) => b.bbox[3] - a.bbox[3]);
  const outside: TextRun[] = page.runs.filter((r) => !grids.some((g) => runCenterIn(r, g.bbox, 1)));
  const lines = groupLines(outside)
    .sort((a, b) => b.bbox[3] - a.bbox[3])
    .map((l) => ({ ...l, used: false }));
  const result: PageLayout['grids'] = [];
  for (let gi = 0; gi < grids.length; gi++) {
    const grid = grids[gi]!;
    const ceiling = gi > 0 ? grids[gi - 1]!.bbox[1] : Infinity;
    const above = lines.filter((l) => l.bbox[1] >= grid.bbox[3] - 1 && l.bbox[3] <= ceiling + 1);
    const ctx = contextAbove(above);
    const below = lines.find((l) => l.bbox[3] <= grid.bbox[1] + 1 && l.bbox[3] >= grid.bbox[1] - 4 * l.fontSize);
    if (below && /^注[:：]/u.test(below.text.replace(/\s+/gu, ''))) {
      ctx.note = below.text;
      below.used = true;
    }
    result.push({ grid, context: ctx });
  }
  const lastBottom = grids.length ? grids[grids.length - 1]!.bbox[1] : Infinity;
  const tail = lines.filter((l) => l.bbox[3] <= lastBottom + 1 && !l.used);
  const trailing = contextAbove(tail);
  const top = lines.find((l) => !isFurniture(l.text));
  const firstTop = grids[0]?.bbox[3] ?? -Infinity;
  let leadingNote: string | null = null;
  if (top && top.bbox[1] >= firstTop && /^注[:：]/u.test(top.text.replace(/\s+/gu, ''))) {
    leadingNote = top.text;
    top.used = true;
  }
  return { page, grids: result, lines, trailing: trailing.title ? trailing : null, leadingNote };
}

/** Walks upwards from a grid: unit/number/label lines until the title (marks the lines it used). */
export function contextAbove(above: Array<TextLine & { used: boolean }>): GridContext {
  const ctx: GridContext = {
    title: null,
    lead: null,
    number: null,
    ordinal: null,
    moneyUnit: null,
    unitName: null,
    unitCode: null,
    department: null,
    note: null,
  };
  // Walk upwards from the grid: unit/number/label lines until the title.
  for (let i = above.length - 1; i >= 0; i--) {
    const l = above[i]!;
    const t = l.text;
    ctx.moneyUnit ??= moneyUnitOf(t);
    const num = tableNumber(t);
    if (num) {
      ctx.number ??= num;
      l.used = true;
    }
    const compactLine = t.replace(/\s+/gu, '');
    const codeLabel = CODE_LABEL.exec(compactLine);
    const codeName = CODE_NAME_LINE.exec(compactLine);
    if (codeLabel || (codeName && !isTitleLike(t))) {
      ctx.unitCode ??= (codeLabel ?? codeName)![1]!;
      if (codeName?.[2]) ctx.unitName ??= codeName[2];
      l.used = true;
      continue;
    }
    // A label line whose value wrapped, its tail printed on a line of its own under it (with a unit line beside).
    const label = labelLine(t);
    const wrapped = label ? null : wrappedLabel(above, i);
    if (wrapped) {
      for (let j = wrapped.from; j <= i; j++) above[j]!.used = true;
      ctx.department ??= wrapped.label.department;
      ctx.unitName ??= wrapped.label.unitName;
      ctx.moneyUnit ??= wrapped.label.moneyUnit;
      i = wrapped.from;
      continue;
    }
    if (label) {
      ctx.department ??= label.department;
      ctx.unitName ??= label.unitName;
      ctx.moneyUnit ??= label.moneyUnit;
      l.used = true;
      continue;
    }
    if (isFurniture(t)) {
      l.used = true;
      continue;
    }
    if (isTitleLike(t)) {
      ctx.title = t;
      l.used = true;
      const prev = above[i - 1];
      if (prev) {
        ctx.ordinal = headingOrdinal(prev.text);
        ctx.number ??= tableNumber(prev.text);
      }
      // A running page header over the title ("单位:万元 预算年度:2025", "216001 某某局") still gives the table its
      // unit and sub-unit: the furniture and unit-code lines right above it.
      for (let j = i - 1; j >= 0; j--) {
        const up = above[j]!;
        const upText = up.text.replace(/\s+/gu, '');
        const code = CODE_LABEL.exec(upText) ?? (isTitleLike(up.text) ? null : CODE_NAME_LINE.exec(upText));
        if (code) {
          ctx.unitCode ??= code[1]!;
          if (code[2]) ctx.unitName ??= code[2];
          ctx.moneyUnit ??= moneyUnitOf(up.text);
          up.used = true;
        } else if (isFurniture(up.text)) {
          const unit = moneyUnitOf(up.text);
          if (unit && !ctx.moneyUnit) {
            ctx.moneyUnit = unit;
            up.used = true;
          }
        } else if (j < i - 1 || !(headingOrdinal(up.text) || tableNumber(up.text))) break;
      }
      break;
    }
    if (!num) {
      // A sentence introducing the table ("…情况见下表:"): the whole paragraph, wrapped lines joined.
      let text = t;
      for (let j = i - 1, below = l; j >= 0; j--) {
        const up = above[j]!;
        const gap = up.bbox[1] - below.bbox[3];
        if (gap > below.fontSize * 0.8 || Math.abs(up.fontSize - below.fontSize) > 0.5) break;
        text = up.text + text;
        below = up;
      }
      ctx.lead = text;
      break;
    }
  }
  return ctx;
}

/** The label line a short line (or two) under it continues: the lines from that label line down, read as one. */
function wrappedLabel(
  above: Array<TextLine & { used: boolean }>,
  i: number,
): { from: number; label: LabelLine } | null {
  const l = above[i]!;
  for (let j = i - 1, below = l; j >= 0 && j >= i - 3; j--) {
    const up = above[j]!;
    if (up.bbox[1] - below.bbox[3] > l.fontSize || Math.abs(up.fontSize - l.fontSize) > 0.5) return null;
    const own = labelLine(up.text);
    // A unit line beside the wrap ("单位：万元") names nobody: the name's label is further up.
    if (own && !own.department && !own.unitName && j > 0 && j > i - 3) {
      below = up;
      continue;
    }
    if (own) {
      const label = labelLine(
        above
          .slice(j, i + 1)
          .map((x) => x.text)
          .join(''),
      );
      return label ? { from: j, label } : null;
    }
    below = up;
  }
  return null;
}

function overlaps(a: BBox, b: BBox): boolean {
  return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
}

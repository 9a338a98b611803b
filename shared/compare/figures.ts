import type { CellRef, ExtractedDocument, TableType } from '../model/document';
import { tpKey } from '../validation/rules-table';
import { norm, stripOrdinal } from '../validation/text';
import { viewOf, type ColView, type TableView } from '../validation/view';

/**
 * Every amount of a document as a comparable figure: which table type, which line (classification code, or the
 * line's name), which measure (the column with its year and 预算/决算 words taken off), and what the column is
 * about — this year's figure, last year's ("上年预算数", "2017年预算数"), or in a 决算 the year's budget ("年初预算数").
 */
export type Basis = 'current' | 'prior' | 'budget';

export interface Figure {
  tableType: TableType;
  tableTitle: string;
  /** Code of the line, else `name:<normalised name>`; `side:` prefixed for the 收入 / 支出 halves of 总表. */
  line: string;
  lineName: string;
  measure: string;
  /** Header path as printed. */
  column: string;
  basis: Basis;
  /** Cents of 万元 (元 tables converted and rounded). */
  cents: number;
  /** Whether the table printed 元 (its figures converted to 万元 compare to ±1 cent). */
  fromYuan: boolean;
  ref: CellRef;
  page: number | null;
}

const YEAR = /(?:19|20)\d{2}年度?/gu;
const BASIS_WORDS = /年初|全年|调整后?|本年度?|上年度?|当年|预算数?|决算数?|执行数|金额|数额|小计|\d{4}年度?/gu;
/** Header words that name the table or group rather than the column's own measure. */
const GENERIC_SEG =
  /^(?:项目|科目|合计|财政拨款“?三公”?经费|“?三公”?经费|(?:一般公共预算|政府性基金预算|国有资本经营预算|财政拨款)(?:财政拨款)?(?:基本)?支出|支出预算|收入预算|本年支出|本年收入)$/u;

function basisOf(col: ColView, docYear: number | null, docKind: 'budget' | 'final' | null): Basis {
  const label = norm(col.label);
  if (/上年/u.test(label)) return 'prior';
  const years = [...label.matchAll(YEAR)].map((m) => Number(m[0].slice(0, 4)));
  if (docYear !== null && years.length > 0 && years.every((y) => y === docYear - 1)) return 'prior';
  if (docKind === 'final' && /预算/u.test(label) && !/决算/u.test(label)) return 'budget';
  return 'current';
}

/** The column's measure with the year and basis words taken off: "年初预算数 / 基本支出" and "基本支出" agree. */
export function measureKey(col: ColView, type: TableType): string {
  if (type === 'three_public') {
    for (let i = col.segs.length - 1; i >= 0; i--) {
      const k = tpKey(col.segs[i]!.replace(BASIS_WORDS, ''));
      if (k) return `tp:${k}`;
    }
    // "预算数 / 决算数" under a 合计 spanning header, or a lone 合计.
    return 'tp:total';
  }
  if (col.total) return 'total';
  const own = col.segs.map((s) => s.replace(BASIS_WORDS, '')).filter((s) => s !== '' && !GENERIC_SEG.test(s));
  if (own.length === 0) return 'total';
  return col.measure && col.measure !== 'total' ? col.measure : own[own.length - 1]!;
}

function lineOf(v: TableView, group: number, code: string | null, label: string, total: boolean): string {
  const g = v.groups[group]!;
  const side = g.kind === 'side' ? `${g.side ?? 'side'}:` : '';
  if (code) return `${side}${code}`;
  if (total) return `${side}total:${label.replace(/^(?:本年)?/u, '')}`;
  return `${side}name:${label}`;
}

const cache = new WeakMap<ExtractedDocument, Figure[]>();

export function figuresOf(doc: ExtractedDocument): Figure[] {
  let out = cache.get(doc);
  if (out) return out;
  out = [];
  for (const t of doc.tables) {
    if (t.empty) continue;
    const v = viewOf(t);
    v.groups.forEach((g, gi) => {
      for (const e of g.entries) {
        const label = stripOrdinal(e.label || e.name);
        for (let slot = 0; slot < e.amounts.length; slot++) {
          const raw = e.amounts[slot];
          const colIndex = e.cols[slot];
          const col = g.amountCols[slot];
          if (raw === null || raw === undefined || colIndex === undefined || !col) continue;
          out!.push({
            tableType: t.type,
            tableTitle: t.title,
            line: lineOf(v, gi, e.code, label, e.total === 'grand'),
            lineName: e.name,
            measure: measureKey(col, t.type),
            column: col.label,
            basis: basisOf(col, doc.meta.year, doc.meta.kind),
            cents: Math.round(raw / v.scale),
            fromYuan: v.scale !== 1,
            ref: { table: t.id, row: e.row, col: colIndex },
            page: t.rows[e.row]?.cells[colIndex]?.page ?? null,
          });
        }
      }
    });
  }
  cache.set(doc, out);
  return out;
}

/** Figures keyed by table type, line and measure (several when a document prints a table twice). */
export function figureIndex(figs: readonly Figure[], basis: Basis): Map<string, Figure[]> {
  const m = new Map<string, Figure[]>();
  for (const f of figs) {
    if (f.basis !== basis) continue;
    const k = `${f.tableType}|${f.line}|${f.measure}`;
    const list = m.get(k);
    if (list) list.push(f);
    else m.set(k, [f]);
  }
  return m;
}

export function figureKey(f: Figure): string {
  return `${f.tableType}|${f.line}|${f.measure}`;
}

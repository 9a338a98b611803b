/**
 * Project forms (绩效目标表, 绩效自评表, 项目支出绩效目标申报表 …): one block of label/value cells per project rather than
 * a table of rows. They are recognised by their labels, whatever their title (a form's heading is often lost, or
 * printed inside the frame, or a stray wrapped line of a tall cell sits above a page's part of it), and a form cut by
 * page breaks is one table up to the next form's name block.
 */

const compact = (s: string) => s.normalize('NFKC').replace(/\s+/gu, '');

/** The cell that opens a form: 项目名称 / 专项名称 (its value is the project). */
const NAME_LABEL = /^(?:项目|专项)名称[:]?$/u;
/** Column headings of a financial table (a row holding one is a header row, not a form's name block). */
const COLUMN_LABEL = /^(?:金额|预算数|决算数|合计|小计|功能科目名称|功能分类|支出用途|本年预算|年初预算数)$/u;
/** Labels of the indicator block. */
const INDICATOR_LABEL =
  /^(?:绩效指标|一级指标|二级指标|三级指标|年度指标值|指标值|目标值|实际完成值|指标分值|自评得分)$/u;
/** Labels of the other blocks (funds, targets, grading). */
const BLOCK_LABEL =
  /^(?:项目资金\((?:万元|元)\)|年度资金总额[:]?|实施期资金总额[:]?|年度总体目标|年度目标|产出指标|效益指标|满意度指标|成本指标|数量指标|质量指标|时效指标|评价等级|总分值.*|问题与建议.*|主管部门(?:及代码)?|实施单位|项目概况|主要成效|项目属性|项目期|(?:项目)?负责人[:]?|经办人[:]?|联系电话[:]?|填报日期[:]?|填报人[:]?)$/u;

/** A form's heading: …绩效自评表, …绩效目标表, …绩效目标申报表, …申报表. */
export function isFormTitle(text: string): boolean {
  const t = compact(text);
  return t.length <= 80 && /(?:绩效(?:目标|自评|评价)(?:申报)?表|申报表)(?:\([^)]*\))?$/u.test(t);
}

/** "(2022年度)", "（2023 年度）": the year line under a form's heading. */
export function isYearQualifier(text: string): boolean {
  return /^\(?(?:20\d{2})年度?\)?$/u.test(compact(text));
}

export interface FormSignals {
  /** A 项目名称 / 专项名称 label among the first rows: the grid opens a new form. */
  opens: boolean;
  /** The project named by that label. */
  name: string | null;
  /** Distinct form labels anywhere in the rows. */
  labels: number;
  /** Indicator-block labels among them. */
  indicators: number;
}

/** What a grid's cells say about it being (part of) a project form. `rows` are cell texts, spans repeated or not. */
export function formSignals(rows: string[][]): FormSignals {
  const seen = new Set<string>();
  let indicators = 0;
  let opens = false;
  let name: string | null = null;
  rows.forEach((row, r) => {
    const texts = row.map(compact);
    texts.forEach((t, c) => {
      if (!t || seen.has(t)) return;
      if (NAME_LABEL.test(t)) {
        seen.add(t);
        if (r < 4) {
          opens = true;
          name ??= texts.slice(c + 1).find((x) => x !== '' && !NAME_LABEL.test(x)) ?? null;
        }
      } else if (INDICATOR_LABEL.test(t)) {
        seen.add(t);
        indicators++;
      } else if (BLOCK_LABEL.test(t)) seen.add(t);
    });
  });
  return { opens, name, labels: seen.size, indicators };
}

/** A project form: its name block among other form labels, or indicator and block labels enough on their own. */
export function isForm(s: FormSignals): boolean {
  return (s.opens && s.labels >= 3) || (s.indicators >= 2 && s.labels >= 4);
}

/** Part of a form without its name block: fund, target, indicator or grading rows. */
export function isFormPart(s: FormSignals): boolean {
  return !s.opens && s.labels >= 1;
}

/**
 * The heading printed inside a form's frame: leading rows holding one text only, the heading (title-like) and the
 * year qualifier under it. Returns the heading and how many rows the title block takes.
 */
export function headingRows(rows: string[][]): { heading: string | null; rows: number } {
  let heading: string | null = null;
  let k = 0;
  for (; k < Math.min(rows.length, 3); k++) {
    const texts = [...new Set(rows[k]!.map((s) => s.trim()).filter(Boolean))];
    if (texts.length !== 1) break;
    const t = texts[0]!;
    if (!heading && isFormTitle(t)) heading = t;
    else if (!isYearQualifier(t)) break;
  }
  return heading ? { heading, rows: k } : { heading: null, rows: 0 };
}

/** The title a form is listed under: its heading, with the project when the heading does not name it. */
export function formTitle(heading: string | null, name: string | null): string {
  const h = heading?.trim() ?? '';
  const n = name?.trim() ?? '';
  if (!n) return h;
  if (!h) return n;
  return compact(h).includes(compact(n)) ? h : `${h}(${n})`;
}

function singleText(row: string[]): string | null {
  const texts = [...new Set(row.map((s) => s.trim()).filter(Boolean))];
  return texts.length === 1 ? texts[0]! : null;
}

/**
 * Rows (after the first) where a new form opens inside one grid — the end of one form and the start of the next
 * printed in one frame: the start of a title block (heading, year line) or a name label not under one.
 */
export function formBreaks(rows: string[][]): number[] {
  const out: number[] = [];
  let inTitle = false;
  rows.forEach((row, r) => {
    const one = singleText(row);
    const heading = one !== null && isFormTitle(one);
    const year = one !== null && isYearQualifier(one);
    // A form's name block is "项目名称 | <the project>"; a column header row (项目名称 | 金额 | …) is not one.
    const named = row.some((s) => NAME_LABEL.test(compact(s))) && !row.some((s) => COLUMN_LABEL.test(compact(s)));
    if (r > 0 && (heading || (named && !inTitle))) out.push(r);
    inTitle = heading || (inTitle && year);
  });
  return out;
}

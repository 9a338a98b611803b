import type { MoneyUnit, TableType } from '../../shared/model';
import { labelLine } from './labels';

const compact = (s: string) => s.normalize('NFKC').replace(/\s+/gu, '');

/** Ordered: the first pattern that matches the title wins (specific before general). */
const RULES: Array<[RegExp, TableType]> = [
  [/绩效/u, 'performance'],
  [/三公/u, 'three_public'],
  [/机关运行/u, 'op_cost'],
  [/政府采购/u, 'procurement'],
  [/资产/u, 'assets'],
  [/项目支出(?:预算|决算)?(?:明细)?表|项目支出情况表/u, 'project'],
  [/政府性?基金.*收入(?!支出)(?:预算|决算)?表/u, 'gf_income'],
  [/政府性?基金/u, 'gf'],
  [/国有资本经营/u, 'soe'],
  [/财政拨款收(?:入)?支(?:出)?.*总表/u, 'fiscal_summary'],
  // Jiangsu's 财政拨款支出预算表(功能科目): the appropriation's expenditure by function class.
  [/^(?:[一二三四五六七八九十]+、)?(?:\d{4}年度?)?(?:部门|单位)?财政拨款支出(?:预算|决算)?表/u, 'gpb_exp'],
  [/基本支出/u, 'gpb_basic_econ'],
  [/一般公共预算.*经济分类/u, 'gpb_econ_all'],
  [/一般公共预算/u, 'gpb_exp'],
  [/收(?:入)?支(?:出)?.*总表/u, 'income_expense_summary'],
  [/收入.*表/u, 'income'],
  [/支出.*表/u, 'expenditure'],
];

export function classifyTitle(title: string): TableType {
  const t = compact(title);
  for (const [re, type] of RULES) if (re.test(t)) return type;
  return 'other';
}

/** A line that names a table: ends in 表 (optionally a bracketed qualifier), short, not a sentence. */
export function isTitleLike(line: string): boolean {
  const t = compact(line);
  if (t.length < 3 || t.length > 60) return false;
  if (/[。；]/u.test(t)) return false;
  return /表(?:\([^)]*\))?$/u.test(t) || /表[一二三四五六七八九十\d]+$/u.test(t);
}

/** Printed table number: 公开01表, 预算公开表1, 附表3, 表1-2. */
export function tableNumber(line: string): string | null {
  const t = compact(line);
  const m =
    /(?:部门|单位)?(?:预算|决算)?公开\d+表/u.exec(t) ??
    /(?:预算|决算)?公开表(?:\d+(?:-\d+)?|[一二三四五六七八九十]+)/u.exec(t) ??
    /^附表\d+(?:-\d+)?/u.exec(t) ??
    /^表\d+(?:-\d+)?$/u.exec(t);
  return m ? m[0] : null;
}

/** Section ordinal of a heading such as "一、收支预算总表" or "(三)…". */
export function headingOrdinal(line: string): string | null {
  const m = /^\(?([一二三四五六七八九十]+)[、)]/u.exec(compact(line));
  return m ? m[1]! : null;
}

export function moneyUnitOf(text: string): MoneyUnit | null {
  const t = compact(text);
  if (/(?:单位|金额单位)?[:(]?万元\)?/u.test(t) && /万元/u.test(t)) return '万元';
  if (/单位[:]元|\(元\)|金额单位[:]元|^元$/u.test(t)) return '元';
  return null;
}

/** Lines that repeat on pages rather than belong to content: unit/department/date lines, page numbers. */
export function isFurniture(line: string): boolean {
  const t = compact(line);
  if (/^[-—–]?\d{1,4}[-—–]?$/u.test(t)) return true;
  if (/^第\d+页(?:[,/]?共\d+页)?$/u.test(t) || /^\d+\/\d+$/u.test(t)) return true;
  if (/^(?:金额)?单位[:：]?(?:万元|元)$/u.test(t)) return true;
  if (labelLine(t)) return true;
  if (tableNumber(t) === t) return true;
  if (/^(?:预算|决算)?年度[:：]?\d{4}年?$/u.test(t)) return true;
  // The year qualifier printed under a title: "(2023年度)".
  if (/^\(\d{4}年度?\)$/u.test(t)) return true;
  // Several of these on one line ("预算年度:2025 单位:万元", "单位:元 第2页").
  const rest = t.replace(RUNNING_PIECES, '');
  return rest === '' && t !== '';
}

const RUNNING_PIECES = /(?:金额)?单位[:]?(?:万元|元)|(?:预算|决算)?年度[:]?\d{4}年?|第\d+页(?:[,/]?共\d+页)?/gu;

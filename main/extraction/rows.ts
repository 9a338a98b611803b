import type { Cell, CodeLevel, ColumnRole, Row } from '../../shared/model';
import { bodyText, type Slot } from './matrix';
import { cellValue, isDataAmount, isSubjectCode, isAmountText } from './numbers';

const compact = (s: string) => s.replace(/\s+/gu, '');

/** What each column holds, judged from its body texts. */
/** The last header label of a 类 | 款 | 项 code column, and of a column of sequence numbers. */
const CODE_PART_LABEL = /^(?:类|款|项)$/u;
const SEQ_LABEL = /^(?:序号|行次|栏次|编号)$/u;

/**
 * Column roles from the body's content, with the header's word where it is unambiguous: a column headed 类 / 款 / 项
 * holds code parts even when a spreadsheet printed 02 as 2; integers are sequence numbers only in a column headed
 * so, or counting up from 1 over several rows (a lone 0 or 25 in an amount column is money).
 */
export function columnRoles(body: Slot[][], cols: number, labels: string[] = []): ColumnRole[] {
  return columnReading(body, cols, labels).roles;
}

/**
 * The roles, and for a code printed over 类 | 款 | 项 columns the part each of its columns holds (类 where the code
 * starts, then 款 and 项; null for every other column, a code printed whole in its own column included).
 */
export function columnReading(
  body: Slot[][],
  cols: number,
  labels: string[] = [],
): { roles: ColumnRole[]; parts: Array<CodeLevel | null> } {
  const roles: ColumnRole[] = [];
  let named = false;
  const lastLabel = (c: number) => (labels[c] ?? '').split(' / ').pop()!.replace(/\s+/gu, '');
  for (let c = 0; c < cols; c++) {
    const texts = body.map((r) => compact(r[c] ? bodyText(r[c]!) : '')).filter(Boolean);
    const n = texts.length || 1;
    const codes = texts.filter((t) => isSubjectCode(t)).length;
    const amounts = texts.filter((t) => isAmountText(t) && !isSubjectCode(t)).length;
    const decimals = texts.filter((t) => isDataAmount(t)).length;
    const ints = texts.filter((t) => /^\d{1,3}$/u.test(t)).map(Number);
    let role: ColumnRole;
    const counting =
      ints.length >= 3 &&
      ints[0]! <= 1 &&
      ints.every((v, i) => i === 0 || v > ints[i - 1]!) &&
      !/金额|数|费/u.test(lastLabel(c));
    if (
      CODE_PART_LABEL.test(lastLabel(c)) &&
      decimals === 0 &&
      texts.every((t) => /^\d{1,3}$/u.test(t) || !/\d/u.test(t))
    )
      role = 'code';
    else if (texts.length === 0) role = 'amount';
    else if (codes / n >= 0.6 && decimals === 0) role = 'code';
    else if (ints.length / n >= 0.8 && decimals === 0 && (SEQ_LABEL.test(lastLabel(c)) || counting)) role = 'seq';
    else if ((amounts + decimals) / n >= 0.6) role = 'amount';
    else if (!named) {
      role = 'name';
      named = true;
    } else role = 'text';
    roles.push(role);
  }
  // 科目编码 printed as 类 | 款 | 项 (MOF 决算 templates): the two-digit 款 and 项 columns right of a 类 code column are
  // parts of the code, not amounts or sequence numbers.
  const textsOf = (c: number) => body.map((r) => compact(r[c] ? bodyText(r[c]!) : '')).filter(Boolean);
  // Columns that continue the code of the column on their left.
  const continues: boolean[] = roles.map(() => false);
  let part = false;
  for (let c = 1; c < cols; c++) {
    // The 类 column holds three-digit codes only (and labels such as 合计 spanning the code columns).
    const classes = () => textsOf(c - 1).filter((t) => /\d/u.test(t));
    const follows = roles[c - 1] === 'code' && (part || classes().every((t) => /^\d{3}$/u.test(t)));
    part = false;
    if (roles[c - 1] !== 'code' || roles[c] === 'code') continue;
    const texts = textsOf(c);
    if (follows && texts.length > 0 && texts.every((t) => CODE_PART.test(t))) {
      roles[c] = 'code';
      part = true;
      continues[c] = true;
    }
    // Or the full code printed in one cell across them: every body position is covered by the code cell's span.
    else if (texts.length === 0 && body.length > 0 && body.every((r) => r[c] && !r[c]!.origin && r[c]!.colSpan > 1)) {
      roles[c] = 'code';
      continues[c] = true;
    }
  }
  return {
    roles,
    parts: codeParts(
      roles,
      continues,
      Array.from({ length: cols }, (_, c) => lastLabel(c)),
    ),
  };
}

/**
 * 类 | 款 | 项 parts along runs of code columns: a code column continues the one on its left when the content said
 * so or its header names it 款 / 项; the column a continued code starts in is its 类.
 */
function codeParts(roles: ColumnRole[], continues: boolean[], last: string[]): Array<CodeLevel | null> {
  const parts: Array<CodeLevel | null> = roles.map(() => null);
  for (let c = 1; c < roles.length; c++) {
    if (roles[c] !== 'code' || roles[c - 1] !== 'code') continue;
    const named = last[c] === '款' || last[c] === '项' ? (last[c] as CodeLevel) : null;
    if (!continues[c] && !named) continue;
    const prev = parts[c - 1] ?? '类';
    parts[c - 1] = prev;
    parts[c] = named ?? (prev === '类' ? '款' : '项');
  }
  return parts;
}

const CODE_PART = /^\d{2}$/u;

export function levelOf(code: string): Row['level'] {
  return code.length === 3 ? '类' : code.length === 5 ? '款' : code.length === 7 ? '项' : null;
}

export function isTotalLabel(s: string): boolean {
  return /(?:合计|总计)/u.test(compact(s));
}

export function buildRow(slots: Slot[], roles: ColumnRole[], gridConfidence: number): Row {
  const cells: Cell[] = slots.map((s, c) => {
    const text = bodyText(s);
    const role = roles[c];
    const value = role === 'code' || role === 'seq' || role === 'name' ? null : cellValue(text);
    const cell: Cell = {
      text,
      value,
      page: s.page,
      bbox: text ? s.bbox : s.cellBox,
      confidence: Math.round(Math.min(1, s.confidence * gridConfidence) * 100) / 100,
    };
    if (text && s.repairs.length) cell.repairs = s.repairs;
    return cell;
  });
  let code: string | null = null;
  for (let c = 0; c < slots.length; c++) {
    const t = compact(cells[c]!.text);
    if (roles[c] === 'code' && isSubjectCode(t)) {
      code = t;
      // The 款 and 项 parts in the code columns that follow.
      for (let k = c + 1; k < slots.length && roles[k] === 'code'; k++) {
        const part = compact(cells[k]!.text);
        // A spreadsheet may print the part 02 as 2.
        if (!/^\d{1,2}$/u.test(part) || code.length >= 7) break;
        code += part.padStart(2, '0');
      }
      break;
    }
  }
  let name: string | null = null;
  for (let c = 0; c < slots.length; c++) {
    if (roles[c] === 'name' && cells[c]!.text) {
      name = cells[c]!.text;
      break;
    }
  }
  name ??=
    cells.find((cl, c) => cl.text && roles[c] !== 'code' && roles[c] !== 'seq' && cl.value === null)?.text ??
    // A label spanning the code columns ("合计" across 类 | 款 | 项).
    cells.find((cl, c) => roles[c] === 'code' && cl.text && !/\d/u.test(cl.text))?.text ??
    null;
  const labelTotal = cells.some((cl) => cl.text !== '' && cellValue(cl.text) === null && isTotalLabel(cl.text));
  return {
    kind: labelTotal ? 'total' : 'data',
    code,
    level: code ? levelOf(code) : null,
    parent: code && code.length > 3 ? code.slice(0, code.length - 2) : null,
    name,
    cells,
  };
}

/** A row that is all blank carries nothing (a spacer line in the grid). */
export function isBlankRow(slots: Slot[]): boolean {
  return slots.every((s) => !bodyText(s));
}

/**
 * 类 | 款 | 项 code cells that leave the inherited parts blank (| | 01 | 行政运行 under | 204 | 06 | | 司法): the code
 * is the parts of the rows above it, completed by its own. Rows keep their printed cells; only code, level and
 * parent are filled.
 */
export function inheritCodeParts(rows: Row[], roles: ColumnRole[]): void {
  const cols = roles.flatMap((r, c) => (r === 'code' ? [c] : []));
  if (cols.length < 2 || cols.some((c, i) => i > 0 && c !== cols[i - 1]! + 1)) return;
  let above: string[] = [];
  const split = (code: string) => [code.slice(0, 3), code.slice(3, 5), code.slice(5, 7)].filter(Boolean);
  for (const row of rows) {
    if (row.code) {
      above = split(row.code);
      continue;
    }
    const parts = cols.map((c) => compact(row.cells[c]?.text ?? ''));
    const first = parts.findIndex((p) => p !== '');
    if (first <= 0 || above.length < first) continue;
    const own = parts.slice(first);
    while (own.length && own[own.length - 1] === '') own.pop();
    if (own.length === 0 || !own.every((p) => /^\d{1,2}$/u.test(p))) continue;
    const code = [...above.slice(0, first), ...own.map((p) => p.padStart(2, '0'))].join('');
    if (!/^(?:\d{5}|\d{7})$/u.test(code)) continue;
    row.code = code;
    row.level = levelOf(code);
    row.parent = code.slice(0, -2);
    above = split(code);
  }
}

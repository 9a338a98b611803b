import type { Column, ColumnKind, Row } from '../../shared/model';

/**
 * What each column holds as validation reads it, decided once here and recorded on the column (`kind`, with the
 * 类 | 款 | 项 `codePart` rows.ts found), so validation reads the table as extracted instead of guessing again.
 *
 * The reading starts from the extractor's role (rows.ts `columnRoles`, judged on the grid) and then uses two things
 * that role does not: the header's words (a column headed 行次 / 栏次 / 序号 counts rows; an amount column headed 合计,
 * 小计, 总计, or only 预算数 / 决算数 / 金额, holds the row's total) and the parsed cells of the finished rows (a column
 * whose cells mostly parse otherwise than its role says is read by its cells). A column holding a part of a split code
 * is a code column whatever its two-digit cells look like.
 */
export function columnKinds(columns: Array<Pick<Column, 'label' | 'role' | 'codePart'>>, rows: Row[]): ColumnKind[] {
  return columns.map((col, i) => {
    const segs = col.label
      .split(' / ')
      .map(norm)
      .filter((s) => s !== '');
    const joined = segs.join('/');
    const last = segs[segs.length - 1] ?? '';
    let kind: ColumnKind = col.role ?? 'amount';
    if (SEQ_WORD.test(last)) return 'seq';
    if (kind !== 'seq' && !col.codePart) {
      const st = contentStats(rows, i);
      const all = st.num + st.codes + st.text;
      if (all > 0) {
        if (
          kind === 'amount' &&
          st.codes > st.num &&
          st.codes >= 0.6 * all &&
          (i <= 1 || /编码|代码|科目|类款项/u.test(joined))
        )
          kind = 'code';
        else if (kind === 'amount' && st.text > st.num + st.codes) kind = 'text';
        else if ((kind === 'name' || kind === 'text') && st.num > st.text + st.codes) kind = 'amount';
        else if (kind === 'code' && st.num > st.codes + st.text) kind = 'amount';
      }
    }
    return kind === 'amount' && isTotalColumn(segs) ? 'total' : kind;
  });
}

/** The columns with their kinds recorded (for a table whose rows are final). */
export function recordKinds<C extends Pick<Column, 'label' | 'role' | 'codePart'>>(columns: C[], rows: Row[]): C[] {
  const kinds = columnKinds(columns, rows);
  return columns.map((c, i) => ({ ...c, kind: kinds[i] }));
}

const SEQ_WORD = /行次|栏次|序号/u;

/** Header words that name the code and label columns, carried into an amount column's path by spanning cells. */
const NOT_AMOUNT_SEG = /^(?:科目名称|项目|名称|项目名称|类款项|栏次|行次|[^/]*编码)$/u;

/** An amount column holding its row's total: its own last header word is 合计 / 小计 / 总计, or it has one word only, 预算数 and the like. */
export function isTotalColumn(segs: string[]): boolean {
  const clean = segs.filter((s) => !NOT_AMOUNT_SEG.test(s));
  const own = clean.length > 0 ? clean : segs;
  const last = own[own.length - 1] ?? '';
  return (
    /(?:合计|总计|小计)$/u.test(last) ||
    (own.length === 1 && /^(?:预算数|决算数|金额|本年预算数|[0-9]{4}年?(?:预算数|决算数|合计)?)$/u.test(last))
  );
}

function norm(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/<[^>]*>/gu, '')
    .replace(/[\s\u3000]+/gu, '')
    .replace(/["'“”‘’「」『』]/gu, '');
}

function contentStats(rows: Row[], col: number): { num: number; codes: number; text: number } {
  let num = 0;
  let codes = 0;
  let text = 0;
  for (const r of rows) {
    const c = r.cells[col];
    if (!c) continue;
    const s = norm(c.text);
    if (s === '') continue;
    if (/^(?:\d{3}|\d{5}|\d{7})$/u.test(s)) codes++;
    else if (c.value !== null || /^[-+]?[0-9,]+(?:\.[0-9]+)?$/u.test(s)) num++;
    else if (!/^[-—–]+$/u.test(s)) text++;
  }
  return { num, codes, text };
}

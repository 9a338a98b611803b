import type { Cell, Column, ExtractedDocument, Narrative, Row, Table, TableType } from '../../model/document';
import { parseAmount } from '../../model/amount';
import { asCode, isTotalLabel, levelOf, norm } from '../text';

/**
 * Builds an ExtractedDocument from the corpus truth JSON (tables as the source states them), standing in for the
 * extraction engine in whole-document tests: title → type by keywords, header rows → label paths, first cells →
 * code / level / name, amounts via parseAmount.
 */
export interface TruthTable {
  title: string;
  header: string[][];
  rows: string[][];
}
export interface TruthDoc {
  doc: string;
  tables: TruthTable[];
}

export function typeOfTitle(title: string): TableType {
  const t = norm(title);
  if (/绩效/u.test(t)) return 'performance';
  if (/政府性基金.*收入表/u.test(t)) return 'gf_income';
  if (/政府性基金/u.test(t)) return 'gf';
  if (/财政拨款收支|财政拨款收入支出/u.test(t)) return 'fiscal_summary';
  if (/收支(?:预算)?总表|收入支出决算总表/u.test(t)) return 'income_expense_summary';
  if (/收入(?:预算)?总表|收入决算表/u.test(t) && !/政府性基金|国有资本/u.test(t)) return 'income';
  if (/支出(?:预算)?总表|^支出决算表$|[^拨款]支出决算表$/u.test(t) && !/一般公共|政府性基金|国有资本/u.test(t))
    return 'expenditure';
  if (/三公/u.test(t)) return 'three_public';
  if (/机关运行经费/u.test(t)) return 'op_cost';
  if (/一般公共预算.*基本支出/u.test(t)) return 'gpb_basic_econ';
  if (/一般公共预算.*经济分类/u.test(t)) return 'gpb_econ_all';
  if (/一般公共预算.*支出/u.test(t)) return 'gpb_exp';
  if (/政府性基金.*收入表/u.test(t)) return 'gf_income';
  if (/政府性基金/u.test(t)) return 'gf';
  if (/国有资本经营/u.test(t)) return 'soe';
  if (/项目支出/u.test(t)) return 'project';
  if (/政府采购/u.test(t)) return 'procurement';
  return 'other';
}

function isSeqRow(r: string[]): boolean {
  const cells = r.map(norm).filter((c) => c !== '');
  const digits = cells.filter((c) => /^[0-9]+$/u.test(c)).length;
  return (
    cells.length > 0 &&
    digits * 2 >= cells.length &&
    (digits === cells.length || cells.some((c) => c === '栏次' || c === '行次'))
  );
}

export function headerLabels(header: string[][], width: number): string[] {
  const rows = header.filter((r) => !isSeqRow(r)).map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ''));
  // A blank upper cell over a non-blank lower one is a merged parent: it carries the label to its left.
  for (let h = 0; h < rows.length - 1; h++) {
    const row = rows[h]!;
    for (let i = 1; i < width; i++) {
      if (norm(row[i]) === '' && norm(rows[h + 1]![i]) !== '' && norm(row[i - 1]) !== '') row[i] = row[i - 1]!;
    }
  }
  return Array.from({ length: width }, (_, i) => {
    const segs: string[] = [];
    for (const r of rows) {
      const s = (r[i] ?? '').replace(/\s+/gu, ' ').trim();
      if (s && segs[segs.length - 1] !== s) segs.push(s);
    }
    return segs.join(' / ');
  });
}

function cell(text: string, page: number, numeric: boolean): Cell {
  const p = numeric ? parseAmount(text) : null;
  return { text, value: p && p.ok ? p.value : null, page, bbox: null, confidence: 1 };
}

export function truthTable(t: TruthTable, index: number, unitCode: string | null = null): Table {
  const width = Math.max(0, ...t.header.map((r) => r.length), ...t.rows.map((r) => r.length));
  const labels = headerLabels(t.header, width);
  const columns: Column[] = labels.map((label, i) => ({ key: `c${i}`, label }));
  const nonNumeric = labels.map((l) => /编码|代码|行次|栏次|序号|名称/u.test(norm(l.split(' / ').pop() ?? '')));
  const page = index + 2;
  const rows: Row[] = t.rows.map((r) => {
    const cells = Array.from({ length: width }, (_, i) => {
      const text = r[i] ?? '';
      const codeLike = asCode(text) !== null && (nonNumeric[i] || i === 0);
      return cell(text, page, !nonNumeric[i] && !codeLike);
    });
    const code = asCode(r[0]) ?? null;
    const name = code ? (r[1] ?? null) : (r.find((c) => norm(c) !== '' && parseAmount(c).ok === false) ?? null);
    const lvl = code ? levelOf(code) : null;
    const total = !code && (isTotalLabel(r[0] ?? '') || isTotalLabel(r[1] ?? ''));
    return {
      kind: total ? 'total' : 'data',
      code,
      level: lvl === 1 ? '类' : lvl === 2 ? '款' : lvl === 3 ? '项' : null,
      parent: code && code.length > 3 ? code.slice(0, code.length - 2) : null,
      name,
      cells,
    };
  });
  const hasAmount = rows.some((r) => r.cells.some((c) => c.value !== null));
  return {
    id: `t${String(index + 1).padStart(2, '0')}`,
    title: t.title,
    type: typeOfTitle(t.title),
    number: null,
    moneyUnit: '万元',
    unitCode,
    pages: [page],
    header: t.header,
    columns,
    rows,
    empty: !hasAmount,
    emptyNote: null,
  };
}

export function truthDocument(truth: TruthDoc, narrative: Narrative[] = []): ExtractedDocument {
  const final = /final/u.test(truth.doc);
  return {
    source: { file: `${truth.doc}.pdf`, sha256: '0'.repeat(64), pages: truth.tables.length + 1 },
    meta: {
      department: null,
      unitCode: null,
      year: null,
      kind: final ? 'final' : 'budget',
      moneyUnit: '万元',
      units: [],
    },
    tables: truth.tables.map((t, i) => truthTable(t, i)),
    findings: [],
    narrative,
  };
}

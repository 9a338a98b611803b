/**
 * The corpus accuracy metric (test-fixtures/corpus README): standard tables matched by title; rows compared after
 * normalising cells (NFKC, whitespace removed, amounts as plain numbers with two decimals).
 */
export interface TruthTable {
  title: string;
  header: string[][];
  rows: string[][];
}

export interface TableScore {
  title: string;
  matched: string | null;
  truthRows: number;
  extractedRows: number;
  /** Rows whose non-empty cells equal a truth row's (one-to-one). */
  rowHits: number;
  /** Truth rows reproduced cell for cell, empty cells in their columns included. */
  positionalHits: number;
}

export interface Score {
  tables: TableScore[];
  truthRows: number;
  extractedRows: number;
  rowHits: number;
  positionalHits: number;
  precision: number;
  recall: number;
  rowF1: number;
  positional: number;
}

const STANDARD =
  /收支.*总表|收入.*总表|支出.*总表|一般公共预算.*支出.*表|财政拨款支出.*表|基本支出.*表|三公|政府性?基金|国有资本经营|经济分类|项目支出.*表|决算表|决算总表/u;

export function isStandardTitle(title: string): boolean {
  const t = normTitle(title);
  return STANDARD.test(t) && !/绩效/u.test(t);
}

export function normTitle(s: string): string {
  return s.normalize('NFKC').replace(/\s+/gu, '');
}

export function normCell(s: string): string {
  const t = s.normalize('NFKC').replace(/\s+/gu, '');
  const n = t.replace(/,/gu, '');
  if (/^[-+]?(?:\d+\.?\d*|\.\d+)$/u.test(n)) return Number(n).toFixed(2);
  return t;
}

function trimEnd(cells: string[]): string[] {
  const out = [...cells];
  while (out.length && out[out.length - 1] === '') out.pop();
  return out;
}

/** One-to-one matches between two lists of keys (multiset intersection size). */
function multisetHits(truth: string[], got: string[]): number {
  const pool = new Map<string, number>();
  for (const k of got) pool.set(k, (pool.get(k) ?? 0) + 1);
  let hits = 0;
  for (const k of truth) {
    const n = pool.get(k) ?? 0;
    if (n > 0) {
      hits++;
      pool.set(k, n - 1);
    }
  }
  return hits;
}

export function scoreTable(truth: TruthTable, extracted: string[][] | null, matched: string | null): TableScore {
  const got = extracted ?? [];
  const t = truth.rows.map((r) => r.map(normCell));
  const g = got.map((r) => r.map(normCell));
  const nonEmpty = (r: string[]) => JSON.stringify(r.filter(Boolean));
  const positional = (r: string[]) => JSON.stringify(trimEnd(r));
  return {
    title: truth.title,
    matched,
    truthRows: t.length,
    extractedRows: g.length,
    rowHits: multisetHits(t.map(nonEmpty), g.map(nonEmpty)),
    positionalHits: multisetHits(t.map(positional), g.map(positional)),
  };
}

/** Picks the extracted table for a truth title: equal normalised titles first, then one containing the other. */
export function matchTitle(truthTitle: string, titles: string[], taken: Set<number>): number {
  const t = normTitle(truthTitle);
  const norm = titles.map(normTitle);
  let i = norm.findIndex((n, k) => !taken.has(k) && n === t);
  if (i < 0) i = norm.findIndex((n, k) => !taken.has(k) && n.length >= 4 && (n.includes(t) || t.includes(n)));
  return i;
}

export function scoreDocument(
  truth: TruthTable[],
  extracted: Array<{ title: string; rows: string[][] }>,
  opts: { standardOnly?: boolean } = {},
): Score {
  const standardOnly = opts.standardOnly ?? true;
  const taken = new Set<number>();
  const tables: TableScore[] = [];
  for (const tt of truth) {
    if (standardOnly && !isStandardTitle(tt.title)) continue;
    const i = matchTitle(
      tt.title,
      extracted.map((e) => e.title),
      taken,
    );
    if (i >= 0) taken.add(i);
    const e = i >= 0 ? extracted[i]! : null;
    tables.push(scoreTable(tt, e ? e.rows : null, e ? e.title : null));
  }
  const sum = (k: keyof Pick<TableScore, 'truthRows' | 'extractedRows' | 'rowHits' | 'positionalHits'>) =>
    tables.reduce((s, t) => s + t[k], 0);
  const truthRows = sum('truthRows');
  const extractedRows = sum('extractedRows');
  const rowHits = sum('rowHits');
  const positionalHits = sum('positionalHits');
  const precision = extractedRows ? rowHits / extractedRows : truthRows ? 0 : 1;
  const recall = truthRows ? rowHits / truthRows : 1;
  const rowF1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return {
    tables,
    truthRows,
    extractedRows,
    rowHits,
    positionalHits,
    precision,
    recall,
    rowF1,
    positional: truthRows ? positionalHits / truthRows : 1,
  };
}

/** Several documents' scores pooled by rows: row F1 and positional accuracy over all their truth rows. */
export function pooledScore(scores: Score[]): { truthRows: number; rowF1: number; positional: number } {
  const sum = (k: 'truthRows' | 'extractedRows' | 'rowHits' | 'positionalHits') => scores.reduce((s, x) => s + x[k], 0);
  const truthRows = sum('truthRows');
  const extracted = sum('extractedRows');
  const p = extracted ? sum('rowHits') / extracted : 0;
  const r = truthRows ? sum('rowHits') / truthRows : 0;
  return {
    truthRows,
    rowF1: p + r ? (2 * p * r) / (p + r) : 0,
    positional: truthRows ? sum('positionalHits') / truthRows : 0,
  };
}

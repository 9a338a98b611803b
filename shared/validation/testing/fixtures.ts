import type { ExtractedDocument, Finding, Narrative, Table, TableType } from '../../model/document';
import { truthDocument, truthTable, type TruthDoc } from './truth';
import qz2024 from '../../../test-fixtures/truth/qz2024-budget.truth.json';
import qz2022 from '../../../test-fixtures/truth/qz2022-final.truth.json';
import cz2023 from '../../../test-fixtures/truth/cz2023-budget.truth.json';
import qz2024Narr from '../../../test-fixtures/narrative/qz2024-budget.json';
import qz2022Narr from '../../../test-fixtures/narrative/qz2022-final.json';
import cz2023Narr from '../../../test-fixtures/narrative/cz2023-budget.json';

/** Small documents built in code for rule tests: header rows and body rows as printed. */
export function tbl(
  id: string,
  title: string,
  header: string[][],
  rows: string[][],
  opts: { type?: TableType; unitCode?: string | null; moneyUnit?: '万元' | '元' } = {},
): Table {
  const t = truthTable({ title, header, rows }, 0, opts.unitCode ?? null);
  return { ...t, id, type: opts.type ?? t.type, moneyUnit: opts.moneyUnit ?? '万元' };
}

export function docOf(
  tables: Table[],
  opts: { kind?: 'budget' | 'final'; narrative?: string[] } = {},
): ExtractedDocument {
  const narrative: Narrative[] = (opts.narrative ?? []).map((text) => ({ page: 1, text }));
  return {
    source: { file: 'fixture.pdf', sha256: '0'.repeat(64), pages: 1 },
    meta: { department: null, unitCode: null, year: null, kind: opts.kind ?? 'budget', moneyUnit: '万元', units: [] },
    tables,
    findings: [],
    narrative,
  };
}

export const CORPUS = {
  'qz2024-budget': () => truthDocument(qz2024 as TruthDoc, qz2024Narr as Narrative[]),
  'qz2022-final': () => truthDocument(qz2022 as TruthDoc, qz2022Narr as Narrative[]),
  'cz2023-budget': () => truthDocument(cz2023 as TruthDoc, cz2023Narr as Narrative[]),
};

export function byRule(fs: Finding[], rule: string, severity?: Finding['severity']): Finding[] {
  return fs.filter((f) => f.rule === rule && (!severity || f.severity === severity));
}

export function touchesRow(f: Finding, table: string, row: number): boolean {
  return f.refs.some((r) => r.table === table && r.row === row);
}

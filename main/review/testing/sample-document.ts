import { createHash } from 'node:crypto';
import type { ExtractedDocument, Finding, Row, Table } from '../../../shared/model';

/** Bytes that stand in for a PDF in tests: distinct per label, stable across runs. */
export function fakePdf(label = 'sample'): Uint8Array {
  return new Uint8Array(Buffer.from(`%PDF-1.7\n% ${label}\n%%EOF\n`, 'latin1'));
}

function cell(text: string, page = 3) {
  const n = Number(text.replace(/,/g, ''));
  return {
    text,
    value: text !== '' && Number.isFinite(n) ? n : null,
    page,
    bbox: [10, 10, 40, 20] as [number, number, number, number],
    confidence: 1,
  };
}

function row(code: string | null, name: string, amounts: string[], kind: Row['kind'] = 'data'): Row {
  const level = code ? (code.length === 3 ? '类' : code.length === 5 ? '款' : '项') : null;
  return {
    kind,
    code,
    level,
    parent: code && code.length > 3 ? code.slice(0, code.length - 2) : null,
    name,
    cells: [cell(code ?? ''), cell(name), ...amounts.map((a) => cell(a))],
  };
}

/** A small 支出决算表-like table with a two-row header (spanning cells repeated), `rows` data rows. */
export function sampleTable(id = 't1', rows = 6, moneyUnit: Table['moneyUnit'] = '万元'): Table {
  const data: Row[] = [];
  for (let i = 0; i < rows; i++) {
    const code = `2010${(i % 9) + 1}0${(i % 9) + 1}`;
    data.push(row(code, `项目${i + 1}`, [`${(i + 1) * 10}.00`, `${(i + 1) * 6}.00`, `${(i + 1) * 4}.00`]));
  }
  return {
    id,
    title: '一般公共预算财政拨款支出决算表',
    type: 'gpb_exp',
    number: '公开05表',
    moneyUnit,
    unitCode: null,
    unitName: null,
    pages: [3],
    header: [
      ['科目编码', '科目名称', '本年支出', '本年支出', '本年支出'],
      ['科目编码', '科目名称', '合计', '基本支出', '项目支出'],
    ],
    columns: [
      { key: 'code', label: '科目编码', role: 'code' },
      { key: 'name', label: '科目名称', role: 'name' },
      { key: 'total', label: '本年支出 / 合计', role: 'amount' },
      { key: 'basic', label: '本年支出 / 基本支出', role: 'amount' },
      { key: 'project', label: '本年支出 / 项目支出', role: 'amount' },
    ],
    rows: data,
    method: 'lattice',
  };
}

export function sampleDocument(
  pdf: Uint8Array = fakePdf(),
  opts: { rows?: number; findings?: Finding[] } = {},
): ExtractedDocument {
  return {
    source: { file: 'sample.pdf', sha256: createHash('sha256').update(pdf).digest('hex'), pages: 5 },
    meta: {
      department: '某某县财政局',
      unitCode: '101001',
      year: 2023,
      kind: 'final',
      moneyUnit: '万元',
      units: [{ code: '101001', name: '某某县财政局' }],
    },
    tables: [
      sampleTable('t1', opts.rows ?? 6),
      { ...sampleTable('t2', 2, '元'), title: '政府性基金预算财政拨款支出决算表', type: 'gf', number: '公开07表' },
    ],
    findings: opts.findings ?? [],
  };
}

export function sampleFinding(id: string, severity: Finding['severity'] = 'error'): Finding {
  return {
    id,
    rule: 'R1',
    severity,
    message: { zh: '合计不等于各项之和', en: 'Total does not equal the sum of its parts' },
    expected: 10,
    actual: 11,
    difference: 1,
    refs: [{ table: 't1', row: 0, col: 2 }],
  };
}

import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { RULE_MODULES } from '../../shared/validation';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setCellOp } from '../../shared/model';
import { WorkspaceStore } from '../review/workspaces';
import { fakePdf, sampleDocument, sampleFinding } from '../review/testing/sample-document';
import { buildExport, verifyExport } from './index';
import { headerMerges, sheetNamer } from './xlsx';
import { tidyFacts } from './tidy';

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'brw-export-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

async function reviewed(sign: boolean, label = 'export') {
  const store = new WorkspaceStore({ dataDir, validate: () => [sampleFinding('f1', 'warning')] });
  const pdf = fakePdf(label);
  const { docId } = await store.importPdf(pdf, '某县财政局2023年部门决算.pdf', null);
  await store.saveExtraction(docId, sampleDocument(pdf));
  const { doc } = await store.current(docId);
  await store.apply(docId, setCellOp(doc, 't1', 2, 2, '31.50'), 1, 'Li');
  if (sign) await store.signOff(docId, 'Li', '已核对');
  return { store, docId, input: await store.exportInput(docId) };
}

/** Verification trusts the workstation's own key, as `budget-review verify --data-dir` does. */
const trust = (input: { publicKey: string | null }) => ({ trustedKeys: [input.publicKey!] });

describe('tidy long format', () => {
  it('has one fact per amount cell, in 万元 whatever the printed unit', () => {
    const facts = tidyFacts(sampleDocument());
    expect(facts).toHaveLength(6 * 3 + 2 * 3);
    const yuan = facts.find((f) => f.table_id === 't2' && f.row_order === 1 && f.column_key === 'total')!;
    expect(yuan).toMatchObject({
      money_unit: '元',
      value_raw: '10.00',
      value_wan: 0.001,
      code: '2010101',
      code_level: '项',
      name: '项目1',
    });
    const wan = facts.find((f) => f.table_id === 't1' && f.row_order === 2 && f.column_key === 'basic')!;
    expect(wan).toMatchObject({ value_wan: 12, measure: '本年支出 / 基本支出', page: 3, table_type: 'gpb_exp' });
  });

  it('labels the right-hand group of a side-by-side table by its own name column', () => {
    const doc = sampleDocument();
    const t = doc.tables[0]!;
    t.columns = [
      { key: 'in_name', label: '收入 / 项目', role: 'name' },
      { key: 'in_amt', label: '收入 / 金额', role: 'amount' },
      { key: 'out_name', label: '支出 / 项目', role: 'text' },
      { key: 'out_amt', label: '支出 / 金额', role: 'amount' },
    ];
    const c = (text: string) => ({ text, value: Number(text) || null, page: 1, bbox: null, confidence: 1 });
    t.rows = [
      {
        kind: 'data',
        code: null,
        level: null,
        parent: null,
        name: '一般公共预算财政拨款收入',
        cells: [c('一般公共预算财政拨款收入'), c('100'), c('一般公共服务支出'), c('80')],
      },
    ];
    const facts = tidyFacts({ ...doc, tables: [t] });
    expect(facts.map((f) => [f.name, f.value_wan])).toEqual([
      ['一般公共预算财政拨款收入', 100],
      ['一般公共服务支出', 80],
    ]);
  });
});

describe('xlsx layout helpers', () => {
  it('merges spanning header cells horizontally and vertically', () => {
    const header = [
      ['科目编码', '科目名称', '本年支出', '本年支出', '本年支出'],
      ['科目编码', '科目名称', '合计', '基本支出', '项目支出'],
    ];
    expect(headerMerges(header, 5)).toEqual([
      { top: 0, left: 0, bottom: 1, right: 0 },
      { top: 0, left: 1, bottom: 1, right: 1 },
      { top: 0, left: 2, bottom: 0, right: 4 },
    ]);
  });

  it('makes sheet names Excel accepts: short, clean, unique, not ours', () => {
    const name = sheetNamer();
    const long = '公开05表 一般公共预算财政拨款支出决算表（按功能分类科目列示的很长的标题）';
    const a = name(long);
    const b = name(long);
    expect([...a].length).toBeLessThanOrEqual(31);
    expect([...b].length).toBeLessThanOrEqual(31);
    expect(a).not.toBe(b);
    expect(name('a/b:c')).toBe('a b c');
    expect(name('Data')).toBe('Data~2');
  });
});

describe('exports', () => {
  it('writes an xlsx with a sheet per table, tidy data, findings, sign-off and journal', async () => {
    const { input } = await reviewed(true);
    const file = await buildExport(input, 'xlsx');
    expect(file.name).toBe('某县财政局2023年部门决算.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.bytes) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '公开05表 一般公共预算财政拨款支出决算表',
      '公开07表 政府性基金预算财政拨款支出决算表',
      'data',
      'findings',
      'rules',
      'coverage',
      'sign-off',
      'journal',
      '_signature',
    ]);
    const t1 = wb.worksheets[0]!;
    expect(t1.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
    expect(t1.getCell('C3').isMerged).toBe(true);
    expect(t1.getCell('A3').master.address).toBe('A3');
    expect(t1.getCell('A4').master.address).toBe('A3');
    expect(t1.getCell('C7').value).toBe(31.5);
    expect(t1.getCell('C7').numFmt).toBe('0.00');
    const data = wb.getWorksheet('data')!;
    expect(data.rowCount).toBe(1 + 24);
    expect(wb.getWorksheet('sign-off')!.getCell('B2').value).toBe('Li');
    expect(wb.getWorksheet('findings')!.getCell('A2').value).toBe('f1');
    // The findings' legend lists every rule module; the coverage sheet says which ran on which table.
    const legend = wb.getWorksheet('rules')!;
    expect(legend.rowCount).toBe(1 + RULE_MODULES.length);
    expect(legend.getCell('A2').value).toBe('R1');
    const coverage = wb.getWorksheet('coverage')!;
    const ran: string[] = [];
    coverage.eachRow((row, n) => {
      if (n > 1 && row.getCell(4).value === 'ran') ran.push(String(row.getCell(3).value));
    });
    expect(ran).toContain('R1');
    expect(String(wb.getWorksheet('journal')!.getCell('E2').value)).toMatch(
      /row 3 \[2010303 项目3\], column 3 "本年支出 \/ 合计"/,
    );
  });

  it('writes CSV in tidy form with a byte-order mark', async () => {
    const { input } = await reviewed(false);
    const file = await buildExport(input, 'csv');
    expect([...file.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = Buffer.from(file.bytes).toString('utf8').slice(1).trimEnd().split('\r\n');
    expect(lines).toHaveLength(25);
    expect(lines[0]!.startsWith('doc_id,dept_name,fiscal_year')).toBe(true);
    expect(lines.some((l) => l.includes(',31.5,31.50,'))).toBe(true);
  });
});

describe('verify', () => {
  it('accepts an untouched signed JSON export and names the cell changed afterwards', async () => {
    const { input } = await reviewed(true);
    const file = await buildExport(input, 'json');
    const ok = await verifyExport(file.bytes, trust(input));
    expect(ok.valid).toBe(true);
    expect(ok.checks.map((c) => c.check)).toEqual([
      'signature',
      'trusted key',
      'pdf hash',
      'signed copy',
      'dataset hash',
      'edit history',
      'audit trail',
    ]);

    const json = JSON.parse(Buffer.from(file.bytes).toString('utf8'));
    json.current.tables[0].rows[4].cells[3].value = 99;
    const bad = await verifyExport(Buffer.from(JSON.stringify(json)), trust(input));
    expect(bad.valid).toBe(false);
    expect(bad.differences).toHaveLength(1);
    expect(bad.differences[0]).toMatchObject({ table: 't1', row: 4, col: 3, field: 'value', signed: 30, found: 99 });
    expect(bad.differences[0]!.description).toMatch(
      /公开05表 .*row 5 \[2010505 项目5\], column 4 "本年支出 \/ 基本支出": value was 30 when signed, now 99/,
    );
  });

  it('verifies a second revision: sign, re-open, edit, sign again', async () => {
    const { store, docId } = await reviewed(true, 'rev2');
    await store.reopen(docId, '发现笔误', 'Wang');
    const { doc } = await store.current(docId);
    await store.apply(docId, setCellOp(doc, 't2', 0, 2, '10.50'), 2, 'Wang');
    await store.signOff(docId, 'Wang', 'r2');
    const file = await buildExport(await store.exportInput(docId), 'json');
    const r = await verifyExport(file.bytes, { trustedKeys: [(await store.exportInput(docId)).publicKey!] });
    expect(r).toMatchObject({ valid: true, signOff: { reviewer: 'Wang', revision: 2 } });
    const json = JSON.parse(Buffer.from(file.bytes).toString('utf8'));
    expect(json.journal.map((j: { kind: string }) => j.kind)).toEqual(['op', 'signOff', 'reopen', 'op', 'signOff']);
  });

  it('still names the cell when the embedded signed copy was altered too, from the edit history', async () => {
    const { input } = await reviewed(true);
    const json = JSON.parse(Buffer.from((await buildExport(input, 'json')).bytes).toString('utf8'));
    json.current.tables[1].rows[0].cells[1].text = '改过';
    json.signedDataset = json.signedDataset.replace('项目1', '项目X');
    const bad = await verifyExport(Buffer.from(JSON.stringify(json)), trust(input));
    expect(bad.checks.filter((c) => !c.ok).map((c) => c.check)).toEqual([
      'signed copy',
      'dataset hash',
      'edit history',
    ]);
    expect(bad.differences.map((d) => [d.table, d.row, d.col, d.field])).toEqual([['t2', 0, 1, 'text']]);
  });

  it('rejects a changed sign-off record, an unsigned export and CSV', async () => {
    const { input } = await reviewed(true);
    const json = JSON.parse(Buffer.from((await buildExport(input, 'json')).bytes).toString('utf8'));
    json.signOff.reviewer = 'Someone else';
    const forged = await verifyExport(Buffer.from(JSON.stringify(json)), trust(input));
    expect(forged.checks.find((c) => c.check === 'signature')).toMatchObject({ ok: false });
    const unsigned = await verifyExport((await buildExport((await reviewed(false, 'unsigned')).input, 'json')).bytes);
    expect(unsigned).toMatchObject({ valid: false, checks: [{ check: 'signed', ok: false }] });
    const csv = await verifyExport((await buildExport(input, 'csv')).bytes);
    expect(csv).toMatchObject({ valid: false, format: 'csv' });
  });

  it('checks a signed xlsx and names a value edited in its data sheet', async () => {
    const { input } = await reviewed(true);
    const file = await buildExport(input, 'xlsx');
    expect((await verifyExport(file.bytes, trust(input))).valid).toBe(true);
    // A valid signature by a key nobody trusts is not enough, in a workbook as in JSON.
    const unknown = await verifyExport(file.bytes, { trustedKeys: [] });
    expect(unknown.checks.filter((c) => !c.ok).map((c) => c.check)).toEqual(['trusted key']);
    expect(unknown.checks.find((c) => c.check === 'trusted key')!.detail).toMatch(/signed by an unknown key/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.bytes) as unknown as ArrayBuffer);
    const data = wb.getWorksheet('data')!;
    const header = (data.getRow(1).values as unknown[]).map(String);
    data.getRow(3).getCell(header.indexOf('value_wan')).value = 123.45;
    const tampered = new Uint8Array(await wb.xlsx.writeBuffer());
    const bad = await verifyExport(tampered, trust(input));
    expect(bad.valid).toBe(false);
    expect(bad.differences).toHaveLength(1);
    expect(bad.differences[0]).toMatchObject({ table: 't1', row: 0, col: 3, field: 'value_wan' });

    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(Buffer.from(file.bytes) as unknown as ArrayBuffer);
    wb2.worksheets[1]!.getCell('D6').value = 7;
    const printed = await verifyExport(new Uint8Array(await wb2.xlsx.writeBuffer()), trust(input));
    expect(printed.checks.filter((c) => !c.ok).map((c) => c.check)).toEqual(['table sheets']);
    expect(printed.differences).toHaveLength(1);
    expect(printed.differences[0]!.description).toMatch(
      /公开07表 .*row 2 \[2010202 项目2\], column 4 "本年支出 \/ 基本支出": sheet ".*" cell D6 shows 7, signed 12/,
    );
  });
});

import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setCellOp } from '../../shared/model';
import { WorkspaceStore } from '../../main/review/workspaces';
import { fakePdf, sampleDocument } from '../../main/review/testing/sample-document';
import { cli } from './helpers';

let tmp: string;
let dataDir: string;
let pdfPath: string;
beforeEach(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'brw-rt-'));
  dataDir = path.join(tmp, 'data');
  pdfPath = path.join(tmp, '某部门2024年部门预算.pdf');
  const pdf = fakePdf('roundtrip');
  writeFileSync(pdfPath, pdf);
  const store = new WorkspaceStore({ dataDir });
  const { docId } = await store.importPdf(pdf, path.basename(pdfPath), pdfPath);
  await store.saveExtraction(docId, sampleDocument(pdf));
  const { doc } = await store.current(docId);
  await store.apply(docId, setCellOp(doc, 't1', 3, 2, '41.00'), 1, '王');
  await store.signOff(docId, '王审核', '与原件核对一致');
  // The CLI below is another process: it may only open the data dir once this one has let go of it.
  store.close();
});
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

const hashFile = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');

describe('export → verify round trip through the real CLI', () => {
  it('verifies an exported JSON, then names the one value changed in it', async () => {
    const out = path.join(tmp, 'out.json');
    const exp = await cli(['export', pdfPath, '--format', 'json', '--out', out, '--data-dir', dataDir]);
    expect(exp.code, exp.stderr).toBe(0);
    expect(exp.stdout).toMatch(/signed off r1/);
    const ok = await cli(['verify', out, '--data-dir', dataDir]);
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/VALID \(json\)/);

    const json = JSON.parse(readFileSync(out, 'utf8'));
    expect(json.current.tables[0].rows[3].cells[2].text).toBe('41.00');
    json.current.tables[0].rows[3].cells[2].value = 14;
    writeFileSync(out, JSON.stringify(json, null, 1));
    const bad = await cli(['verify', out, '--data-dir', dataDir]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/INVALID/);
    expect(bad.stdout).toMatch(
      /row 4 \[2010404 项目4\], column 3 "本年支出 \/ 合计": value was 41 when signed, now 14/,
    );
  }, 60_000);

  it('verifies a signed XLSX export', async () => {
    const out = path.join(tmp, 'xl');
    const exp = await cli(['export', pdfPath, '--format', 'xlsx', '--out', `${out}/`, '--data-dir', dataDir]);
    expect(exp.code, exp.stderr).toBe(0);
    const file = path.join(out, '某部门2024年部门预算.xlsx');
    const ok = await cli(['verify', file, '--data-dir', dataDir]);
    expect(ok.code, ok.stdout).toBe(0);
  }, 60_000);

  it('fails clearly when the export target cannot be written, leaving the review untouched', async () => {
    const workspace = path.join(dataDir, 'workspaces', createHash('sha256').update(fakePdf('roundtrip')).digest('hex'));
    const before = hashFile(path.join(workspace, 'journal.jsonl'));
    writeFileSync(path.join(tmp, 'occupied'), 'a file, not a folder');
    const target = path.join(tmp, 'occupied', 'out.csv');
    const r = await cli(['export', pdfPath, '--format', 'csv', '--out', target, '--data-dir', dataDir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/FAILED: cannot write .*occupied\/out\.csv: part of the path is a file, not a folder/);
    expect(r.stdout).toMatch(/0 of 1 exported as csv, 1 failed/);
    expect(existsSync(target)).toBe(false);
    expect(hashFile(path.join(workspace, 'journal.jsonl'))).toBe(before);
  }, 60_000);
});

import { generateKeyPairSync } from 'node:crypto';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { replayJournal, setCellOp, type ExtractedDocument } from '../../shared/model';
import type { SignOff } from '../../shared/api';
import { canonicalDataset, sha256Hex } from '../../main/review/canonical';
import {
  chainHead,
  chainStart,
  encodeRecord,
  parseJournal,
  recordHash,
  type JournalRecord,
} from '../../main/review/journal';
import { publicKeyBase64, signText } from '../../main/review/keys';
import { signedPayload } from '../../main/review/signoff';
import { WorkspaceStore } from '../../main/review/workspaces';
import { fakePdf, sampleDocument, sampleFinding } from '../../main/review/testing/sample-document';
import { cli } from './helpers';

let tmp: string;
let dataDir: string;
let pdfPath: string;
let docId: string;
beforeEach(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'brw-te-'));
  dataDir = path.join(tmp, 'data');
  pdfPath = path.join(tmp, '某部门2024年部门决算.pdf');
});
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

/** A reviewed, waived and signed-off workspace; `beforeSign` may add to the journal first. */
async function signed(beforeSign?: (store: WorkspaceStore) => Promise<void>): Promise<void> {
  const pdf = fakePdf('tampered-export');
  writeFileSync(pdfPath, pdf);
  const store = new WorkspaceStore({ dataDir, validate: () => [sampleFinding('f1', 'error')] });
  ({ docId } = await store.importPdf(pdf, path.basename(pdfPath), pdfPath));
  await store.saveExtraction(docId, sampleDocument(pdf));
  await store.apply(docId, setCellOp((await store.current(docId)).doc, 't1', 3, 2, '41.00'), 1, '王');
  await store.apply(docId, { op: 'waiveFinding', findingId: 'f1', before: null, after: '原件如此' }, 1, '王');
  await beforeSign?.(store);
  await store.signOff(docId, '王审核', '与原件核对一致');
  store.close();
}

async function exportJson(): Promise<string> {
  const out = path.join(tmp, 'out.json');
  const r = await cli(['export', pdfPath, '--format', 'json', '--out', out, '--data-dir', dataDir]);
  expect(r.code, r.stderr).toBe(0);
  return out;
}

async function verify(file: string, ...extra: string[]) {
  const r = await cli(['verify', file, '--data-dir', dataDir, ...extra]);
  const failed = [...r.stdout.matchAll(/^ {2}FAIL ([^:]+):/gm)].map((m) => m[1]);
  return { ...r, failed };
}

interface ExportJson {
  current: ExtractedDocument;
  extraction: ExtractedDocument;
  journal: JournalRecord[];
  signOff: SignOff;
  publicKey: string;
  signedDataset: string;
}

describe('a tampered export is refused', () => {
  it('data changed, history made to match and re-signed with a fresh key: "signed by an unknown key"', async () => {
    await signed();
    const out = await exportJson();
    expect((await verify(out)).code).toBe(0);

    // The forger changes the recorded edit, rebuilds everything that depends on it, and signs with their own key.
    const json = JSON.parse(readFileSync(out, 'utf8')) as ExportJson;
    const op = json.journal[0]!;
    if (op.kind !== 'op' || op.op.op !== 'setCell') throw new Error('expected the edit first');
    op.op.after = { text: '14.00', value: 14 };
    const at = json.journal.findIndex((r) => r.kind === 'signOff');
    const before = json.journal.slice(0, at);
    before.forEach((r, i) => (r.prev = i === 0 ? chainStart(docId) : recordHash(before[i - 1]!)));
    const doc = replayJournal(json.extraction, before).doc;
    json.current = { ...json.current, tables: doc.tables };
    json.signedDataset = canonicalDataset(doc);
    const { privateKey } = generateKeyPairSync('ed25519');
    const publicKey = publicKeyBase64(privateKey);
    const unsigned = {
      ...json.signOff,
      datasetSha256: sha256Hex(json.signedDataset),
      journalHead: chainHead(docId, before),
      publicKey,
    };
    const signOff: SignOff = { ...unsigned, signature: signText({ privateKey, publicKey }, signedPayload(unsigned)) };
    json.signOff = signOff;
    json.publicKey = publicKey;
    const rec = json.journal[at]!;
    if (rec.kind === 'signOff') rec.signOff = signOff;
    rec.prev = signOff.journalHead;
    writeFileSync(out, JSON.stringify(json, null, 1));

    const r = await verify(out);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/INVALID \(json\)/);
    expect(r.failed).toEqual(['trusted key']);
    expect(r.stdout).toMatch(
      /FAIL trusted key: The export is signed by an unknown key [0-9a-f:]+: it is not among the 1 trusted key/,
    );
    // Everything else was forged consistently: only trusting the forger's key would let it through.
    const keyFile = path.join(tmp, 'forger.pub');
    writeFileSync(keyFile, `${publicKey}\n`);
    expect((await verify(out, '--trust', keyFile)).code).toBe(0);
    // Without the workstation's key at hand nothing is trusted at all.
    const none = await cli(['verify', out, '--data-dir', path.join(tmp, 'elsewhere')]);
    expect(none.code).toBe(1);
    expect(none.stdout).toMatch(/signed by an unknown key .*none was available/);
  }, 90_000);

  it('the audit trail (who, when, waiver reasons) rewritten after signing', async () => {
    await signed();
    const out = await exportJson();
    const original = readFileSync(out, 'utf8');

    const json = JSON.parse(original) as ExportJson;
    json.journal[0]!.who = '李';
    writeFileSync(out, JSON.stringify(json));
    let r = await verify(out);
    expect(r.failed).toEqual(['audit trail']);
    expect(r.stdout).toMatch(/FAIL audit trail: The audit trail was changed after signing/);

    // Re-chaining every record after the change does not help: the signed head no longer matches.
    const json2 = JSON.parse(original) as ExportJson;
    const waiver = json2.journal[1]!;
    if (waiver.kind === 'op' && waiver.op.op === 'waiveFinding') waiver.op.after = '已核实无误';
    json2.journal[1]!.at = '2020-01-01T00:00:00.000Z';
    json2.journal.forEach((rec, i) => (rec.prev = i === 0 ? chainStart(docId) : recordHash(json2.journal[i - 1]!)));
    writeFileSync(out, JSON.stringify(json2));
    r = await verify(out);
    expect(r.failed).toEqual(['audit trail']);
  }, 90_000);

  it('an export whose journal skipped a record that no longer fits passes its own verification', async () => {
    await signed(async (store) => {
      // A record the store would refuse today (a stale edit from an older version), chained like any other.
      const file = path.join(dataDir, 'workspaces', docId, 'journal.jsonl');
      const { records } = parseJournal(readFileSync(file));
      const stale: JournalRecord = {
        kind: 'op',
        seq: records.length,
        at: new Date().toISOString(),
        who: 'old-tab',
        revision: 1,
        prev: chainHead(docId, records),
        op: {
          op: 'setCell',
          table: 't1',
          row: 0,
          col: 2,
          before: { text: 'gone', value: null },
          after: { text: '1', value: 1 },
        },
      };
      appendFileSync(file, encodeRecord(stale));
      const st = await store.load(docId);
      expect(st.notices).toEqual([expect.stringMatching(/Recorded change #2 \(setCell by old-tab\) .* skipped/)]);
    });
    const out = await exportJson();
    const r = await verify(out);
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toMatch(
      /ok {3}edit history: .*1 record\(s\) that did not fit were skipped, as the workstation skipped them \(#2 setCell\)/,
    );
    expect(r.stdout).toMatch(/ok {3}audit trail: The 3 record\(s\) before the sign-off/);
  }, 90_000);
});

import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, appendFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setCellOp, type ExtractedDocument } from '../../shared/model';
import { ReviewStateSchema } from '../../shared/api';
import { nodeFs, type ReviewFs } from './fs-adapter';
import { WorkspaceStore } from './workspaces';
import { fakePdf, sampleDocument, sampleFinding } from './testing/sample-document';
import { signOffSignatureValid } from './signoff';
import { datasetSha256 } from './canonical';
import { chainStart, checkChain, recordHash } from './journal';

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'brw-ws-'));
});
afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

async function openSample(store: WorkspaceStore, label = 'a', doc?: (pdf: Uint8Array) => ExtractedDocument) {
  const pdf = fakePdf(label);
  const info = await store.importPdf(pdf, `${label}.pdf`, `/docs/${label}.pdf`);
  await store.saveExtraction(info.docId, doc ? doc(pdf) : sampleDocument(pdf));
  return info;
}

async function edit(store: WorkspaceStore, docId: string, row: number, text: string, revision = 1) {
  const { doc } = await store.current(docId);
  return store.apply(docId, setCellOp(doc, 't1', row, 2, text), revision, 'tester');
}

function journalPath(docId: string) {
  return path.join(dataDir, 'workspaces', docId, 'journal.jsonl');
}

describe('workspaces by PDF hash', () => {
  it('restores the same workspace for the same bytes under another name, and keeps same-named PDFs apart', async () => {
    const store = new WorkspaceStore({ dataDir });
    const a = await openSample(store, 'a');
    await edit(store, a.docId, 0, '11.00');
    const again = await new WorkspaceStore({ dataDir }).importPdf(
      fakePdf('a'),
      'renamed.pdf',
      '/elsewhere/renamed.pdf',
    );
    expect(again.docId).toBe(a.docId);
    const other = await store.importPdf(fakePdf('b'), 'a.pdf', '/other/a.pdf');
    expect(other.docId).not.toBe(a.docId);
    const state = await new WorkspaceStore({ dataDir }).load(a.docId);
    expect(state.journal).toHaveLength(1);
    expect(state.info.name).toBe('renamed.pdf');
    expect(Buffer.from(await store.pdfBytes(a.docId))).toEqual(Buffer.from(fakePdf('a')));
  });

  it('refuses an unknown document id in plain words', async () => {
    const store = new WorkspaceStore({ dataDir });
    await expect(store.load('0'.repeat(64))).rejects.toMatchObject({ code: 'unknown_document' });
    await expect(store.load('../etc')).rejects.toMatchObject({ code: 'unknown_document' });
  });

  it('takes the page count from the injected counter', async () => {
    const store = new WorkspaceStore({ dataDir, countPages: async () => 42 });
    expect((await store.importPdf(fakePdf('p'), 'p.pdf', null)).pages).toBe(42);
  });
});

describe('journal', () => {
  it('journals each edit as one line and replays it on load', async () => {
    const store = new WorkspaceStore({ dataDir });
    const { docId } = await openSample(store);
    expect(await edit(store, docId, 0, '11.00')).toEqual({ seq: 0 });
    expect(await edit(store, docId, 1, '21.00')).toEqual({ seq: 1 });
    expect(readFileSync(journalPath(docId), 'utf8').trim().split('\n')).toHaveLength(2);
    const fresh = new WorkspaceStore({ dataDir });
    const { doc } = await fresh.current(docId);
    expect(doc.tables[0]!.rows[0]!.cells[2]).toMatchObject({ text: '11.00', value: 11, corrected: true });
    expect(doc.tables[0]!.rows[1]!.cells[2]!.value).toBe(21);
    const state = await fresh.load(docId);
    expect(state.journal.map((j) => [j.seq, j.who, j.op.op])).toEqual([
      [0, 'tester', 'setCell'],
      [1, 'tester', 'setCell'],
    ]);
    expect(state.notices).toEqual([]);
  });

  it('serialises edits arriving at the same time into one gap-free sequence', async () => {
    const store = new WorkspaceStore({ dataDir });
    const { docId } = await openSample(store);
    const { doc } = await store.current(docId);
    const ops = Array.from({ length: 6 }, (_, i) => setCellOp(doc, 't1', i, 3, `${i}.5`));
    const acks = await Promise.all(ops.map((op) => store.apply(docId, op, 1, 'x')));
    expect(acks.map((a) => a.seq).sort()).toEqual([0, 1, 2, 3, 4, 5]);
    const state = await new WorkspaceStore({ dataDir }).load(docId);
    expect(state.journal.map((j) => j.seq)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('picks up records another process appended instead of overwriting them', async () => {
    const a = new WorkspaceStore({ dataDir });
    const { docId } = await openSample(a);
    await edit(a, docId, 0, '1.00');
    const b = new WorkspaceStore({ dataDir });
    await edit(b, docId, 1, '2.00');
    expect(await edit(a, docId, 2, '3.00')).toEqual({ seq: 2 });
    const state = await new WorkspaceStore({ dataDir }).load(docId);
    expect(state.journal.map((j) => [j.seq, j.op.op === 'setCell' && j.op.after.text])).toEqual([
      [0, '1.00'],
      [1, '2.00'],
      [2, '3.00'],
    ]);
  });

  it('refuses a conflicting edit and journals nothing for it', async () => {
    const store = new WorkspaceStore({ dataDir });
    const { docId } = await openSample(store);
    const { doc } = await store.current(docId);
    const stale = setCellOp(doc, 't1', 0, 2, '99');
    await edit(store, docId, 0, '11.00');
    await expect(store.apply(docId, stale, 1, 'x')).rejects.toMatchObject({ code: 'edit_conflict' });
    expect((await store.load(docId)).journal).toHaveLength(1);
  });

  it('drops a torn tail, says what was dropped, and truncates so later appends are clean', async () => {
    const store = new WorkspaceStore({ dataDir });
    const { docId } = await openSample(store);
    await edit(store, docId, 0, '11.00');
    await edit(store, docId, 1, '21.00');
    const good = statSync(journalPath(docId)).size;
    const torn = '{"r":{"kind":"op","seq":2,"at":"2026';
    appendFileSync(journalPath(docId), torn);
    const fresh = new WorkspaceStore({ dataDir });
    const state = await fresh.load(docId);
    expect(state.journal).toHaveLength(2);
    expect(state.notices).toHaveLength(1);
    expect(state.notices[0]).toMatch(
      new RegExp(`interrupted: ${torn.length} byte\\(s\\) at line 3 were incomplete.*All 2 complete change`),
    );
    expect(statSync(journalPath(docId)).size).toBe(good);
    expect(await edit(fresh, docId, 2, '31.00')).toEqual({ seq: 2 });
    const after = await new WorkspaceStore({ dataDir }).load(docId);
    expect(after.journal.map((j) => j.seq)).toEqual([0, 1, 2]);
    expect(after.notices).toEqual([]);
  });

  it('drops a complete last line whose checksum does not match', async () => {
    const store = new WorkspaceStore({ dataDir });
    const { docId } = await openSample(store);
    await edit(store, docId, 0, '11.00');
    await edit(store, docId, 1, '21.00');
    const lines = readFileSync(journalPath(docId), 'utf8').split('\n');
    lines[1] = lines[1]!.replace('21.00', '29.00');
    writeFileSync(journalPath(docId), lines.join('\n'));
    const state = await new WorkspaceStore({ dataDir }).load(docId);
    expect(state.journal).toHaveLength(1);
    expect(state.notices[0]).toMatch(/checksum does not match/);
  });

  it('keeps records after damage in the middle aside instead of losing them', async () => {
    const store = new WorkspaceStore({ dataDir });
    const { docId } = await openSample(store);
    for (let i = 0; i < 3; i++) await edit(store, docId, i, `${i}1.50`);
    const original = readFileSync(journalPath(docId), 'utf8');
    const lines = original.split('\n');
    lines[1] = lines[1]!.slice(0, 20);
    writeFileSync(journalPath(docId), lines.join('\n'));
    const state = await new WorkspaceStore({ dataDir }).load(docId);
    expect(state.journal).toHaveLength(1);
    expect(state.notices[0]).toMatch(/damaged at line 2.*1 record\(s\) after the damage.*journal\.damaged-/);
    const aside = readdirSync(path.dirname(journalPath(docId))).find((f) => f.startsWith('journal.damaged-'));
    expect(aside).toBeDefined();
    expect(readFileSync(path.join(path.dirname(journalPath(docId)), aside!), 'utf8')).toBe(lines.join('\n'));
  });

  it('loads the same state from a snapshot as from a full replay', async () => {
    const store = new WorkspaceStore({ dataDir, snapshotEvery: 3 });
    const { docId } = await openSample(store);
    for (let i = 0; i < 5; i++) await edit(store, docId, i, `${i + 1}.25`);
    const dir = path.dirname(journalPath(docId));
    expect(readdirSync(dir)).toContain('snapshot.json');
    const viaSnapshot = await new WorkspaceStore({ dataDir }).current(docId);
    rmSync(path.join(dir, 'snapshot.json'));
    const viaReplay = await new WorkspaceStore({ dataDir }).current(docId);
    expect(viaSnapshot.doc).toEqual(viaReplay.doc);
    expect(viaReplay.doc.tables[0]!.rows[4]!.cells[2]!.text).toBe('5.25');
  });

  it('ignores a snapshot taken beyond a journal that was cut back', async () => {
    const store = new WorkspaceStore({ dataDir, snapshotEvery: 2 });
    const { docId } = await openSample(store);
    for (let i = 0; i < 2; i++) await edit(store, docId, i, `${i + 1}.75`);
    const lines = readFileSync(journalPath(docId), 'utf8').split('\n');
    writeFileSync(journalPath(docId), `${lines[0]}\n${lines[1]!.slice(0, 30)}`);
    const { doc } = await new WorkspaceStore({ dataDir }).current(docId);
    expect(doc.tables[0]!.rows[1]!.cells[2]!.text).toBe('20.00');
    expect(doc.tables[0]!.rows[0]!.cells[2]!.text).toBe('1.75');
  });

  it('refuses to replace the extraction under recorded edits', async () => {
    const store = new WorkspaceStore({ dataDir });
    const { docId } = await openSample(store);
    await edit(store, docId, 0, '11.00');
    await expect(store.saveExtraction(docId, sampleDocument(fakePdf('a')))).rejects.toMatchObject({
      code: 'review_in_progress',
    });
  });
});

/** An fs whose journal writes fail like a full disk after writing half the record. */
function failingFs(code: string, failWrites: { n: number }): ReviewFs {
  return {
    ...nodeFs,
    async writeAtDurable(file, data, offset) {
      if (failWrites.n > 0) {
        failWrites.n--;
        await nodeFs.writeAtDurable(file, data.subarray(0, Math.floor(data.length / 2)), offset);
        throw Object.assign(new Error(`${code}: simulated`), { code });
      }
      return nodeFs.writeAtDurable(file, data, offset);
    },
  };
}

describe('storage failures', () => {
  it('reports a full disk in plain words, keeps every saved edit, and recovers once space is back', async () => {
    const fail = { n: 0 };
    const store = new WorkspaceStore({ dataDir, fs: failingFs('ENOSPC', fail) });
    const { docId } = await openSample(store);
    await edit(store, docId, 0, '11.00');
    fail.n = 1;
    const err = await edit(store, docId, 1, '21.00').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'disk_full' });
    expect((err as Error).message).toMatch(/disk .* is full.*Everything saved before is unchanged/);
    expect((await store.current(docId)).doc.tables[0]!.rows[1]!.cells[2]!.text).toBe('20.00');
    expect(await edit(store, docId, 1, '22.00')).toEqual({ seq: 1 });
    const state = await new WorkspaceStore({ dataDir }).load(docId);
    expect(state.journal.map((j) => (j.op.op === 'setCell' ? j.op.after.text : ''))).toEqual(['11.00', '22.00']);
    expect(state.notices).toEqual([]);
  });

  it('reports an I/O error with its code', async () => {
    const fail = { n: 0 };
    const store = new WorkspaceStore({ dataDir, fs: failingFs('EIO', fail) });
    const { docId } = await openSample(store);
    fail.n = 1;
    await expect(edit(store, docId, 0, '1')).rejects.toMatchObject({
      code: 'write_failed',
      message: expect.stringMatching(/EIO/),
    });
  });

  it('reports a read-only data directory and still opens what was saved', async () => {
    const store = new WorkspaceStore({ dataDir });
    const { docId } = await openSample(store);
    await edit(store, docId, 0, '11.00');
    const readOnly: ReviewFs = {
      ...nodeFs,
      mkdir: async () => undefined,
      writeDurable: async () => {
        throw Object.assign(new Error('EROFS'), { code: 'EROFS' });
      },
      writeAtDurable: async () => {
        throw Object.assign(new Error('EROFS'), { code: 'EROFS' });
      },
    };
    const ro = new WorkspaceStore({ dataDir, fs: readOnly });
    expect((await ro.importPdf(fakePdf('a'), 'a.pdf', null)).docId).toBe(docId);
    expect((await ro.load(docId)).journal).toHaveLength(1);
    await expect(edit(ro, docId, 1, '2')).rejects.toMatchObject({
      code: 'data_dir_read_only',
      message: expect.stringMatching(/read-only/),
    });
    await expect(ro.importPdf(fakePdf('new'), 'new.pdf', null)).rejects.toMatchObject({ code: 'data_dir_read_only' });
  });

  it('creates a missing data directory, and says so when it disappears', async () => {
    const nested = path.join(dataDir, 'not', 'yet');
    const store = new WorkspaceStore({ dataDir: nested });
    const { docId } = await openSample(store);
    await edit(store, docId, 0, '1');
    rmSync(nested, { recursive: true });
    await expect(edit(store, docId, 1, '2')).rejects.toMatchObject({
      code: 'data_dir_missing',
      message: expect.stringMatching(/the data directory .* is missing \(ENOENT\)\. Was a drive removed\?/),
    });
  });
});

describe('sign-off and re-open', () => {
  it('is blocked by an open error finding until it is waived with a reason, then signs and locks', async () => {
    const store = new WorkspaceStore({
      dataDir,
      validate: () => [sampleFinding('f1'), sampleFinding('w1', 'warning')],
    });
    const { docId } = await openSample(store);
    await expect(store.signOff(docId, 'Li', 'ok')).rejects.toMatchObject({
      code: 'signoff_blocked',
      message: expect.stringMatching(/1 error-level finding is open/),
    });
    await store.apply(docId, { op: 'waiveFinding', findingId: 'f1', before: null, after: '报表原文如此' }, 1, 'Li');
    const so = await store.signOff(docId, 'Li', 'checked against the PDF');
    expect(so).toMatchObject({ reviewer: 'Li', revision: 1, pdfSha256: docId });
    expect(so.datasetSha256).toBe(datasetSha256((await store.current(docId)).doc));
    expect(signOffSignatureValid(so)).toBe(true);
    expect(signOffSignatureValid({ ...so, note: 'changed' })).toBe(false);
    expect(statSync(path.join(dataDir, 'keys', 'signing-ed25519.pem')).mode & 0o777).toBe(0o600);
    await expect(edit(store, docId, 0, '1')).rejects.toMatchObject({ code: 'signed_off' });

    const recent = await store.recent();
    expect(recent[0]).toMatchObject({ docId, status: 'signed_off', openFindings: 1 });

    const reopened = await store.reopen(docId, 'typo found in 公开05表', 'Wang');
    expect(reopened.revision).toBe(2);
    expect(reopened.signOff).toBeNull();
    await expect(edit(store, docId, 0, '1', 1)).rejects.toMatchObject({ code: 'stale_revision' });
    await edit(store, docId, 0, '1', 2);
    const audit = await new WorkspaceStore({ dataDir }).audit(docId);
    expect(audit.map((r) => r.kind)).toEqual(['op', 'signOff', 'reopen', 'op']);
    expect(audit[2]).toMatchObject({ who: 'Wang', revision: 2, reason: 'typo found in 公开05表' });
    const state = await new WorkspaceStore({ dataDir }).load(docId);
    expect(state.revision).toBe(2);
    expect(state.journal.map((j) => j.revision)).toEqual([1, 2]);
    expect(state.audit).toEqual([
      expect.objectContaining({ seq: 1, kind: 'signOff', who: 'Li', revision: 1, text: 'checked against the PDF' }),
      expect.objectContaining({ seq: 2, kind: 'reopen', who: 'Wang', revision: 2, text: 'typo found in 公开05表' }),
    ]);
    expect(ReviewStateSchema.safeParse(state).success).toBe(true);
  });

  it('uses one key pair per installation', async () => {
    const store = new WorkspaceStore({ dataDir });
    const a = await openSample(store, 'a');
    const b = await openSample(store, 'b');
    const s1 = await store.signOff(a.docId, 'Li', '');
    const s2 = await new WorkspaceStore({ dataDir }).signOff(b.docId, 'Li', '');
    expect(s1.publicKey).toBe(s2.publicKey);
  });

  it('lists recent documents with status', async () => {
    const store = new WorkspaceStore({
      dataDir,
      now: (() => {
        let t = 0;
        return () => new Date(Date.UTC(2026, 0, 1, 0, 0, t++));
      })(),
    });
    await store.importPdf(fakePdf('new'), 'new.pdf', null);
    const a = await openSample(store, 'a');
    await edit(store, a.docId, 0, '1');
    const b = await openSample(store, 'b', (pdf) => sampleDocument(pdf, { findings: [sampleFinding('x')] }));
    const recent = await store.recent();
    expect(recent.map((r) => [r.name, r.status, r.openFindings])).toEqual([
      ['b.pdf', 'extracted', 1],
      ['a.pdf', 'in_review', 0],
      ['new.pdf', 'new', undefined],
    ]);
    expect(recent[0]!.docId).toBe(b.docId);
  });
});

describe('the journal hash chain', () => {
  it('links every record to the one before and signs the head into the sign-off', async () => {
    const store = new WorkspaceStore({ dataDir });
    const { docId } = await openSample(store);
    await edit(store, docId, 0, '11.00');
    await edit(store, docId, 1, '21.00');
    const signOff = await store.signOff(docId, 'Li', '');
    const records = await new WorkspaceStore({ dataDir }).audit(docId);
    expect(records[0]!.prev).toBe(chainStart(docId));
    expect(records[1]!.prev).toBe(recordHash(records[0]!));
    expect(signOff.journalHead).toBe(recordHash(records[1]!));
    expect(records[2]).toMatchObject({ kind: 'signOff', prev: signOff.journalHead });
    expect(checkChain(docId, records)).toMatchObject({ breaks: [], unchained: 0 });
    expect(signOffSignatureValid(signOff)).toBe(true);
    expect(signOffSignatureValid({ ...signOff, journalHead: recordHash(records[0]!) })).toBe(false);
    expect((await new WorkspaceStore({ dataDir }).load(docId)).notices).toEqual([]);
  });

  it('journals an edit as it reads back, so its hash survives a reload', async () => {
    const store = new WorkspaceStore({ dataDir });
    const { docId } = await openSample(store);
    const { doc } = await store.current(docId);
    const op = { ...setCellOp(doc, 't1', 0, 2, '1.00'), extra: 'not in the schema' };
    await store.apply(docId, op, 1, 'x');
    await edit(store, docId, 1, '2.00');
    const st = await new WorkspaceStore({ dataDir }).load(docId);
    expect(st.notices).toEqual([]);
    expect(readFileSync(journalPath(docId), 'utf8')).not.toContain('extra');
  });
});

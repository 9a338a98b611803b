import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setCellOp } from '../../shared/model';
import { encodeRecord, type JournalRecord } from '../../main/review/journal';
import { WorkspaceStore } from '../../main/review/workspaces';
import { sampleDocument } from '../../main/review/testing/sample-document';
import { worker } from './helpers';

let dataDir: string;
let docId: string;
beforeEach(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'brw-tj-'));
  const r = await worker(['import', dataDir, 'tamper']);
  docId = r.lines[0]!.slice(4);
  const s = await worker(['stream', dataDir, docId, '6']);
  expect(s.lines.filter((l) => l.startsWith('ack '))).toHaveLength(6);
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

const ws = (name: string) => path.join(dataDir, 'workspaces', docId, name);
const lines = () => readFileSync(ws('journal.jsonl'), 'utf8').split('\n').filter(Boolean);
const record = (line: string) => (JSON.parse(line) as { r: JournalRecord }).r;
/** Rewrites one record and gives it a valid checksum, as someone editing the file on purpose would. */
function rewrite(i: number, change: (r: JournalRecord) => void): void {
  const all = lines();
  const r = record(all[i]!);
  change(r);
  all[i] = encodeRecord(r).toString('utf8').trimEnd();
  writeFileSync(ws('journal.jsonl'), `${all.join('\n')}\n`);
}

async function loadInWorker(): Promise<{ edits: unknown[][]; notices: string[] }> {
  const r = await worker(['load', dataDir, docId]);
  expect(r.lines[0], r.stdout + r.stderr).toMatch(/^state /);
  return JSON.parse(r.lines[0]!.slice('state '.length)) as { edits: unknown[][]; notices: string[] };
}

describe('a changed journal is reported on load, never served silently', () => {
  it('a record edited in the middle (checksum made to match)', async () => {
    rewrite(2, (r) => {
      if (r.kind === 'op' && r.op.op === 'setCell') r.op.after.text = '999.99';
    });
    const st = await loadInWorker();
    expect(st.edits).toHaveLength(6);
    expect(st.notices.join('\n')).toMatch(
      /was changed after it was written: record #3 does not follow from the record before/,
    );
  }, 60_000);

  it('the last record edited (no record after it to show the break)', async () => {
    rewrite(5, (r) => {
      r.who = 'someone else';
    });
    const st = await loadInWorker();
    expect(st.notices.join('\n')).toMatch(/Record #5 of the review journal .* differs from the one that was saved/);
  }, 60_000);

  it('a line removed from the middle', async () => {
    const all = lines();
    all.splice(2, 1);
    writeFileSync(ws('journal.jsonl'), `${all.join('\n')}\n`);
    const st = await loadInWorker();
    expect(st.edits.map((e) => e[0])).toEqual([0, 1]);
    expect(st.notices.join('\n')).toMatch(/damaged at line 3 \(record number 3 where 2 was expected\).*kept aside/);
  }, 60_000);

  it('the file cut at a line boundary', async () => {
    const all = lines();
    writeFileSync(ws('journal.jsonl'), `${all.slice(0, 4).join('\n')}\n`);
    const st = await loadInWorker();
    expect(st.edits.map((e) => e[0])).toEqual([0, 1, 2, 3]);
    expect(st.notices).toEqual([
      expect.stringMatching(
        /ends at record #3, but records up to #5 had been saved: 2 recorded change\(s\) are missing/,
      ),
    ]);
  }, 60_000);

  it('the journal deleted, or emptied', async () => {
    rmSync(ws('journal.jsonl'));
    let st = await loadInWorker();
    expect(st.edits).toEqual([]);
    expect(st.notices).toEqual([
      expect.stringMatching(/is missing or empty, but 6 recorded change\(s\) had been saved/),
    ]);
    writeFileSync(ws('journal.jsonl'), '');
    st = await loadInWorker();
    expect(st.notices).toHaveLength(1);
  }, 60_000);

  it('a journal from before the chain still loads, reported as unchained, and new records chain on', async () => {
    const all = lines().map((l) => {
      const r = record(l);
      delete r.prev;
      return encodeRecord(r).toString('utf8').trimEnd();
    });
    writeFileSync(ws('journal.jsonl'), `${all.join('\n')}\n`);
    rmSync(ws('journal.head'));
    const st = await loadInWorker();
    expect(st.edits).toHaveLength(6);
    expect(st.notices).toEqual([expect.stringMatching(/6 record\(s\) .* not hash-chained \(unchained\)/)]);
    expect((await worker(['stream', dataDir, docId, '1'])).lines[0]).toMatch(/^ack 6 /);
    expect(record(lines()[6]!).prev).toMatch(/^[0-9a-f]{64}$/);
  }, 60_000);
});

describe('snapshot and extraction', () => {
  it('a changed snapshot.json is reported and the review rebuilt from the journal', async () => {
    const store = new WorkspaceStore({ dataDir, snapshotEvery: 3 });
    for (const row of [6, 7, 8])
      await store.apply(docId, setCellOp((await store.current(docId)).doc, 't1', row, 2, `${row}.88`), 1, 'li');
    const truth = (await store.current(docId)).doc;
    store.close();
    const snap = JSON.parse(readFileSync(ws('snapshot.json'), 'utf8'));
    expect(snap.seq).toBe(8);
    snap.doc.tables[0].rows[8].cells[2].text = '0.01';
    writeFileSync(ws('snapshot.json'), JSON.stringify(snap));
    const again = new WorkspaceStore({ dataDir });
    const st = await again.load(docId);
    expect(st.notices).toEqual([expect.stringMatching(/snapshot\.json .* was changed after it was written/)]);
    expect((await again.current(docId)).doc).toEqual(truth);
    again.close();
  }, 60_000);

  it('a truncated extraction.json is re-made from the stored PDF and the journal replayed onto it', async () => {
    const before = new WorkspaceStore({ dataDir });
    const truth = (await before.current(docId)).doc;
    before.close();
    truncateSync(ws('extraction.json'), 100);

    const plain = new WorkspaceStore({ dataDir });
    await expect(plain.load(docId)).rejects.toMatchObject({
      code: 'extraction_damaged',
      message: expect.stringMatching(/extraction of tamper\.pdf is damaged \(it is cut short or not valid JSON\)/),
    });
    expect((await plain.recent()).map((r) => r.docId)).toEqual([docId]);
    plain.close();

    const store = new WorkspaceStore({ dataDir, reextract: async (pdf) => sampleDocument(pdf, { rows: 40 }) });
    expect(await store.getExtraction(docId)).not.toBeNull();
    const st = await store.load(docId);
    expect(st.journal).toHaveLength(6);
    expect(st.notices).toEqual([
      expect.stringMatching(
        /extraction of tamper\.pdf was damaged .* re-made from the stored PDF .* kept as extraction\.damaged-/,
      ),
    ]);
    expect((await store.current(docId)).doc).toEqual(truth);
    store.close();
  }, 60_000);
});

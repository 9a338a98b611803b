import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setCellOp } from '../../shared/model';
import { WorkspaceStore } from '../../main/review/workspaces';
import { makeReadOnly, makeWritable, streamAndKill, unprivileged, worker } from './helpers';

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'brw-rel-'));
  // The unprivileged child must be able to reach the tree (mkdtemp makes it 0700).
  chmodSync(dataDir, 0o755);
});
afterEach(() => {
  makeWritable(dataDir);
  rmSync(dataDir, { recursive: true, force: true });
});

async function importDoc(label: string): Promise<string> {
  const r = await worker(['import', dataDir, label]);
  expect(r.lines[0]).toMatch(/^doc [0-9a-f]{64}$/);
  return r.lines[0]!.slice(4);
}

function journal(docId: string): string {
  return path.join(dataDir, 'workspaces', docId, 'journal.jsonl');
}

/** Every acknowledged `ack SEQ ROW COL TEXT` must be in the re-opened workspace, at its seq, with its value. */
async function expectAllAcked(docId: string, acked: string[]) {
  const store = new WorkspaceStore({ dataDir });
  const state = await store.load(docId);
  const bySeq = new Map(state.journal.map((j) => [j.seq, j]));
  for (const line of acked) {
    const [, seq, row, col, text] = line.split(' ');
    const entry = bySeq.get(Number(seq));
    expect(entry, `acknowledged edit ${seq} is missing`).toBeDefined();
    expect(entry!.op).toMatchObject({ op: 'setCell', row: Number(row), col: Number(col), after: { text } });
  }
  expect(state.journal.map((j) => j.seq)).toEqual(state.journal.map((_, i) => i));
  return { store, state };
}

describe('a review survives its process being killed', () => {
  it('keeps every acknowledged edit after kill -9 in the middle of a stream, and takes new edits after', async () => {
    const docId = await importDoc('kill');
    const first = await streamAndKill(dataDir, docId, 25);
    expect(first.signal).toBe('SIGKILL');
    // This process must let go of the data dir before the next worker can take it (one writer per data dir).
    (await expectAllAcked(docId, first.acked)).store.close();
    // A second crash on top of the first, then the journal must still be clean for a third writer.
    const second = await streamAndKill(dataDir, docId, 15);
    const { store, state } = await expectAllAcked(docId, [...first.acked, ...second.acked]);
    expect(state.journal.length).toBeGreaterThanOrEqual(40);
    const { doc } = await store.current(docId);
    const { seq } = await store.apply(docId, setCellOp(doc, 't1', 0, 2, '1.00'), 1, 'after-crash');
    expect(seq).toBe(state.journal.length);
  }, 60_000);

  it('recovers a journal cut in the middle of a record, says what was dropped, and appends cleanly after', async () => {
    const docId = await importDoc('torn');
    const r = await worker(['stream', dataDir, docId, '6']);
    expect(r.lines.filter((l) => l.startsWith('ack'))).toHaveLength(6);
    const lines = readFileSync(journal(docId), 'utf8').split('\n');
    const cut = statSync(journal(docId)).size - Math.floor(lines[5]!.length / 2);
    truncateSync(journal(docId), cut);
    const loaded = await worker(['load', dataDir, docId]);
    const state = JSON.parse(loaded.lines[0]!.slice('state '.length)) as { edits: unknown[][]; notices: string[] };
    expect(state.edits.map((e) => e[0])).toEqual([0, 1, 2, 3, 4]);
    expect(state.notices).toHaveLength(1);
    expect(state.notices[0]).toMatch(
      /interrupted: \d+ byte\(s\) at line 6 were incomplete .* dropped\. All 5 complete change\(s\)/,
    );
    const more = await worker(['stream', dataDir, docId, '1']);
    expect(more.lines[0]).toMatch(/^ack 5 /);
    expect((await new WorkspaceStore({ dataDir }).load(docId)).notices).toEqual([]);
  }, 60_000);
});

describe('storage that refuses writes', () => {
  it('reports a full disk in plain words and keeps every edit saved before it', async () => {
    const docId = await importDoc('full');
    const r = await worker(['stream', dataDir, docId, '6', '4']);
    const acked = r.lines.filter((l) => l.startsWith('ack'));
    expect(acked).toHaveLength(4);
    expect(r.lines.slice(4)).toEqual(
      Array(2).fill(
        expect.stringMatching(
          /^err disk_full Could not save the edit: the disk holding .* is full \(ENOSPC\)\..*Everything saved before is unchanged\./,
        ),
      ),
    );
    const { state } = await expectAllAcked(docId, acked);
    expect(state.journal).toHaveLength(4);
    expect(state.notices.join(' ')).toMatch(/interrupted/);
  }, 60_000);

  it('refuses edits on a read-only data directory with a clear message, while still opening saved work', async () => {
    const docId = await importDoc('ro');
    const before = await worker(['stream', dataDir, docId, '3']);
    makeReadOnly(dataDir);
    const edit = await worker(['stream', dataDir, docId, '1'], unprivileged);
    expect(edit.lines[0]).toMatch(
      /^err data_dir_read_only Could not save the edit: the data directory .* is read-only \((EACCES|EPERM|EROFS)\)/,
    );
    const load = await worker(['load', dataDir, docId], unprivileged);
    expect(JSON.parse(load.lines[0]!.slice(6)).edits).toHaveLength(3);
    const create = await worker(['import', dataDir, 'new'], unprivileged);
    expect(create.lines[0]).toMatch(/^err data_dir_read_only /);
    makeWritable(dataDir);
    await expectAllAcked(docId, before.lines);
  }, 60_000);

  it('creates a missing data directory, and explains one that cannot exist', async () => {
    const fresh = path.join(dataDir, 'first', 'run');
    expect((await worker(['import', fresh, 'x'])).lines[0]).toMatch(/^doc /);
    writeFileSync(path.join(dataDir, 'a-file'), '');
    const r = await worker(['import', path.join(dataDir, 'a-file', 'data'), 'x']);
    expect(r.lines[0]).toMatch(
      /^err data_dir_missing Could not keep a copy of x\.pdf: the data directory .*a-file\/data .*missing \(ENOTDIR\)/,
    );
  }, 60_000);
});

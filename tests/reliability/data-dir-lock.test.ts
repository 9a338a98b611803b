import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WorkspaceStore } from '../../main/review/workspaces';
import { fakePdf } from '../../main/review/testing/sample-document';
import { cli, ROOT, runNode, startWorker, worker } from './helpers';

let tmp: string;
let dataDir: string;
beforeEach(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'brw-lock-'));
  dataDir = path.join(tmp, 'data');
});
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

const IN_USE = /^数据目录正被另一个进程使用 \(pid (\d+)\) \/ data dir in use by process \1$/;

async function importDoc(label: string): Promise<string> {
  const r = await worker(['import', dataDir, label]);
  expect(r.lines[0]).toMatch(/^doc [0-9a-f]{64}$/);
  return r.lines[0]!.slice(4);
}

describe('one writer per data dir', () => {
  it('refuses a second process (worker, CLI export, web host) while the first streams edits, and loses none of them', async () => {
    const docId = await importDoc('two');
    const a = await startWorker(['stream', dataDir, docId, '100000'], /^ack /);
    const pidA = a.child.pid!;
    try {
      // A second review process on the same data dir: refused before it writes anything.
      const b = await worker(['stream', dataDir, docId, '50']);
      expect(b.code).not.toBe(0);
      expect(b.lines).toHaveLength(1);
      expect(b.lines[0]).toMatch(/^err data_dir_in_use /);
      expect(b.lines[0]!.slice('err data_dir_in_use '.length)).toMatch(IN_USE);
      expect(b.lines[0]).toContain(`pid ${pidA}`);

      // The CLI export: one line on stderr, non-zero exit.
      const pdf = path.join(tmp, 'two.pdf');
      writeFileSync(pdf, fakePdf('two'));
      const exp = await cli([
        'export',
        pdf,
        '--format',
        'json',
        '--out',
        path.join(tmp, 'o.json'),
        '--data-dir',
        dataDir,
      ]);
      expect(exp.code).toBe(1);
      expect(exp.stderr.trimEnd().split('\n')).toEqual([
        `budget-review export: 数据目录正被另一个进程使用 (pid ${pidA}) / data dir in use by process ${pidA}`,
      ]);

      // The web host: one line on stderr, non-zero exit, no URL printed.
      const staticDir = path.join(tmp, 'static');
      mkdirSync(staticDir);
      writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html>');
      const serve = await runNode([
        path.join(ROOT, 'bin', 'run-ts.mjs'),
        path.join(ROOT, 'main', 'web', 'serve.ts'),
        '--data-dir',
        dataDir,
        '--static',
        staticDir,
      ]);
      expect(serve.code).toBe(1);
      expect(serve.stdout).toBe('');
      expect(serve.stderr.trimEnd().split('\n')).toEqual([
        `serve: 数据目录正被另一个进程使用 (pid ${pidA}) / data dir in use by process ${pidA}`,
      ]);
      expect(a.child.exitCode).toBeNull();
    } finally {
      a.child.kill('SIGKILL');
    }
    await a.done;
    const acked = a.lines.filter((l) => l.startsWith('ack '));
    expect(a.lines.filter((l) => l.startsWith('err '))).toEqual([]);
    expect(acked.length).toBeGreaterThan(0);

    // The first process was killed: its lock is stale and the next process takes the data dir over.
    const store = new WorkspaceStore({ dataDir });
    const state = await store.load(docId);
    const seqs = state.journal.map((j) => j.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(seqs).toEqual(seqs.map((_, i) => i));
    const bySeq = new Map(state.journal.map((j) => [j.seq, j]));
    for (const line of acked) {
      const [, seq, row, col, text] = line.split(' ');
      expect(bySeq.get(Number(seq))?.op, `acknowledged edit ${seq}`).toMatchObject({
        op: 'setCell',
        row: Number(row),
        col: Number(col),
        after: { text },
      });
    }
    expect(state.notices.filter((n) => !/interrupted/.test(n))).toEqual([]);
    store.close();
    const more = await worker(['stream', dataDir, docId, '1']);
    expect(more.lines[0]).toMatch(new RegExp(`^ack ${state.journal.length} `));
  }, 90_000);

  it('releases the lock on exit and takes over one left by a killed process', async () => {
    await importDoc('rel');
    expect(readdirSync(dataDir)).not.toContain('.lock');
    const held = await startWorker(['hold', dataDir, '-'], /^held /);
    expect(readdirSync(dataDir)).toContain('.lock');
    expect(statSync(path.join(dataDir, '.lock')).mode & 0o777).toBe(0o600);
    held.child.kill('SIGKILL');
    await held.done;
    expect(readdirSync(dataDir)).toContain('.lock');
    expect((await worker(['import', dataDir, 'after-kill'])).lines[0]).toMatch(/^doc /);
    expect(readdirSync(dataDir)).not.toContain('.lock');
  }, 60_000);
});

describe('a stale lock taken over by several processes at once', () => {
  it('lets exactly one of them in', async () => {
    await importDoc('race');
    // Left by a process that is gone (pid 2^22 + 1 is above Linux's pid_max default, so nothing runs there).
    writeFileSync(path.join(dataDir, '.lock'), JSON.stringify({ pid: 4_194_305, started: 0 }));
    const racers = await Promise.all(
      Array.from({ length: 4 }, () => startWorker(['hold', dataDir, '-'], /^(held|err) /)),
    );
    try {
      const firsts = racers.map((r) => r.first);
      expect(firsts.filter((l) => l.startsWith('held '))).toHaveLength(1);
      const winner = firsts.find((l) => l.startsWith('held '))!.slice(5);
      expect(firsts.filter((l) => l.startsWith('err '))).toEqual(
        Array(3).fill(
          `err data_dir_in_use 数据目录正被另一个进程使用 (pid ${winner}) / data dir in use by process ${winner}`,
        ),
      );
    } finally {
      for (const r of racers) r.child.kill('SIGKILL');
      await Promise.all(racers.map((r) => r.done));
    }
  }, 60_000);
});

describe('data dir modes', () => {
  it('creates the data dir 0700 and its files 0600, and tightens what an older version left open', async () => {
    const docId = await importDoc('modes');
    const ws = path.join(dataDir, 'workspaces', docId);
    const mode = (p: string) => statSync(p).mode & 0o777;
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(path.join(dataDir, 'workspaces'))).toBe(0o700);
    expect(mode(ws)).toBe(0o700);
    for (const f of readdirSync(ws)) expect([f, mode(path.join(ws, f))]).toEqual([f, 0o600]);
    await worker(['stream', dataDir, docId, '2']);
    expect(mode(path.join(ws, 'journal.jsonl'))).toBe(0o600);

    chmodSync(dataDir, 0o755);
    chmodSync(ws, 0o755);
    chmodSync(path.join(ws, 'journal.jsonl'), 0o644);
    chmodSync(path.join(ws, 'document.pdf'), 0o644);
    new WorkspaceStore({ dataDir }).close();
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(ws)).toBe(0o700);
    expect(mode(path.join(ws, 'journal.jsonl'))).toBe(0o600);
    expect(mode(path.join(ws, 'document.pdf'))).toBe(0o600);
  }, 60_000);
});

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOCK_FILE, lockDataDir, processStartedAt } from './lock';
import { WorkspaceStore } from './workspaces';

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'brw-lock-unit-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

const lockFile = () => path.join(dataDir, LOCK_FILE);

/** A process that is certainly alive for the duration of a test. */
function sleeper(): Promise<{ pid: number; stop: () => void }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    child.once('spawn', () => resolve({ pid: child.pid!, stop: () => child.kill('SIGKILL') }));
  });
}

describe('data dir lock', () => {
  it('is shared by the stores of one process and removed when the last lets go', () => {
    const a = new WorkspaceStore({ dataDir });
    const b = new WorkspaceStore({ dataDir });
    expect(JSON.parse(readFileSync(lockFile(), 'utf8'))).toMatchObject({ pid: process.pid });
    a.close();
    expect(existsSync(lockFile())).toBe(true);
    b.close();
    b.close();
    expect(existsSync(lockFile())).toBe(false);
  });

  it('refuses while another live process holds it, in both languages', async () => {
    const other = await sleeper();
    try {
      writeFileSync(lockFile(), JSON.stringify({ pid: other.pid }));
      expect(() => new WorkspaceStore({ dataDir })).toThrow(
        expect.objectContaining({
          code: 'data_dir_in_use',
          message: `数据目录正被另一个进程使用 (pid ${other.pid}) / data dir in use by process ${other.pid}`,
        }),
      );
      expect(new WorkspaceStore({ dataDir, lock: false })).toBeDefined();
    } finally {
      other.stop();
    }
  });

  it('takes over a lock whose process is gone, or whose pid now belongs to a later process', async () => {
    const gone = await sleeper();
    gone.stop();
    await new Promise((r) => setTimeout(r, 200));
    writeFileSync(lockFile(), JSON.stringify({ pid: gone.pid, started: processStartedAt() }));
    lockDataDir(dataDir).release();
    expect(existsSync(lockFile())).toBe(false);

    const later = await sleeper();
    try {
      // Same pid, but the process recorded in the lock started a day before this one (only /proc can tell).
      writeFileSync(lockFile(), JSON.stringify({ pid: later.pid, started: Date.now() - 86_400_000 }));
      if (process.platform === 'linux') lockDataDir(dataDir).release();
      else expect(() => lockDataDir(dataDir)).toThrow(/data dir in use/);
    } finally {
      later.stop();
    }
  });

  it('does not stand in the way where nothing can be written (a missing or read-only data dir)', () => {
    const lock = lockDataDir(path.join(dataDir, 'missing', 'deeper'));
    expect(lock.held).toBe(false);
    lock.release();
  });
});

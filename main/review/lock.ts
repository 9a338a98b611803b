import { closeSync, openSync, readFileSync, realpathSync, statSync, unlinkSync, writeSync, constants } from 'node:fs';
import path from 'node:path';
import { ApiError } from '../../shared/api';

/**
 * One writer per data directory. Two processes appending to the same journal each believe they know its end, so
 * they overwrite each other's records (acknowledged edits lost, sequence numbers doubled). The first process to
 * open the data directory creates `<dataDir>/.lock` with O_EXCL, holding its pid and start time; a second process
 * is refused with a plain message. A lock whose pid is no longer running (killed, crashed, or a pid that was reused
 * by a process started later) is stale and taken over. Stores in the same process share the lock.
 */
export const LOCK_FILE = '.lock';

interface LockContent {
  pid: number;
  /** Milliseconds since the epoch when the owning process started (guards against pid reuse). */
  started: number;
  host?: string;
}

interface Held {
  file: string;
  users: number;
}

const held = new Map<string, Held>();
let exitHookInstalled = false;

/** When this process started, in ms since the epoch. */
export function processStartedAt(): number {
  return Math.round(Date.now() - process.uptime() * 1000);
}

export function dataDirInUse(pid: number): ApiError {
  return new ApiError('data_dir_in_use', `数据目录正被另一个进程使用 (pid ${pid}) / data dir in use by process ${pid}`);
}

/** Linux only: the start time of `pid` in ms since the epoch, and whether it is a zombie; null elsewhere. */
function procInfo(pid: number): { started: number; zombie: boolean } | null {
  if (process.platform !== 'linux') return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces and parentheses): state is field 3, starttime field 22.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const state = rest[0];
    const ticks = Number(rest[19]);
    const btime = Number(/^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'))?.[1]);
    if (!Number.isFinite(ticks) || !Number.isFinite(btime)) return null;
    // USER_HZ is 100 on every Linux Node runs on.
    return { started: btime * 1000 + ticks * 10, zombie: state === 'Z' || state === 'X' };
  } catch {
    return null;
  }
}

/** Whether the process that wrote `c` still runs (the same process, not a later one given the same pid). */
export function ownerAlive(c: LockContent): boolean {
  if (!Number.isInteger(c.pid) || c.pid <= 0) return false;
  try {
    process.kill(c.pid, 0);
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const info = procInfo(c.pid);
  if (info?.zombie) return false;
  // Start times are only compared when both are known; /proc rounds to 10 ms and uptime drifts a little.
  if (info && Number.isFinite(c.started) && Math.abs(info.started - c.started) > 5_000) return false;
  return true;
}

function readLock(file: string): LockContent | null {
  try {
    const c = JSON.parse(readFileSync(file, 'utf8')) as LockContent;
    return c && typeof c === 'object' && typeof c.pid === 'number' ? c : null;
  } catch {
    return null;
  }
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const h of held.values()) removeIfOurs(h.file);
    held.clear();
  });
}

function removeIfOurs(file: string): void {
  const c = readLock(file);
  if (c && c.pid === process.pid) {
    try {
      unlinkSync(file);
    } catch {
      // Already gone (the data directory was removed): nothing to release.
    }
  }
}

export interface DataDirLock {
  /** False when the lock could not be created for a reason other than another owner (a read-only data dir). */
  readonly held: boolean;
  release(): void;
}

/**
 * Takes the data directory's lock for this process (re-entrant within it). Throws `data_dir_in_use` when another
 * live process holds it. A lock that cannot be written at all (read-only or missing directory) is not an error
 * here: nothing can be written there either, and the store's own operations report that in plain words.
 */
export function lockDataDir(dataDir: string): DataDirLock {
  let dir = path.resolve(dataDir);
  try {
    // One entry per directory, however it is spelled (a symlink, a relative path).
    dir = realpathSync(dir);
  } catch {
    // Missing: the exclusive create below fails and says so.
  }
  const existing = held.get(dir);
  if (existing) {
    existing.users++;
    return releaser(dir, existing, true);
  }
  const file = path.join(dir, LOCK_FILE);
  const content = JSON.stringify({ pid: process.pid, started: processStartedAt() } satisfies LockContent);
  for (let attempt = 0; attempt < 50; attempt++) {
    let fd: number;
    try {
      fd = openSync(file, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') return { held: false, release: () => undefined };
      const owner = readLock(file);
      if (owner === null) {
        // Being written by its creator this very moment, or left empty by a crash between create and write.
        if (attempt < 10) {
          sleepSync(20);
          continue;
        }
      } else if (owner.pid === process.pid) {
        // Left by an earlier store of this process that was closed while another kept the data dir: take it back.
      } else if (ownerAlive(owner)) {
        throw dataDirInUse(owner.pid);
      }
      // Stale: its owner is gone. Remove it and retry the exclusive create (another process may win that race).
      breakStale(file, owner);
      continue;
    }
    try {
      writeSync(fd, content);
    } finally {
      closeSync(fd);
    }
    const h: Held = { file, users: 1 };
    held.set(dir, h);
    installExitHook();
    return releaser(dir, h, true);
  }
  const owner = readLock(file);
  throw dataDirInUse(owner?.pid ?? 0);
}

function releaser(dir: string, h: Held, isHeld: boolean): DataDirLock {
  let done = false;
  return {
    held: isHeld,
    release() {
      if (done) return;
      done = true;
      if (--h.users > 0) return;
      held.delete(dir);
      removeIfOurs(h.file);
    },
  };
}

/**
 * Removes a stale lock — only while holding `<lock>.break` (O_EXCL), and only if the lock still holds what was found
 * stale: two processes that both found it stale must not remove the fresh lock the faster one just took.
 */
function breakStale(file: string, seen: LockContent | null): void {
  const breaker = `${file}.break`;
  let fd: number;
  try {
    fd = openSync(breaker, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') return;
    // Another process is breaking it right now, or crashed doing so: a breaker older than a few seconds is stale.
    try {
      if (Date.now() - statSync(breaker).mtimeMs > 5_000) unlinkSync(breaker);
    } catch {
      // Gone meanwhile.
    }
    sleepSync(20);
    return;
  }
  try {
    const now = readLock(file);
    const same = seen === null ? now === null : now !== null && now.pid === seen.pid && now.started === seen.started;
    if (same) unlinkSync(file);
  } catch {
    // Removed by its owner meanwhile.
  } finally {
    closeSync(fd);
    try {
      unlinkSync(breaker);
    } catch {
      // Nothing to clean up.
    }
  }
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { chmodSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const RUN_TS = path.join(ROOT, 'bin', 'run-ts.mjs');
export const WORKER = path.join(ROOT, 'tests', 'reliability', 'scripts', 'review-worker.ts');
export const CLI = path.join(ROOT, 'bin', 'budget-review.mjs');

export interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  lines: string[];
}

/** Runs a real Node process to completion. */
export function runNode(args: string[], opts: SpawnOptions = {}): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], ...opts });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code, signal) =>
      resolve({ code, signal, stdout, stderr, lines: stdout.split('\n').filter(Boolean) }),
    );
  });
}

export function worker(args: string[], opts: SpawnOptions = {}): Promise<Finished> {
  return runNode([RUN_TS, WORKER, ...args], opts);
}

export function cli(args: string[], opts: SpawnOptions = {}): Promise<Finished> {
  return runNode([CLI, ...args], opts);
}

/** Spawns the worker streaming edits and SIGKILLs it once `acks` edits were acknowledged; returns those acks. */
export function streamAndKill(
  dataDir: string,
  docId: string,
  acks: number,
): Promise<{ acked: string[]; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [RUN_TS, WORKER, 'stream', dataDir, docId, '100000'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const acked: string[] = [];
    let buf = '';
    child.stdout!.on('data', (d: Buffer) => {
      buf += d.toString('utf8');
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        if (line.startsWith('ack ')) acked.push(line);
        else if (line.startsWith('err ')) reject(new Error(`worker failed: ${line}`));
        if (acked.length === acks) child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    child.on('close', (_code, signal) => resolve({ acked, signal }));
  });
}

/** Whether this process can take write permission away from itself (root ignores file modes). */
export const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
/** Spawn options that make a child unable to write a root-owned 0755 tree: run it as `nobody` when we are root. */
export const unprivileged: SpawnOptions = isRoot ? { uid: 65534, gid: 65534 } : {};

/** Makes a tree read-only for the unprivileged child (and, when not root, for us too). */
export function makeReadOnly(dir: string): void {
  for (const e of readdirSync(dir)) {
    const p = path.join(dir, e);
    if (statSync(p).isDirectory()) makeReadOnly(p);
    else chmodSync(p, 0o444);
  }
  chmodSync(dir, 0o555);
}

export function makeWritable(dir: string): void {
  chmodSync(dir, 0o755);
  for (const e of readdirSync(dir)) {
    const p = path.join(dir, e);
    if (statSync(p).isDirectory()) makeWritable(p);
    else chmodSync(p, 0o644);
  }
}

/** Starts a long-running worker and resolves once it printed a line matching `ready` (the child keeps running). */
export function startWorker(
  args: string[],
  ready: RegExp,
): Promise<{ child: ChildProcess; lines: string[]; first: string; done: Promise<Finished> }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [RUN_TS, WORKER, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: string[] = [];
    let stdout = '';
    let stderr = '';
    let buf = '';
    let resolved = false;
    const done = new Promise<Finished>((res) =>
      child.on('close', (code, signal) => res({ code, signal, stdout, stderr, lines })),
    );
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.stdout!.on('data', (d: Buffer) => {
      const text = d.toString('utf8');
      stdout += text;
      buf += text;
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        lines.push(line);
        if (!resolved && ready.test(line)) {
          resolved = true;
          resolve({ child, lines, first: line, done });
        }
      }
    });
    child.on('error', reject);
    void done.then((f) => {
      if (!resolved) reject(new Error(`worker ended before it was ready: ${f.stdout} ${f.stderr}`));
    });
  });
}

import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './helpers';

const RUN_TS = path.join(ROOT, 'bin', 'run-ts.mjs');
const SERVE = path.join(ROOT, 'main', 'web', 'serve.ts');

export interface RunningHost {
  child: ChildProcess;
  port: number;
  token: string;
  dataDir: string;
  stderr: () => string;
  stop(): Promise<void>;
}

/** Starts the real web host (`serve`) in its own process on a fresh data dir and a stub renderer. */
export async function startHost(env: NodeJS.ProcessEnv = {}): Promise<RunningHost> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'brw-host-data-'));
  const staticDir = mkdtempSync(path.join(os.tmpdir(), 'brw-host-static-'));
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
  const child = spawn(process.execPath, [RUN_TS, SERVE, '--data-dir', dataDir, '--static', staticDir], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString('utf8')));
  const url = await new Promise<URL>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`host did not start: ${err}`)), 30_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString('utf8');
      const m = /Workstation: (\S+)/u.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(new URL(m[1]!));
      }
    });
    child.on('exit', (code) => reject(new Error(`host exited (${code}): ${err}`)));
  });
  return {
    child,
    port: Number(url.port),
    token: url.searchParams.get('token')!,
    dataDir,
    stderr: () => err,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export interface Answer {
  status: number;
  body: string;
  json: { code?: string; message?: string } & Record<string, unknown>;
}

/**
 * One request to the host. `body` is sent in chunks (a Buffer, or `size` bytes of `fill`), and sending stops as soon
 * as the host answers, as a browser does; a connection the host closes after answering is not an error.
 */
export function send(
  host: RunningHost,
  opts: {
    path: string;
    method?: string;
    headers?: Record<string, string>;
    body?: Buffer | string;
    stream?: { size: number; fill?: number; declare?: boolean };
    auth?: boolean;
  },
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { host: `127.0.0.1:${host.port}`, ...opts.headers };
    if (opts.auth !== false) headers.authorization = `Bearer ${host.token}`;
    if (opts.stream?.declare) headers['content-length'] = String(opts.stream.size);
    const req = http.request({
      host: '127.0.0.1',
      port: host.port,
      path: opts.path,
      method: opts.method ?? 'POST',
      headers,
      agent: false,
    });
    let answered = false;
    req.on('response', (res) => {
      answered = true;
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => {
        let json = {};
        try {
          json = JSON.parse(text) as object;
        } catch {
          /* not JSON */
        }
        resolve({ status: res.statusCode ?? 0, body: text, json });
      });
    });
    req.on('error', (e) => {
      if (!answered) reject(e);
    });
    if (opts.stream) {
      const chunk = Buffer.alloc(1 << 20, opts.stream.fill ?? 0x41);
      let sent = 0;
      const pump = () => {
        while (!answered && sent < opts.stream!.size) {
          const n = Math.min(chunk.length, opts.stream!.size - sent);
          sent += n;
          if (!req.write(n === chunk.length ? chunk : chunk.subarray(0, n))) return void req.once('drain', pump);
        }
        if (!answered) req.end();
      };
      pump();
    } else {
      if (opts.body !== undefined) req.write(opts.body);
      req.end();
    }
  });
}

/** Every file under `dir` with its size and modification time: what a test compares before and after. */
export function listing(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d).sort()) {
      const p = path.join(d, e);
      const s = statSync(p);
      if (s.isDirectory()) {
        out.push(`${path.relative(dir, p)}/`);
        walk(p);
      } else out.push(`${path.relative(dir, p)} ${s.size} ${s.mtimeMs}`);
    }
  };
  walk(dir);
  return out;
}

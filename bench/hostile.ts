/**
 * `npm run bench:hostile`: the real web host (`serve`, its own process) against hostile inputs, one fresh host per
 * input, printing the answer and the host's peak resident memory (VmHWM, and the highest VmRSS sampled every 10 ms)
 * while it refuses them:
 * - a 500 MB request body to an API call, its length declared, and the same sent chunked (no length);
 * - a crafted 300 MB PDF ("%PDF-1.7" and zeros) uploaded the browser's way (openBytes, base64 in JSON: ~400 MB);
 * - a crafted 190 MB PDF of the same kind, under the upload cap, so it reaches the PDF reader (a worker thread with a
 *   heap limit) and ends that worker;
 * - a page tree of 2,000,000 pages;
 * - document.openPath of a device of endless zeros.
 * Linux only (reads /proc). Options: --only=NAME[,NAME] to run some cases.
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { toWire } from '../shared/api';
import { hugePageTreePdf } from '../main/pdf/hostile';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MB = 1048576;

interface Host {
  pid: number;
  port: number;
  token: string;
  dataDir: string;
  stop(): Promise<void>;
  alive(): boolean;
}

async function startHost(): Promise<Host> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'brw-bench-data-'));
  const staticDir = mkdtempSync(path.join(os.tmpdir(), 'brw-bench-static-'));
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>bench</title>');
  const child = spawn(
    process.execPath,
    [
      path.join(ROOT, 'bin/run-ts.mjs'),
      path.join(ROOT, 'main/web/serve.ts'),
      '--data-dir',
      dataDir,
      '--static',
      staticDir,
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = await new Promise<URL>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString('utf8');
      const m = /Workstation: (\S+)/u.exec(out);
      if (m) resolve(new URL(m[1]!));
    });
    child.once('exit', (code) => reject(new Error(`host exited with ${code}`)));
  });
  return {
    pid: child.pid!,
    port: Number(url.port),
    token: url.searchParams.get('token')!,
    dataDir,
    alive: () => child.exitCode === null && child.signalCode === null,
    stop: () =>
      new Promise<void>((resolve) => {
        const done = () => {
          rmSync(dataDir, { recursive: true, force: true });
          rmSync(staticDir, { recursive: true, force: true });
          resolve();
        };
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once('exit', done);
        child.kill('SIGTERM');
      }),
  };
}

/** VmRSS and VmHWM (peak) of a process, MB. */
function memory(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'mu').exec(status)?.[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
}

/** A request body produced piece by piece (never whole in this process). */
type Body = { size: number | null; pieces: () => Generator<Buffer> };

function fill(size: number, byte = 0x20): Body {
  return {
    size,
    *pieces() {
      const chunk = Buffer.alloc(MB, byte);
      for (let left = size; left > 0; left -= chunk.length)
        yield left >= chunk.length ? chunk : chunk.subarray(0, left);
    },
  };
}

/** openBytes of "%PDF-1.7\n" + `mb` MB of zeros, as the browser sends it: {"name", "bytes": {"$bytes": base64}}. */
function zerosUpload(mb: number): Body {
  const zeros = Math.floor((mb * MB) / 3) * 3;
  const head = Buffer.from(`{"name":"zeros.pdf","bytes":{"$bytes":"${Buffer.from('%PDF-1.7\n').toString('base64')}`);
  const tail = Buffer.from('"}}');
  const size = head.length + (zeros / 3) * 4 + tail.length;
  return {
    size,
    *pieces() {
      yield head;
      const chunk = Buffer.alloc(MB, 0x41); // "A" is base64 of zero bits
      for (let left = (zeros / 3) * 4; left > 0; left -= chunk.length)
        yield left >= chunk.length ? chunk : chunk.subarray(0, left);
      yield tail;
    },
  };
}

const once = (b: Buffer): Body => ({
  size: b.length,
  *pieces() {
    yield b;
  },
});

/** Sends `body`, stopping as soon as the host answers (as a browser does); answers status, body and time. */
function send(
  host: Host,
  call: string,
  body: Body,
  declare: boolean,
): Promise<{ status: number | string; text: string; ms: number; sentMb: number }> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const headers: Record<string, string> = {
      host: `127.0.0.1:${host.port}`,
      authorization: `Bearer ${host.token}`,
      'content-type': 'application/json',
    };
    if (declare && body.size !== null) headers['content-length'] = String(body.size);
    const req = http.request({
      host: '127.0.0.1',
      port: host.port,
      path: `/api/call/${call}`,
      method: 'POST',
      headers,
    });
    let answered = false;
    let sent = 0;
    const finish = (status: number | string, text: string) =>
      resolve({ status, text, ms: Math.round(performance.now() - t0), sentMb: Math.round(sent / MB) });
    req.on('response', (res) => {
      answered = true;
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => finish(res.statusCode ?? 0, text));
    });
    req.on('error', (err) => {
      if (!answered) finish(`error ${(err as NodeJS.ErrnoException).code ?? err.message}`, '');
    });
    const it = body.pieces();
    const pump = () => {
      for (;;) {
        if (answered) return;
        const next = it.next();
        if (next.done) return void req.end();
        sent += next.value.length;
        if (!req.write(next.value)) return void req.once('drain', pump);
      }
    };
    pump();
  });
}

interface Case {
  name: string;
  what: string;
  call: string;
  body: () => Body;
  declare: boolean;
}

const CASES: Case[] = [
  {
    name: 'body-500mb',
    what: '500 MB body to review.apply, Content-Length declared',
    call: 'review.apply',
    body: () => fill(500 * MB),
    declare: true,
  },
  {
    name: 'body-500mb-chunked',
    what: '500 MB body to review.apply, chunked (no length)',
    call: 'review.apply',
    body: () => fill(500 * MB),
    declare: false,
  },
  {
    name: 'pdf-300mb',
    what: 'crafted 300 MB PDF ("%PDF-1.7" + zeros) uploaded as the browser does (~400 MB JSON)',
    call: 'document.openBytes',
    body: () => zerosUpload(300),
    declare: true,
  },
  {
    name: 'pdf-300mb-chunked',
    what: 'the same 300 MB crafted PDF upload, chunked (no length)',
    call: 'document.openBytes',
    body: () => zerosUpload(300),
    declare: false,
  },
  {
    name: 'pdf-190mb',
    what: 'crafted 190 MB PDF (under the cap): parsed by a reader thread until its heap limit',
    call: 'document.openBytes',
    body: () => zerosUpload(190),
    declare: true,
  },
  {
    name: 'page-tree',
    what: 'PDF with a page tree of 2,000,000 pages (12 MB)',
    call: 'document.openBytes',
    body: () => once(Buffer.from(toWire({ name: 'tree.pdf', bytes: hugePageTreePdf(2_000_000) }))),
    declare: true,
  },
  {
    name: 'openpath-dev-zero',
    what: 'document.openPath of /dev/zero over HTTP',
    call: 'document.openPath',
    body: () => once(Buffer.from(JSON.stringify({ path: '/dev/zero' }))),
    declare: true,
  },
];

const only = process.argv
  .find((a) => a.startsWith('--only='))
  ?.slice(7)
  .split(',');
const rows: string[] = [];
console.log(
  `bench:hostile — Node ${process.version}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / MB)} MB RAM`,
);
for (const c of CASES.filter((x) => !only || only.includes(x.name))) {
  const host = await startHost();
  const base = memory(host.pid);
  let peak = base.rss;
  const sampler = setInterval(() => {
    try {
      peak = Math.max(peak, memory(host.pid).rss);
    } catch {
      /* exited */
    }
  }, 10);
  const answer = await send(host, c.call, c.body(), c.declare);
  // The host must still answer after refusing.
  const after = await send(host, 'app.info', once(Buffer.from('{}')), true);
  clearInterval(sampler);
  const mem = host.alive() ? memory(host.pid) : { rss: NaN, hwm: NaN };
  let message = '';
  try {
    const j = JSON.parse(answer.text) as { code?: string; message?: string };
    message = `${j.code}: ${j.message}`;
  } catch {
    message = answer.text.slice(0, 120);
  }
  console.log(`\n[${c.name}] ${c.what}`);
  console.log(`  answer      ${answer.status} in ${answer.ms} ms after sending ${answer.sentMb} MB — ${message}`);
  console.log(
    `  host RSS    ${Math.round(base.rss)} MB at rest → peak ${Math.round(Math.max(peak, mem.hwm))} MB (VmHWM ${Math.round(mem.hwm)} MB, highest sample ${Math.round(peak)} MB)`,
  );
  console.log(`  afterwards  app.info → ${after.status}${host.alive() ? '' : ' (host died)'}`);
  rows.push(
    `| ${c.name} | ${answer.status} | ${Math.round(base.rss)} | ${Math.round(Math.max(peak, mem.hwm))} | ${answer.ms} | ${after.status} |`,
  );
  await host.stop();
}
console.log('\n| input | answer | RSS at rest (MB) | peak RSS (MB) | time (ms) | app.info after |');
console.log('|---|---|---|---|---|---|');
for (const r of rows) console.log(r);

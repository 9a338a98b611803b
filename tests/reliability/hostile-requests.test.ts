import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toWire } from '../../shared/api';
import { hugePageTreePdf, zerosPdf } from '../../main/pdf/hostile';
import { cli, ROOT } from './helpers';
import { listing, send, startHost, type RunningHost } from './web-host';

/**
 * The web host, in its own process, against requests an attacker or an unlucky user sends: each is refused with
 * its status and message, nothing of it is written to the data dir, and the host keeps answering.
 */
let host: RunningHost;
let before: string[];

beforeAll(async () => {
  // A reader heap of 96 MB makes the crafted PDF below end its worker in a second or two (512 MB by default).
  host = await startHost({ BRW_PDF_HEAP_MB: '96' });
  before = listing(host.dataDir);
}, 60_000);
afterAll(() => host?.stop());

async function expectStillAnswering() {
  const info = await send(host, { path: '/api/call/app.info', body: '{}' });
  expect(info.status).toBe(200);
  expect(info.json).toMatchObject({ transport: 'web' });
}

function expectNothingWritten() {
  expect(listing(host.dataDir)).toEqual(before);
}

const call = (name: string) => `/api/call/${name}`;

describe('hostile requests to the web host', () => {
  it('answers 413 to a 500 MB body declared up front, without reading it', async () => {
    const res = await send(host, {
      path: call('review.apply'),
      stream: { size: 500 * 1048576, declare: true },
    });
    expect(res.status).toBe(413);
    expect(res.json).toMatchObject({ code: 'too_large', message: expect.stringContaining('8 MB') });
    expectNothingWritten();
    await expectStillAnswering();
  });

  it('answers 413 to a streamed (chunked) call body once it passes the cap', async () => {
    const res = await send(host, { path: call('settings.set'), stream: { size: 40 * 1048576 } });
    expect(res.status).toBe(413);
    expect(res.json.code).toBe('too_large');
    expectNothingWritten();
    await expectStillAnswering();
  });

  it('answers 413 to an upload over the PDF limit, and keeps nothing of it', async () => {
    const res = await send(host, {
      path: call('document.openBytes'),
      stream: { size: 300 * 1048576, declare: true },
    });
    expect(res.status).toBe(413);
    expect(res.json.message).toMatch(/上传的 PDF 最大 200 MB \/ an uploaded PDF may be at most 200 MB/u);
    expectNothingWritten();
    await expectStillAnswering();
  });

  it('answers 400 to malformed escapes and to nesting past the limit', async () => {
    for (const p of ['/api/call/%E4%B8', '/api/call/app.info%', '/%zz', '/assets/%C0%AF', '/%00.html']) {
      const res = await send(host, { path: p, method: p.startsWith('/api') ? 'POST' : 'GET', body: '{}' });
      expect(res.status, p).toBe(400);
    }
    const deep = await send(host, { path: call('settings.set'), body: `{"locale":${'['.repeat(100_000)}` });
    expect(deep.status).toBe(400);
    expect(deep.json.code).toBe('too_deep');
    expectNothingWritten();
    await expectStillAnswering();
  });

  it('answers 405 to anything but GET and HEAD for the app files', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
      const res = await send(host, { path: '/index.html', method, body: 'x' });
      expect(res.status, method).toBe(405);
    }
    expect((await send(host, { path: '/index.html', method: 'HEAD' })).status).toBe(200);
    expectNothingWritten();
  });

  it('refuses document.openPath over HTTP for any path: a PDF, the password file, a device of zeros', async () => {
    const pdf = path.join(ROOT, 'test-fixtures', 'corpus', 'qz2024-budget-ruled.pdf');
    for (const p of [pdf, '/etc/passwd', '/dev/zero', '/proc/self/environ']) {
      const res = await send(host, { path: call('document.openPath'), body: JSON.stringify({ path: p }) });
      expect(res.status, p).toBe(422);
      expect(res.json).toMatchObject({ code: 'path_refused', message: expect.stringContaining('upload') });
    }
    expectNothingWritten();
    await expectStillAnswering();
  });

  it('ends the reader thread of a crafted PDF, not the host; keeps nothing of it', async () => {
    const zeros = await send(host, {
      path: call('document.openBytes'),
      body: toWire({ name: 'zeros.pdf', bytes: zerosPdf(24) }),
    });
    expect(zeros.status).toBe(422);
    expect(zeros.json).toMatchObject({
      code: 'pdf_too_large',
      message: expect.stringContaining('PDF 过大或结构异常 / the PDF is too large or malformed'),
    });
    const tree = await send(host, {
      path: call('document.openBytes'),
      body: toWire({ name: 'tree.pdf', bytes: hugePageTreePdf(1_000_000) }),
    });
    expect(tree.status).toBe(422);
    expect(tree.json).toMatchObject({ code: 'pdf_too_large', message: expect.stringContaining('1000000 pages') });
    expect(host.child.exitCode).toBeNull();
    expectNothingWritten();
    await expectStillAnswering();
  }, 60_000);

  it('still opens a real PDF uploaded the way the browser does (and only then writes its workspace)', async () => {
    const bytes = new Uint8Array(readFileSync(path.join(ROOT, 'test-fixtures', 'corpus', 'qz2024-budget-xlsx.pdf')));
    const res = await send(host, { path: call('document.openBytes'), body: toWire({ name: 'ok.pdf', bytes }) });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ name: 'ok.pdf', size: bytes.length });
    expect(Number(res.json.pages)).toBeGreaterThan(0);
    expect(listing(host.dataDir).some((f) => f.includes('document.pdf'))).toBe(true);
  });
});

describe('hostile PDFs on the command line', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'brw-cli-hostile-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('extract ends the reader of a crafted PDF and says why, in one line, with exit 1', async () => {
    const file = path.join(dir, 'zeros.pdf');
    writeFileSync(file, zerosPdf(24));
    const r = await cli(['extract', file], { env: { ...process.env, BRW_PDF_HEAP_MB: '96' } });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /PDF 过大或结构异常 \/ the PDF is too large or malformed \(reading it needed more than 96 MB\)/u,
    );
  }, 60_000);

  it('validate refuses a 300 MB file by its size, before parsing it', async () => {
    const file = path.join(dir, 'big.pdf');
    writeFileSync(file, '%PDF-1.7\n');
    truncateSync(file, 300 * 1048576);
    const r = await cli(['validate', file]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('PDF 过大或结构异常');
    expect(r.stderr).toContain('300 MB, at most 200 MB');
  }, 60_000);
});

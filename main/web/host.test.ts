import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startWebHost, type WebHost } from './host';
import { fromWire, toWire, type Handlers } from '../../shared/api';

function request(
  host: WebHost,
  opts: { path: string; method?: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: host.port, path: opts.path, method: opts.method ?? 'GET', headers: opts.headers },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      },
    );
    req.on('error', reject);
    if (opts.body) req.write(opts.body);
    req.end();
  });
}

const info = { docId: 'a'.repeat(64), name: 'x.pdf', size: 3, pages: 1 };
const handlers = new Proxy({} as Handlers, {
  get: (_t, name: string) => {
    if (name === 'document.openBytes')
      return async (args: { name: string; bytes: Uint8Array }) => ({
        ...info,
        name: args.name,
        size: args.bytes.length,
      });
    if (name === 'app.info')
      return async () => ({ name: 'test', version: '0', transport: 'web', dataDir: '/tmp', sampleAvailable: false });
    return async () => {
      throw new Error(`unexpected call ${name}`);
    };
  },
});

describe('web host', () => {
  let host: WebHost;
  const auth = () => ({ authorization: `Bearer ${host.token}`, host: `127.0.0.1:${host.port}` });

  beforeAll(async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'host-'));
    writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>t</title>');
    host = await startWebHost({ handlers, staticDir: dir });
  });
  afterAll(() => host.close());

  it('listens on 127.0.0.1 and prints a tokened URL', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/);
  });

  it('answers a call carrying the token, bytes included', async () => {
    const res = await request(host, {
      path: '/api/call/document.openBytes',
      method: 'POST',
      headers: auth(),
      body: toWire({ name: 'a.pdf', bytes: new Uint8Array([1, 2, 3]) }),
    });
    expect(res.status).toBe(200);
    expect(fromWire(res.body)).toMatchObject({ name: 'a.pdf', size: 3 });
  });

  it('refuses a call without the token', async () => {
    const res = await request(host, {
      path: '/api/call/app.info',
      method: 'POST',
      headers: { host: `127.0.0.1:${host.port}` },
      body: '{}',
    });
    expect(res.status).toBe(401);
  });

  it('refuses a call with a wrong token of the same length', async () => {
    const res = await request(host, {
      path: '/api/call/app.info',
      method: 'POST',
      headers: { authorization: `Bearer ${'x'.repeat(host.token.length)}`, host: `127.0.0.1:${host.port}` },
      body: '{}',
    });
    expect(res.status).toBe(401);
  });

  it('refuses a foreign Host header even with the token (DNS rebinding)', async () => {
    const res = await request(host, {
      path: '/api/call/app.info',
      method: 'POST',
      headers: { ...auth(), host: `evil.example:${host.port}` },
      body: '{}',
    });
    expect(res.status).toBe(403);
    const page = await request(host, { path: '/', headers: { host: 'evil.example' } });
    expect(page.status).toBe(403);
  });

  it('refuses a call from a foreign Origin', async () => {
    const res = await request(host, {
      path: '/api/call/app.info',
      method: 'POST',
      headers: { ...auth(), origin: 'http://evil.example' },
      body: '{}',
    });
    expect(res.status).toBe(403);
  });

  it('rejects arguments the contract does not allow, before any handler runs', async () => {
    const res = await request(host, {
      path: '/api/call/document.openBytes',
      method: 'POST',
      headers: auth(),
      body: toWire({ name: '', bytes: 'not bytes' }),
    });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ code: 'bad_args' });
  });

  it('answers unknown calls with 404', async () => {
    const res = await request(host, { path: '/api/call/fs.readFile', method: 'POST', headers: auth(), body: '{}' });
    expect(res.status).toBe(404);
  });

  it('serves the app with a strict CSP and never outside its folder', async () => {
    const page = await request(host, { path: '/', headers: { host: `localhost:${host.port}` } });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    const escape = await request(host, {
      path: '/..%2f..%2fetc%2fpasswd',
      headers: { host: `127.0.0.1:${host.port}` },
    });
    expect([403, 404]).toContain(escape.status);
  });

  it('answers 400 to malformed escapes in a call name or a path, and keeps answering', async () => {
    for (const p of ['/api/call/%E4', '/api/call/%zz', '/%E4%B8', '/assets/%', '/%00'])
      expect(
        (await request(host, { path: p, method: p.startsWith('/api') ? 'POST' : 'GET', headers: auth() })).status,
      ).toBe(400);
    expect((await request(host, { path: '/', headers: auth() })).status).toBe(200);
  });

  it('serves static files for GET and HEAD only', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
      const res = await request(host, { path: '/index.html', method, headers: auth(), body: 'x' });
      expect(res.status).toBe(405);
      expect(res.headers.allow).toBe('GET, HEAD');
    }
    const head = await request(host, { path: '/index.html', method: 'HEAD', headers: auth() });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect(Number(head.headers['content-length'])).toBeGreaterThan(0);
  });

  it('refuses nesting deeper than the limit with 400', async () => {
    const deep = `{"name":"a.pdf","x":${'['.repeat(200)}${']'.repeat(200)}}`;
    const res = await request(host, {
      path: '/api/call/document.openBytes',
      method: 'POST',
      headers: auth(),
      body: deep,
    });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ code: 'too_deep' });
  });

  it('refuses the event stream without the token', async () => {
    const res = await request(host, { path: '/api/events', headers: { host: `127.0.0.1:${host.port}` } });
    expect(res.status).toBe(401);
  });
});

describe('web host limits', () => {
  let host: WebHost;
  const auth = () => ({ authorization: `Bearer ${host.token}`, host: `127.0.0.1:${host.port}` });

  beforeAll(async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'host-'));
    writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>t</title>');
    host = await startWebHost({ handlers, staticDir: dir, maxBodyBytes: 1024, maxUploadBytes: 70 * 1024 });
  });
  afterAll(() => host.close());

  it('refuses a body whose declared length is over the cap, before reading it', async () => {
    const res = await request(host, {
      path: '/api/call/app.info',
      method: 'POST',
      headers: { ...auth(), 'content-length': '2048' },
      body: 'x'.repeat(2048),
    });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toMatchObject({ code: 'too_large', message: expect.stringContaining('1 KB') });
  });

  it('refuses a streamed body once it passes the cap, and uploads by their own cap', async () => {
    const big = toWire({ name: 'a.pdf', bytes: new Uint8Array(6000) });
    const res = await request(host, {
      path: '/api/call/app.info',
      method: 'POST',
      headers: { ...auth(), 'transfer-encoding': 'chunked' },
      body: big,
    });
    expect(res.status).toBe(413);
    const upload = await request(host, {
      path: '/api/call/document.openBytes',
      method: 'POST',
      headers: auth(),
      body: big,
    });
    expect(upload.status).toBe(200);
    expect(fromWire(upload.body)).toMatchObject({ size: 6000 });
    const tooBig = toWire({ name: 'a.pdf', bytes: new Uint8Array(60 * 1024) });
    const refused = await request(host, {
      path: '/api/call/document.openBytes',
      method: 'POST',
      headers: auth(),
      body: tooBig,
    });
    expect(refused.status).toBe(413);
    expect(JSON.parse(refused.body).message).toContain('PDF');
    expect(
      (await request(host, { path: '/api/call/app.info', method: 'POST', headers: auth(), body: '{}' })).status,
    ).toBe(200);
  });
});

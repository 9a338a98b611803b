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

  it('refuses the event stream without the token', async () => {
    const res = await request(host, { path: '/api/events', headers: { host: `127.0.0.1:${host.port}` } });
    expect(res.status).toBe(401);
  });
});

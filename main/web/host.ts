import http from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import {
  calls,
  events,
  isCallName,
  toWire,
  fromWire,
  HTTP_CALL_PREFIX,
  HTTP_EVENTS,
  type EventName,
  type EventPayload,
  type Handlers,
} from '../../shared/api';
import { dispatchCall } from '../services/dispatch';
import { CONTENT_SECURITY_POLICY } from '../services/csp';

/**
 * The web host: the same API contract as Electron's IPC, over HTTP on 127.0.0.1 only, plus the built renderer.
 * A per-run token guards every API call (the page gets it in its URL), and the Host header is checked so that a
 * page from another site cannot reach the host through DNS rebinding.
 */
export interface WebHostOptions {
  handlers: Handlers;
  /** Folder of the built renderer (out/renderer). */
  staticDir: string;
  port?: number;
  token?: string;
  /** Largest request body accepted (an uploaded PDF is one), bytes. */
  maxBodyBytes?: number;
}

export interface WebHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.pfb': 'application/octet-stream',
  '.bcmap': 'application/octet-stream',
  '.wasm': 'application/wasm',
  '.map': 'application/json',
};

function sameToken(given: string | null | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = toWire(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(text);
}

function readBody(req: http.IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(Object.assign(new Error(`request larger than ${Math.round(limit / 1048576)} MB`), { status: 413 }));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startWebHost(opts: WebHostOptions): Promise<WebHost> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const maxBody = opts.maxBodyBytes ?? 512 * 1024 * 1024;
  const staticRoot = path.resolve(opts.staticDir);
  const sse = new Set<http.ServerResponse>();
  let port = 0;

  const emit = <K extends EventName>(name: K, payload: EventPayload<K>): void => {
    const checked = events[name].safeParse(payload);
    if (!checked.success) return;
    const frame = `event: ${name}\ndata: ${toWire(checked.data)}\n\n`;
    for (const res of sse) res.write(frame);
  };

  const allowedHosts = (): Set<string> => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

  const server = http.createServer((req, res) => {
    void handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { code: 'internal', message: String((err as Error)?.message ?? err) });
      else res.end();
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (!allowedHosts().has(req.headers.host ?? '')) {
      sendJson(res, 403, { code: 'forbidden_host', message: 'This host only answers to 127.0.0.1 / localhost.' });
      return;
    }
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);

    if (url.pathname.startsWith(HTTP_CALL_PREFIX)) {
      const auth = req.headers.authorization;
      if (!sameToken(auth?.startsWith('Bearer ') ? auth.slice(7) : null, token)) {
        sendJson(res, 401, { code: 'unauthorized', message: 'Missing or wrong access token.' });
        return;
      }
      const origin = req.headers.origin;
      if (origin && !allowedHosts().has(origin.replace(/^https?:\/\//u, ''))) {
        sendJson(res, 403, { code: 'forbidden_origin', message: 'Calls from other origins are refused.' });
        return;
      }
      if (req.method !== 'POST') {
        sendJson(res, 405, { code: 'method', message: 'Use POST.' });
        return;
      }
      const name = decodeURIComponent(url.pathname.slice(HTTP_CALL_PREFIX.length));
      if (!isCallName(name)) {
        sendJson(res, 404, { code: 'unknown_call', message: `No such call: ${name}` });
        return;
      }
      let args: unknown;
      try {
        const body = await readBody(req, maxBody);
        args = body ? fromWire(body) : {};
      } catch (err) {
        const status = (err as { status?: number }).status ?? 400;
        sendJson(res, status, { code: status === 413 ? 'too_large' : 'bad_request', message: (err as Error).message });
        return;
      }
      const outcome = await dispatchCall(opts.handlers, name, args, { emit });
      if (outcome.ok) sendJson(res, 200, outcome.result);
      else sendJson(res, outcome.error.code === 'bad_args' ? 400 : 422, outcome.error);
      return;
    }

    if (url.pathname === HTTP_EVENTS) {
      if (!sameToken(url.searchParams.get('token'), token)) {
        sendJson(res, 401, { code: 'unauthorized', message: 'Missing or wrong access token.' });
        return;
      }
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      });
      res.write(': connected\n\n');
      sse.add(res);
      const ping = setInterval(() => res.write(': ping\n\n'), 15_000);
      req.on('close', () => {
        clearInterval(ping);
        sse.delete(res);
      });
      return;
    }

    await serveStatic(url.pathname, res);
  }

  async function serveStatic(pathname: string, res: http.ServerResponse): Promise<void> {
    const rel = decodeURIComponent(pathname === '/' ? '/index.html' : pathname);
    const file = path.resolve(staticRoot, '.' + rel);
    if (!file.startsWith(staticRoot + path.sep)) {
      sendJson(res, 403, { code: 'forbidden', message: 'Outside the app.' });
      return;
    }
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) {
      sendJson(res, 404, { code: 'not_found', message: `Not found: ${rel}` });
      return;
    }
    res.writeHead(200, {
      'content-type': MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
      'content-length': info.size,
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': rel === '/index.html' ? 'no-store' : 'public, max-age=3600',
    });
    createReadStream(file).pipe(res);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/?token=${token}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of sse) res.end();
        sse.clear();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export { calls };

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
  HTTP_CALL_PREFIX,
  HTTP_EVENTS,
  type EventName,
  type EventPayload,
  type Handlers,
} from '../../shared/api';
import { dispatchCall } from '../services/dispatch';
import { CONTENT_SECURITY_POLICY } from '../services/csp';
import { PDF_LIMITS } from '../pdf/limits';
import { BodyError, mb, parseWireBody, readBody } from './body';

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
  /** Largest body of an API call other than an upload, bytes (default LIMITS.maxBodyBytes). */
  maxBodyBytes?: number;
  /** Largest body of an upload (`document.openBytes`: the PDF in base64), bytes (default LIMITS.maxUploadBytes). */
  maxUploadBytes?: number;
  /** Deepest nesting of arrays and objects in a call's arguments (default LIMITS.maxDepth). */
  maxDepth?: number;
}

/**
 * What one request may cost the host.
 * - maxBodyBytes 8 MB: the largest real call is a paste of a whole table into review.apply (a 1,000 × 20 table is
 *   ~1.5 MB of JSON).
 * - maxUploadBytes: a PDF of the reader's size limit (PDF_LIMITS.maxBytes, 200 MB) in base64, plus its name.
 * - maxDepth 64: an edit operation nests 6 levels; nothing legitimate comes near 64.
 */
export const LIMITS = {
  maxBodyBytes: 8 * 1024 * 1024,
  maxUploadBytes: Math.ceil(PDF_LIMITS.maxBytes / 3) * 4 + 64 * 1024,
  maxDepth: 64,
};

/** Calls whose body carries a whole file. */
const UPLOAD_CALLS: ReadonlySet<string> = new Set(['document.openBytes']);

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

function sendJson(res: http.ServerResponse, status: number, body: unknown, closeIfUnread = true): void {
  const text = toWire(body);
  // An answer given before the request's body was read (refused early): the rest is discarded, and the connection
  // is not reused (a client could otherwise send its next request on a socket about to close).
  const req = res.req as http.IncomingMessage | undefined;
  if (req && !req.complete && closeIfUnread) {
    res.shouldKeepAlive = false;
    req.resume();
  }
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(text);
}

/** decodeURIComponent that answers null for a malformed escape (%zz, a lone %E4) instead of throwing. */
function decodePath(p: string): string | null {
  try {
    return decodeURIComponent(p);
  } catch {
    return null;
  }
}

/**
 * Answers a refused body and stops keeping it: what the client still sends is discarded (never kept) for up to two
 * seconds, so a client still writing reads the answer instead of a reset connection, then the connection is closed.
 */
function refuseBody(req: http.IncomingMessage, res: http.ServerResponse, err: BodyError): void {
  // Even for a client that asked for "Connection: close": closing right after the answer would reset a connection
  // the client is still writing to, and it could lose the answer with it.
  res.shouldKeepAlive = true;
  sendJson(res, err.status, { code: err.code, message: err.message }, false);
  req.on('data', () => undefined);
  req.resume();
  const stop = setTimeout(() => req.socket.destroy(), 2000);
  stop.unref();
  req.once('end', () => clearTimeout(stop));
}

export async function startWebHost(opts: WebHostOptions): Promise<WebHost> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const maxBody = opts.maxBodyBytes ?? LIMITS.maxBodyBytes;
  const maxUpload = opts.maxUploadBytes ?? LIMITS.maxUploadBytes;
  const maxDepth = opts.maxDepth ?? LIMITS.maxDepth;
  // The upload cap in the words of the file the reviewer chose (its base64 is a third larger).
  const pdfMax = mb(Math.floor((Math.max(0, maxUpload - 64 * 1024) / 4) * 3));
  const uploadWords = `上传的 PDF 最大 ${pdfMax} / an uploaded PDF may be at most ${pdfMax}`;
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
    // The request target is a path (never "//other-host/…", which URL would read as a host).
    const target = req.url ?? '/';
    let url: URL;
    try {
      if (!target.startsWith('/')) throw new Error('not a path');
      url = new URL(`http://127.0.0.1${target}`);
    } catch {
      sendJson(res, 400, { code: 'bad_request', message: 'Malformed request target.' });
      return;
    }

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
      const name = decodePath(url.pathname.slice(HTTP_CALL_PREFIX.length));
      if (name === null) {
        sendJson(res, 400, { code: 'bad_request', message: 'Malformed escape in the call name.' });
        return;
      }
      if (!isCallName(name)) {
        sendJson(res, 404, { code: 'unknown_call', message: `No such call: ${name}` });
        return;
      }
      let args: unknown;
      try {
        const upload = UPLOAD_CALLS.has(name);
        const body = upload
          ? await readBody(req, maxUpload, uploadWords)
          : await readBody(req, maxBody, `一次调用最大 ${mb(maxBody)} / a call may be at most ${mb(maxBody)}`);
        args = parseWireBody(body, maxDepth);
      } catch (err) {
        if (err instanceof BodyError) refuseBody(req, res, err);
        else sendJson(res, 400, { code: 'bad_request', message: (err as Error).message });
        return;
      }
      const outcome = await dispatchCall(opts.handlers, name, args, { emit });
      if (outcome.ok) sendJson(res, 200, outcome.result);
      else sendJson(res, outcome.error.code === 'bad_args' ? 400 : 422, outcome.error);
      return;
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      sendJson(res, 405, { code: 'method', message: `${req.method} is not allowed here: use GET or HEAD.` });
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

    await serveStatic(url.pathname, req.method === 'HEAD', res);
  }

  async function serveStatic(pathname: string, head: boolean, res: http.ServerResponse): Promise<void> {
    const rel = decodePath(pathname === '/' ? '/index.html' : pathname);
    if (rel === null || rel.includes('\0')) {
      sendJson(res, 400, { code: 'bad_request', message: 'Malformed escape in the path.' });
      return;
    }
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
    if (head) res.end();
    else createReadStream(file).pipe(res);
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

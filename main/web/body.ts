import type http from 'node:http';
import { base64ToBytes } from '../../shared/api';

/**
 * Reading and parsing request bodies within limits. The body is counted as it streams in and refused (413) as soon
 * as it passes its cap — a declared Content-Length over the cap is refused before a byte is read — so a request
 * never costs more than its cap. Parsing checks the nesting depth first, and decodes the contract's byte fields
 * ({"$bytes": base64}) straight from the body's bytes: a PDF upload is held once as base64 and once decoded, not
 * also as a JavaScript string or two.
 */
export class BodyError extends Error {
  constructor(
    readonly status: 400 | 413,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const MB = 1048576;
export const mb = (n: number) => (n < MB ? `${Math.round(n / 1024)} KB` : `${Math.round((n / MB) * 10) / 10} MB`);

/** What a refused body is told: `what` says what the limit is in the reviewer's terms. */
export function tooLarge(limit: number, what?: string): BodyError {
  return new BodyError(413, 'too_large', `请求过大 / Request too large: ${what ?? `at most ${mb(limit)}`}.`);
}

/** The body, or a BodyError(413) once it passes `limit` bytes (`what` words the limit for the message). */
export function readBody(req: http.IncomingMessage, limit: number, what?: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (Number.isFinite(declared) && declared > limit) {
      reject(tooLarge(limit, what));
      return;
    }
    // With a declared length within the cap the body is written into one buffer of that size, not chunks + a copy.
    const exact = Number.isFinite(declared) && declared >= 0 ? Buffer.allocUnsafe(declared) : null;
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const onData = (c: Buffer) => {
      if (done) return;
      size += c.length;
      if (size > limit || (exact && size > exact.length)) {
        done = true;
        req.off('data', onData);
        chunks.length = 0;
        reject(size > limit ? tooLarge(limit, what) : new BodyError(400, 'bad_request', 'Body longer than declared.'));
        return;
      }
      if (exact) c.copy(exact, size - c.length);
      else chunks.push(c);
    };
    req.on('data', onData);
    req.on('end', () => {
      if (done) return;
      done = true;
      if (exact) resolve(size === exact.length ? exact : exact.subarray(0, size));
      else resolve(Buffer.concat(chunks));
    });
    req.on('error', (err) => {
      if (done) return;
      done = true;
      reject(err);
    });
  });
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const BYTES_KEY = Buffer.from('{"$bytes":"');
/** Stands in for a decoded byte field in the text given to JSON.parse (written escaped: "\\u0000bytes"). */
const REF_KEY = '\u0000bytes';

/**
 * Parses a body as the wire format (shared/api/wire.ts fromWire): JSON where {"$bytes": base64} is a Uint8Array.
 * Refuses nesting deeper than `maxDepth` and anything that is not JSON with a BodyError(400).
 */
export function parseWireBody(body: Buffer, maxDepth: number): unknown {
  const blobs: Uint8Array[] = [];
  const parts: Buffer[] = [];
  let from = 0;
  let depth = 0;
  let i = 0;
  const n = body.length;
  while (i < n) {
    const c = body[i]!;
    if (c === QUOTE) {
      i = skipString(body, i);
      continue;
    }
    if (c === 0x7b /* { */ && body[i + 1] === QUOTE && startsWith(body, i, BYTES_KEY)) {
      const start = i + BYTES_KEY.length;
      const end = body.indexOf(QUOTE, start);
      if (end > 0 && body[end + 1] === 0x7d /* } */) {
        const decoded = decodeBase64(body, start, end);
        if (!decoded) throw new BodyError(400, 'bad_request', 'Invalid base64 in a byte field.');
        parts.push(body.subarray(from, i), Buffer.from(`{"\\u0000bytes":${blobs.length}}`));
        blobs.push(decoded);
        i = end + 2;
        from = i;
        continue;
      }
    }
    if (c === 0x7b || c === 0x5b /* [ */) {
      if (++depth > maxDepth)
        throw new BodyError(400, 'too_deep', `请求嵌套过深 / Request nested deeper than ${maxDepth} levels.`);
    } else if (c === 0x7d || c === 0x5d) depth--;
    i++;
  }
  parts.push(body.subarray(from));
  const text = Buffer.concat(parts).toString('utf8');
  if (!text.trim()) return {};
  try {
    return JSON.parse(text, (_k, v: unknown) => {
      if (v && typeof v === 'object' && !Array.isArray(v)) {
        const o = v as Record<string, unknown>;
        const keys = Object.keys(o);
        if (keys.length === 1 && typeof o[REF_KEY] === 'number') return blobs[o[REF_KEY]];
        if (keys.length === 1 && typeof o.$bytes === 'string') return base64ToBytes(o.$bytes);
      }
      return v;
    });
  } catch (err) {
    throw new BodyError(400, 'bad_request', `Not valid JSON: ${(err as Error).message}`);
  }
}

function startsWith(buf: Buffer, at: number, prefix: Buffer): boolean {
  return buf.length - at >= prefix.length && buf.compare(prefix, 0, prefix.length, at, at + prefix.length) === 0;
}

/** Index just past the string that starts at `at` (a quote). */
function skipString(buf: Buffer, at: number): number {
  let i = at + 1;
  while (i < buf.length) {
    const c = buf[i]!;
    if (c === BACKSLASH) i += 2;
    else if (c === QUOTE) return i + 1;
    else i++;
  }
  return i;
}

const LOOKUP = new Int16Array(256).fill(-1);
'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
  .split('')
  .forEach((ch, v) => (LOOKUP[ch.charCodeAt(0)] = v));

const SHARE_FROM = 1024 * 1024;

/** Strict base64 (as wire.ts writes it) from buf[start, end); null when invalid. */
function decodeBase64(buf: Buffer, start: number, end: number): Uint8Array | null {
  let stop = end;
  while (stop > start && buf[stop - 1] === 0x3d /* = */ && end - stop < 2) stop--;
  const len = stop - start;
  if (len % 4 === 1) return null;
  // A large field (an uploaded PDF) is decoded into shared memory: the PDF reader's threads then read it where it
  // is, without a copy of their own.
  const n = Math.floor((len * 3) / 4);
  const out = new Uint8Array(n >= SHARE_FROM ? new SharedArrayBuffer(n) : new ArrayBuffer(n));
  let o = 0;
  let i = start;
  for (; i + 4 <= stop; i += 4) {
    const a = LOOKUP[buf[i]!]!;
    const b = LOOKUP[buf[i + 1]!]!;
    const c = LOOKUP[buf[i + 2]!]!;
    const d = LOOKUP[buf[i + 3]!]!;
    if ((a | b | c | d) < 0) return null;
    const v = (a << 18) | (b << 12) | (c << 6) | d;
    out[o++] = v >> 16;
    out[o++] = (v >> 8) & 255;
    out[o++] = v & 255;
  }
  const rest = stop - i;
  if (rest >= 2) {
    const a = LOOKUP[buf[i]!]!;
    const b = LOOKUP[buf[i + 1]!]!;
    const c = rest === 3 ? LOOKUP[buf[i + 2]!]! : 0;
    if ((a | b | c) < 0) return null;
    const v = (a << 18) | (b << 12) | (c << 6);
    out[o++] = v >> 16;
    if (rest === 3) out[o++] = (v >> 8) & 255;
  }
  return o === n ? out : out.subarray(0, o);
}

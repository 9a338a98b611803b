/**
 * JSON with bytes: the web transport carries Uint8Array as {"$bytes": base64} so the contract's byte fields
 * survive HTTP and Server-Sent Events. Plain JS (no Buffer, no atob dependency on globals beyond what both
 * Node ≥ 16 and browsers have).
 */
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function bytesToBase64(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]! + B64[(n >> 6) & 63]! + B64[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    out += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]! + '==';
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]! + B64[(n >> 6) & 63]! + '=';
  }
  return out;
}

const LOOKUP = new Int16Array(128).fill(-1);
for (let i = 0; i < B64.length; i++) LOOKUP[B64.charCodeAt(i)] = i;

export function base64ToBytes(s: string): Uint8Array {
  const clean = s.replace(/=+$/u, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let o = 0;
  for (let i = 0; i < clean.length; i += 4) {
    const a = LOOKUP[clean.charCodeAt(i)] ?? -1;
    const b = LOOKUP[clean.charCodeAt(i + 1)] ?? -1;
    const c = i + 2 < clean.length ? (LOOKUP[clean.charCodeAt(i + 2)] ?? -1) : 0;
    const d = i + 3 < clean.length ? (LOOKUP[clean.charCodeAt(i + 3)] ?? -1) : 0;
    if (a < 0 || b < 0 || c < 0 || d < 0) throw new Error('invalid base64');
    const n = (a << 18) | (b << 12) | (c << 6) | d;
    out[o++] = (n >> 16) & 255;
    if (i + 2 < clean.length) out[o++] = (n >> 8) & 255;
    if (i + 3 < clean.length) out[o++] = n & 255;
  }
  return out.subarray(0, o);
}

export function toWire(value: unknown): string {
  // The replacer looks at the holder's raw value: JSON.stringify applies toJSON first, and Node's Buffer (a
  // Uint8Array, as fs.readFile returns) would otherwise arrive as {type: 'Buffer', data: [...]}.
  return JSON.stringify(value, function (this: Record<string, unknown>, k: string, v: unknown) {
    const raw = this[k];
    return raw instanceof Uint8Array ? { $bytes: bytesToBase64(raw) } : v;
  });
}

export function fromWire(text: string): unknown {
  return JSON.parse(text, (_k, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const o = v as Record<string, unknown>;
      if (typeof o.$bytes === 'string' && Object.keys(o).length === 1) return base64ToBytes(o.$bytes);
    }
    return v;
  });
}

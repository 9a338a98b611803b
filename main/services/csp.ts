/**
 * One Content-Security-Policy for both transports. No remote content at all; 'wasm-unsafe-eval' lets pdf.js run its
 * WebAssembly image decoders; blob: is for the pdf.js worker and downloads; data: for canvas thumbnails.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self' blob: data:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

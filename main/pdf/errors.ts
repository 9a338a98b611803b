import { TOO_LARGE } from './limits';

/** A PDF that cannot be read at all; `code` lets callers (CLI, services) react without parsing messages. */
export type PdfErrorCode = 'not-pdf' | 'encrypted' | 'corrupt' | 'empty' | 'too-large';

export class PdfReadError extends Error {
  constructor(
    readonly code: PdfErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'PdfReadError';
  }
}

/** A file over a limit (size, pages, the reader's memory or time): the message starts with TOO_LARGE. */
export function tooLarge(detail: string): PdfReadError {
  return new PdfReadError('too-large', `${TOO_LARGE} (${detail})`);
}

/** `%PDF-` within the first KiB, as readers tolerate leading junk. */
export function hasPdfHeader(bytes: Uint8Array): boolean {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  return head.includes('%PDF-');
}

/** Maps pdfjs exceptions (by name, as they cross the worker boundary as plain objects) to clear reasons. */
export function mapPdfError(err: unknown): PdfReadError {
  if (err instanceof PdfReadError) return err;
  const e = err as { name?: string; message?: string } | null;
  const name = e?.name ?? '';
  const msg = e?.message ?? String(err);
  if (name === 'PasswordException' || /password/iu.test(msg)) {
    return new PdfReadError('encrypted', 'the PDF is password-protected (encrypted); open it without a password first');
  }
  if (name === 'InvalidPDFException' || /invalid pdf/iu.test(msg)) {
    return new PdfReadError('corrupt', `the PDF is damaged or truncated (${msg})`);
  }
  if (/empty/iu.test(msg) || /zero/iu.test(msg)) {
    return new PdfReadError('empty', 'the file is empty');
  }
  return new PdfReadError('corrupt', `the PDF cannot be read: ${msg}`);
}

/**
 * What went wrong when pdf.js could not open a file, as one of the app's error codes. pdf.js names its exceptions
 * (PasswordException, InvalidPDFException, …); the name survives the worker boundary, the class does not.
 */
export type PdfOpenErrorCode = 'encrypted' | 'corrupt' | 'empty_file' | 'failed';

export function classifyPdfError(err: unknown): PdfOpenErrorCode {
  const name = (err as { name?: unknown } | null)?.name;
  const message = String((err as { message?: unknown } | null)?.message ?? err);
  if (name === 'PasswordException' || /password/iu.test(message)) return 'encrypted';
  if (/empty|zero-length/iu.test(message)) return 'empty_file';
  if (
    name === 'InvalidPDFException' ||
    name === 'FormatError' ||
    /invalid pdf|xref|startxref|unexpected end|corrupt/iu.test(message)
  ) {
    return 'corrupt';
  }
  return 'failed';
}

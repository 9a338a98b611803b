import * as pdfjs from 'pdfjs-dist';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { BundledCMapReaderFactory, BundledStandardFontDataFactory, BundledWasmFactory } from './pdfAssets';
import { classifyPdfError } from './pdfErrors';
import { ApiError } from '../../shared/api/contract';

// The worker is a bundled file of our own origin: allowed by `worker-src 'self'` without blob: or eval.
pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;

export type { PDFDocumentProxy };
export { pdfjs };

/**
 * Opens PDF bytes for display. pdf.js takes ownership of the buffer it is given, so it gets a copy: the caller's
 * bytes stay usable (e.g. for a retry). Failures become ApiError with the app's codes.
 */
export async function openPdf(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  const task = pdfjs.getDocument({
    data: bytes.slice(),
    CMapReaderFactory: BundledCMapReaderFactory,
    StandardFontDataFactory: BundledStandardFontDataFactory,
    WasmFactory: BundledWasmFactory,
    useWorkerFetch: false,
    // Strict CSP: no eval-compiled PDF functions or glyph programs.
    isEvalSupported: false,
    // Every page is viewed, not printed or filled in; scripts in PDFs never run.
    enableXfa: false,
    stopAtErrors: false,
  });
  try {
    return await task.promise;
  } catch (err) {
    const code = classifyPdfError(err);
    throw new ApiError(code, err instanceof Error ? err.message : String(err));
  }
}

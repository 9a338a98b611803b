import { createRequire } from 'node:module';
import path from 'node:path';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

let loaded: Promise<PdfJs> | null = null;

/**
 * pdfjs-dist's legacy build, loaded once. Its Node bootstrap warns about the optional canvas package, which text
 * and operator-list extraction never need; those load-time warnings are kept off the console (CLI output stays clean).
 */
export function loadPdfJs(): Promise<PdfJs> {
  loaded ??= (async () => {
    const log = console.log;
    console.log = (...args: unknown[]) => {
      if (typeof args[0] === 'string' && args[0].startsWith('Warning:')) return;
      log(...args);
    };
    try {
      return await import('pdfjs-dist/legacy/build/pdf.mjs');
    } finally {
      console.log = log;
    }
  })();
  return loaded;
}

/** Directories of the packed CMaps and standard fonts, as file paths with a trailing separator (Node reads them). */
export function pdfjsAssetDirs(): { cMapUrl: string; standardFontDataUrl: string } {
  const require = createRequire(import.meta.url);
  const root = path.dirname(require.resolve('pdfjs-dist/package.json'));
  return {
    cMapUrl: path.join(root, 'cmaps') + path.sep,
    standardFontDataUrl: path.join(root, 'standard_fonts') + path.sep,
  };
}

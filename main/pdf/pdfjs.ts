import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import type * as PdfJsModule from 'pdfjs-dist/legacy/build/pdf.mjs';

type PdfJs = typeof PdfJsModule;

let loaded: Promise<PdfJs> | null = null;

/**
 * Built-ins that the legacy build's core-js replaces although Node 20's own are correct for everything pdfjs does:
 * its Array.prototype.push alone (a JavaScript loop with length checks, used by every push in the process) cost
 * ~15 % of the CPU time of reading a long document. They are put back once pdfjs is loaded.
 */
const NATIVE_BUILTINS: ReadonlyArray<readonly [object, PropertyKey]> = [
  [Array.prototype, 'push'],
  [JSON, 'parse'],
  [JSON, 'stringify'],
];

/**
 * pdfjs inflates every Flate stream (each page's content, once for the text and again for the operator list) through
 * the web DecompressionStream when there is one; in Node that goes through web streams and zlib's thread pool, chunk
 * by chunk, which cost ~10 % of the reading time of a long document against pdfjs's own synchronous inflate. Nothing
 * else in this process uses DecompressionStream, so it is removed where pdfjs runs (pdfjs then inflates in place).
 */
function withoutDecompressionStream(): void {
  const g = globalThis as { DecompressionStream?: unknown };
  if (g.DecompressionStream !== undefined) Reflect.deleteProperty(g, 'DecompressionStream');
}

/**
 * An ES module of pdfjs-dist, through require() where Node can require ES modules (20.19+), else import(). Under
 * tsx (CLI, benchmarks, web host, every reader thread) import() passes pdfjs's 2 MB of minified code through tsx's
 * loader, which rewrites its dynamic imports and builds a source map for them: ~0.8 s per thread, against ~0.2 s.
 */
async function loadModule(specifier: string): Promise<unknown> {
  try {
    return createRequire(import.meta.url)(specifier) as unknown;
  } catch {
    return import(specifier);
  }
}

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
    const natives = NATIVE_BUILTINS.map(
      ([owner, key]) => [owner, key, Object.getOwnPropertyDescriptor(owner, key)] as const,
    );
    try {
      // The minified builds carry no source-map comment: with source maps enabled (tsx), Node would otherwise parse
      // pdfjs's 8 MB of maps, costing seconds and hundreds of MB on every start.
      const pdfjs = (await loadModule('pdfjs-dist/legacy/build/pdf.min.mjs')) as PdfJs;
      const workerSrc = pathToFileURL(
        path.join(
          path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')),
          'legacy/build/pdf.worker.min.mjs',
        ),
      ).href;
      pdfjs.GlobalWorkerOptions.workerSrc = workerSrc;
      // In Node pdfjs runs its worker side in this thread; loading it now (it registers globalThis.pdfjsWorker, which
      // getDocument uses) lets its polyfills be undone below too.
      await loadModule('pdfjs-dist/legacy/build/pdf.worker.min.mjs');
      return pdfjs;
    } finally {
      for (const [owner, key, desc] of natives) if (desc) Object.defineProperty(owner, key, desc);
      withoutDecompressionStream();
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

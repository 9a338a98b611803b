/**
 * pdf.js's CMaps (Chinese text in fonts with predefined encodings), standard fonts and WebAssembly decoders,
 * bundled by Vite straight from node_modules as hashed assets — no copies in the repository, no build-config
 * change, and the same URLs work over app:// in Electron and over HTTP in the browser.
 */
const CMAPS = import.meta.glob('../../node_modules/pdfjs-dist/cmaps/*.bcmap', {
  query: '?url',
  import: 'default',
  eager: true,
  exhaustive: true,
}) as Record<string, string>;
const FONTS = import.meta.glob('../../node_modules/pdfjs-dist/standard_fonts/*.{pfb,ttf}', {
  query: '?url',
  import: 'default',
  eager: true,
  exhaustive: true,
}) as Record<string, string>;
const WASM = import.meta.glob('../../node_modules/pdfjs-dist/wasm/*.wasm', {
  query: '?url',
  import: 'default',
  eager: true,
  exhaustive: true,
}) as Record<string, string>;

function byFileName(map: Record<string, string>): Map<string, string> {
  return new Map(Object.entries(map).map(([p, url]) => [p.slice(p.lastIndexOf('/') + 1), url]));
}

const cmapUrls = byFileName(CMAPS);
const fontUrls = byFileName(FONTS);
const wasmUrls = byFileName(WASM);

async function fetchBytes(url: string | undefined, what: string): Promise<Uint8Array> {
  if (!url) throw new Error(`pdf.js asset not bundled: ${what}`);
  const res = await fetch(url);
  if (!res.ok) throw new Error(`cannot load ${what}: HTTP ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

/** Factories with pdf.js's interface (constructed with {baseUrl}, which they do not need). */
export class BundledCMapReaderFactory {
  async fetch({ name }: { name: string }): Promise<{ cMapData: Uint8Array; isCompressed: boolean }> {
    return { cMapData: await fetchBytes(cmapUrls.get(`${name}.bcmap`), `CMap ${name}`), isCompressed: true };
  }
}

export class BundledStandardFontDataFactory {
  async fetch({ filename }: { filename: string }): Promise<Uint8Array> {
    return fetchBytes(fontUrls.get(filename), `font ${filename}`);
  }
}

export class BundledWasmFactory {
  async fetch({ filename }: { filename: string }): Promise<Uint8Array> {
    return fetchBytes(wasmUrls.get(filename), `wasm ${filename}`);
  }
}

export const bundledAssetCounts = { cmaps: cmapUrls.size, fonts: fontUrls.size, wasm: wasmUrls.size };

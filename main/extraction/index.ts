import { createHash } from 'node:crypto';
import path from 'node:path';
import type { BBox, ExtractedDocument, Narrative, PageInfo, Table } from '../../shared/model';
import { readPagesParallel } from '../pdf/parallel';
import { readPages } from '../pdf/read';
import type { PageContent } from '../pdf/types';
import { assembleTables, createAssembler } from './assemble';
import { recordKinds } from './columns';
import type { PageGrid } from './grid';
import { detectLatticeTables } from './lattice';
import { layoutPage, type PageLayout, type StreamDetector } from './layout';
import { documentMeta } from './meta';

export interface ExtractProgressEvent {
  stage: 'reading' | 'detecting' | 'assembling' | 'done';
  done: number;
  total: number;
}

export interface ExtractOptions {
  file: string;
  onProgress?: (p: ExtractProgressEvent) => void;
  onTable?: (t: Table) => void;
  /** Worker threads for reading pages (default: the idle cores, at most 3; 0 reads on this thread only). */
  workers?: number;
  /**
   * Read image-only (scanned) pages with OCR (main/ocr). Default true: pages with a text layer never pay for it, a
   * scan costs a second or two per page. false (CLI `--no-ocr`) leaves scans unread, noted as image-only.
   */
  ocr?: boolean;
}

async function streamDetector(): Promise<StreamDetector | null> {
  try {
    const mod = (await import('./stream')) as { detectStreamTables?: StreamDetector };
    return mod.detectStreamTables ?? null;
  } catch {
    return null;
  }
}

export async function extractFromPages(
  pages: PageContent[],
  numPages: number,
  opts: ExtractOptions & { sha256: string },
): Promise<ExtractedDocument> {
  const stream = await streamDetector();
  const layouts: PageLayout[] = [];
  for (const p of pages) {
    layouts.push(layoutPage(p, stream));
    opts.onProgress?.({ stage: 'detecting', done: layouts.length, total: pages.length });
  }
  opts.onProgress?.({ stage: 'assembling', done: 0, total: 1 });
  const tables = assembleTables(layouts, opts.onTable);
  return documentOf(pages, layouts, tables, numPages, opts);
}

function documentOf(
  pages: PageContent[],
  layouts: PageLayout[],
  tables: Table[],
  numPages: number,
  opts: ExtractOptions & { sha256: string },
): ExtractedDocument {
  const pageInfo: PageInfo[] = pages.map((p) => ({
    page: p.page,
    width: p.width,
    height: p.height,
    hasText: p.runs.length > 0,
  }));
  const notices = pages
    .filter((p) => p.runs.length === 0)
    .map((p) => ({
      page: p.page,
      code: p.hasImages ? 'image-only' : 'blank-page',
      message: p.hasImages
        ? `page ${p.page} is an image only (a scan, no text layer): nothing can be read there without OCR`
        : `page ${p.page} has no text`,
    }));
  const narrative = narrativeOf(layouts);
  opts.onProgress?.({ stage: 'done', done: 1, total: 1 });
  return {
    source: { file: path.basename(opts.file), sha256: opts.sha256, pages: numPages },
    meta: documentMeta(layouts, tables),
    tables,
    findings: [],
    narrative,
    pageInfo,
    notices,
  };
}

/** Lines outside tables and not used as table context, grouped into blocks (paragraphs, headings). */
function narrativeOf(layouts: PageLayout[]): Narrative[] {
  const out: Narrative[] = [];
  for (const l of layouts) {
    let block: { text: string; bbox: BBox; bottom: number; size: number } | null = null;
    const flush = () => {
      if (block) out.push({ page: l.page.page, text: block.text, bbox: block.bbox });
      block = null;
    };
    for (const line of l.lines) {
      if (line.used) continue;
      const b: { text: string; bbox: BBox; bottom: number; size: number } | null = block;
      if (b && b.bottom - line.bbox[3] < line.fontSize * 1.2 && Math.abs(b.size - line.fontSize) < 0.5) {
        b.text += line.text;
        b.bbox = [Math.min(b.bbox[0], line.bbox[0]), line.bbox[1], Math.max(b.bbox[2], line.bbox[2]), b.bbox[3]];
        b.bottom = line.bbox[1];
      } else {
        flush();
        block = { text: line.text, bbox: line.bbox, bottom: line.bbox[1], size: line.fontSize };
      }
    }
    flush();
  }
  return out;
}

export async function extractDocument(bytes: Uint8Array, opts: ExtractOptions): Promise<ExtractedDocument> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const first = await extractStreaming(bytes, { ...opts, sha256 });
  if (opts.ocr === false) return first.doc;
  // --- OCR hook (main/ocr owns everything behind it) ---
  // Only image-only pages are recognised; a document with a text layer on every page never loads the OCR engine.
  const { pages, numPages } = first;
  if (!pages.some((p) => p.runs.length === 0 && p.hasImages)) return first.doc;
  const ocr = await import('../ocr');
  const read = await ocr.ocrImageOnlyPages(bytes, pages, (done, total) =>
    opts.onProgress?.({ stage: 'reading', done, total }),
  );
  if (read.pages.size === 0) return first.doc;
  // Tables of the text pages were reported while streaming; only those the scans add or extend are new.
  const onTable = opts.onTable && ((t: Table) => t.pages.some((p) => read.pages.has(p)) && opts.onTable!(t));
  return ocr.markOcrCells(await extractFromPages(pages, numPages, { ...opts, onTable, sha256 }), read);
  // --- end OCR hook ---
}

/**
 * Pages are laid out and assembled in page order while the rest are still being read, so on a long document the
 * first tables are reported (onTable) seconds after opening instead of after the last page.
 */
async function extractStreaming(
  bytes: Uint8Array,
  opts: ExtractOptions & { sha256: string },
): Promise<{ doc: ExtractedDocument; pages: PageContent[]; numPages: number }> {
  const stream = await streamDetector();
  const assembler = createAssembler(opts.onTable);
  const layouts: PageLayout[] = [];
  const waiting = new Map<number, PageContent>();
  const { pages, numPages } = await readPagesParallel(bytes, {
    workers: opts.workers,
    onPage: (done, total) => opts.onProgress?.({ stage: 'reading', done, total }),
    onContent: (content) => {
      waiting.set(content.page, content);
      for (let p = waiting.get(layouts.length + 1); p; p = waiting.get(layouts.length + 1)) {
        waiting.delete(p.page);
        const layout = layoutPage(p, stream);
        layouts.push(layout);
        assembler.push(layout);
      }
    },
  });
  opts.onProgress?.({ stage: 'assembling', done: 0, total: 1 });
  return { doc: documentOf(pages, layouts, assembler.end(), numPages, opts), pages, numPages };
}

/** One table from a region a reviewer drew on a page. */
export async function extractRegion(
  bytes: Uint8Array,
  page: number,
  bbox: BBox,
  mode: 'auto' | 'lattice' | 'stream',
): Promise<Table> {
  const { pages } = await readPages(bytes, { pages: [page] });
  const content = pages[0]!;
  const region: BBox = [
    Math.min(bbox[0], bbox[2]),
    Math.min(bbox[1], bbox[3]),
    Math.max(bbox[0], bbox[2]),
    Math.max(bbox[1], bbox[3]),
  ];
  const clipped: PageContent = {
    ...content,
    runs: content.runs.filter(
      (r) =>
        (r.x0 + r.x1) / 2 >= region[0] &&
        (r.x0 + r.x1) / 2 <= region[2] &&
        (r.y0 + r.y1) / 2 >= region[1] &&
        (r.y0 + r.y1) / 2 <= region[3],
    ),
  };
  let grids: PageGrid[] = [];
  if (mode !== 'stream') grids = detectLatticeTables(clipped, { region });
  if (grids.length === 0 && mode !== 'lattice') {
    const stream = await streamDetector();
    if (stream) grids = stream(clipped, { region });
  }
  if (grids.length === 0) throw new Error(`no table found in the region on page ${page}`);
  const layout: PageLayout = {
    page: clipped,
    grids: grids.map((grid) => ({ grid, context: emptyContext() })),
    lines: [],
    trailing: null,
    leadingNote: null,
  };
  // Context (title, unit) comes from the whole page's text above the region.
  const full = layoutPage(
    { ...content, segments: [], runs: content.runs.filter((r) => !clipped.runs.includes(r)) },
    null,
  );
  const titleLine = full.lines.find((l) => l.bbox[1] >= region[3] && /表/u.test(l.text));
  const tables = assembleTables([layout]);
  const first = tables[0]!;
  const joined = tables.slice(1).reduce((t, o) => ({ ...t, rows: [...t.rows, ...o.rows] }), first);
  // The kinds of the first part's columns, read over all the rows.
  const merged = tables.length > 1 ? { ...joined, columns: recordKinds(joined.columns, joined.rows) } : joined;
  return {
    ...merged,
    id: `manual-p${page}-${Math.round(region[0])}-${Math.round(region[1])}`,
    title: merged.title || titleLine?.text || '',
    method: 'manual',
  };
}

function emptyContext() {
  return {
    title: null,
    lead: null,
    number: null,
    ordinal: null,
    moneyUnit: null,
    unitName: null,
    unitCode: null,
    department: null,
    note: null,
  };
}

import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { hasPdfHeader, mapPdfError, PdfReadError, tooLarge } from './errors';
import { normalizeText } from './normalize';
import { InThreadPort } from './loopback';
import { loadPdfJs, pdfjsAssetDirs } from './pdfjs';
import { displaySpace } from '../../shared/geometry/page-space';
import { mergeSegments, multiply, PathCollector, type Matrix } from './segments';
import type { PageContent, TextRun } from './types';

export interface ReadOptions {
  /** 1-based pages to read; all when absent. */
  pages?: number[];
  /**
   * Which pages get their drawing operators parsed (rulings, images). 'all' always; 'auto' skips pages whose text
   * shows no sign of a table (saves most of the time on long prose). Default 'all'.
   */
  graphics?: 'all' | 'auto';
  onPage?: (done: number, total: number) => void;
}

/** Opens a PDF with pdfjs, mapping every failure to a PdfReadError with a one-line reason. */
export async function openPdf(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  if (bytes.length === 0) throw new PdfReadError('empty', 'the file is empty');
  if (!hasPdfHeader(bytes)) throw new PdfReadError('not-pdf', 'not a PDF file (no %PDF- header)');
  const pdfjs = await loadPdfJs();
  const worker = inThreadWorker(pdfjs);
  try {
    const task = pdfjs.getDocument({
      // pdfjs transfers (detaches) the buffer it is given; the caller keeps theirs. Shared memory (a reader thread's
      // view of the caller's bytes) cannot be transferred: pdfjs reads it where it is, without a copy of its own.
      data:
        bytes.buffer instanceof SharedArrayBuffer && bytes.byteLength === bytes.buffer.byteLength
          ? bytes
          : new Uint8Array(bytes),
      ...(worker ? { worker } : {}),
      ...pdfjsAssetDirs(),
      cMapPacked: true,
      useSystemFonts: false,
      isEvalSupported: false,
      disableFontFace: true,
      verbosity: 0,
    });
    // Destroying the document then destroys the worker too, as for the worker pdfjs creates itself.
    if (worker) (task as unknown as { _worker: unknown })._worker = worker;
    const doc = await task.promise;
    if (doc.numPages === 0) throw new PdfReadError('empty', 'the PDF has no pages');
    return doc;
  } catch (err) {
    worker?.destroy();
    throw mapPdfError(err);
  }
}

type PdfJsLib = Awaited<ReturnType<typeof loadPdfJs>>;

/** pdfjs's worker side on an InThreadPort in this thread (see loopback.ts); null leaves pdfjs its own fake worker. */
function inThreadWorker(pdfjs: PdfJsLib): InstanceType<PdfJsLib['PDFWorker']> | null {
  const side = (
    globalThis as { pdfjsWorker?: { WorkerMessageHandler?: { initializeFromPort?: (p: unknown) => void } } }
  ).pdfjsWorker?.WorkerMessageHandler;
  if (typeof side?.initializeFromPort !== 'function') return null;
  const port = new InThreadPort();
  const worker = new pdfjs.PDFWorker({ port: port as never });
  side.initializeFromPort(port);
  return worker;
}

/**
 * The pages of a PDF, parsed in a reader thread with memory, size and page-count limits (limited.ts): a hostile
 * file fails with a `too-large` PdfReadError instead of exhausting this process.
 */
export async function readPages(
  bytes: Uint8Array,
  opts: ReadOptions = {},
): Promise<{ pages: PageContent[]; numPages: number }> {
  const { readPagesParallel } = await import('./parallel');
  return readPagesParallel(bytes, { ...opts, workers: 0 });
}

/** readPages in this thread, without the memory limit of a reader thread (the reader threads use this path). */
export async function readPagesInThread(
  bytes: Uint8Array,
  opts: ReadOptions & { maxPages?: number } = {},
): Promise<{ pages: PageContent[]; numPages: number }> {
  const doc = await openPdf(bytes);
  try {
    if (opts.maxPages !== undefined && doc.numPages > opts.maxPages)
      throw tooLarge(`${doc.numPages} pages, at most ${opts.maxPages}`);
    const numbers = opts.pages ?? Array.from({ length: doc.numPages }, (_, i) => i + 1);
    const pages: PageContent[] = [];
    let done = 0;
    for (const n of numbers) {
      if (n < 1 || n > doc.numPages)
        throw new PdfReadError('corrupt', `page ${n} does not exist (document has ${doc.numPages})`);
      pages.push(await readPage(doc, n, opts.graphics ?? 'all'));
      opts.onPage?.(++done, numbers.length);
      // pdfjs reads a page in promise callbacks only: without a turn of the event loop between pages nothing else
      // runs here — in the host, the progress and tables it streams to the screen would all go out at the end.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    return { pages, numPages: doc.numPages };
  } catch (err) {
    throw mapPdfError(err);
  } finally {
    await doc.destroy();
  }
}

export async function readPage(
  doc: PDFDocumentProxy,
  n: number,
  graphics: 'all' | 'auto' = 'all',
): Promise<PageContent> {
  const page = await doc.getPage(n);
  try {
    const view = page.view as [number, number, number, number];
    const toPage = displaySpace(page.rotate, view);
    const runs = await readRuns(page, toPage);
    const turned = page.rotate % 180 !== 0;
    const content: PageContent = {
      page: n,
      width: turned ? view[3] - view[1] : view[2] - view[0],
      height: turned ? view[2] - view[0] : view[3] - view[1],
      rotation: page.rotate,
      runs,
      segments: [],
      rects: [],
      hasImages: false,
    };
    if (graphics === 'all' || runs.length === 0 || looksTabular(runs)) await readGraphics(page, content, toPage);
    return content;
  } finally {
    page.cleanup();
  }
}

/** Several decimal amounts on the page suggest a table (runs may be single glyphs, so the text is joined first). */
export function looksTabular(runs: TextRun[]): boolean {
  let text = '';
  let prev: TextRun | null = null;
  for (const r of runs) {
    if (prev && (Math.abs(prev.y0 - r.y0) > 1 || r.x0 - prev.x1 > r.fontSize * 0.2 || r.x0 < prev.x0)) text += ' ';
    text += r.str;
    prev = r;
  }
  return (text.match(/\d\.\d{2}(?!\d)/gu) ?? []).length >= 3;
}

interface RawItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
  fontName: string;
}

async function readRuns(page: PDFPageProxy, toPage: Matrix): Promise<TextRun[]> {
  const tc = await page.getTextContent({ includeMarkedContent: false });
  const styles = tc.styles as Record<string, { ascent?: number; descent?: number; vertical?: boolean }>;
  const runs: TextRun[] = [];
  for (const it of tc.items as RawItem[]) {
    if (typeof it.str !== 'string') continue;
    const str = normalizeText(it.str);
    if (!str.trim()) continue;
    const [a, b, c, d, e, f] = multiply(it.transform as Matrix, toPage);
    const style = styles[it.fontName] ?? {};
    const vertical = style.vertical === true || (Math.abs(a) < 1e-3 && Math.abs(d) < 1e-3 && Math.abs(b) > 1e-3);
    const size = vertical ? Math.hypot(a, b) : Math.hypot(c, d) || Math.hypot(a, b);
    const ascent = style.ascent && style.ascent > 0 ? style.ascent : 0.88;
    const descent = style.descent && style.descent < 0 ? style.descent : -0.12;
    let run: TextRun;
    if (vertical) {
      // Top-to-bottom text: the item's origin is its top; height is the advance along the column.
      const len = it.height || it.width;
      run = {
        str,
        x0: e - size / 2,
        x1: e + size / 2,
        y0: f - len,
        y1: f,
        fontSize: size,
        fontName: it.fontName,
        vertical: true,
      };
    } else {
      run = {
        str,
        x0: Math.min(e, e + it.width),
        x1: Math.max(e, e + it.width),
        y0: f + descent * size,
        y1: f + ascent * size,
        fontSize: size,
        fontName: it.fontName,
      };
    }
    runs.push(round(run));
  }
  return runs;
}

function round(r: TextRun): TextRun {
  const q = (n: number) => Math.round(n * 100) / 100;
  return { ...r, x0: q(r.x0), y0: q(r.y0), x1: q(r.x1), y1: q(r.y1), fontSize: q(r.fontSize) };
}

async function readGraphics(page: PDFPageProxy, content: PageContent, toPage: Matrix): Promise<void> {
  const pdfjs = await loadPdfJs();
  const OPS = pdfjs.OPS;
  const ops = await page.getOperatorList();
  const collector = new PathCollector();
  let ctm: Matrix = toPage;
  let lineWidth = 1;
  const stack: Array<{ ctm: Matrix; lineWidth: number }> = [];
  const strokeOps = new Set<number>([OPS.stroke, OPS.closeStroke]);
  const fillOps = new Set<number>([OPS.fill, OPS.eoFill]);
  const bothOps = new Set<number>([OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
  const imageOps = new Set<number>([
    OPS.paintImageXObject,
    OPS.paintInlineImageXObject,
    OPS.paintInlineImageXObjectGroup,
    OPS.paintImageXObjectRepeat,
    OPS.paintImageMaskXObject,
    OPS.paintImageMaskXObjectGroup,
    OPS.paintImageMaskXObjectRepeat,
  ]);
  const { fnArray, argsArray } = ops;
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i]!;
    const args = argsArray[i] as unknown[] | null;
    switch (fn) {
      case OPS.save:
        stack.push({ ctm, lineWidth });
        break;
      case OPS.restore: {
        const s = stack.pop();
        if (s) ({ ctm, lineWidth } = s);
        break;
      }
      case OPS.transform:
        ctm = multiply(args as Matrix, ctm);
        break;
      case OPS.setLineWidth:
        lineWidth = Number((args as number[])[0]);
        break;
      case OPS.paintFormXObjectBegin: {
        stack.push({ ctm, lineWidth });
        const m = (args as unknown[])[0] as number[] | null;
        if (m && m.length === 6) ctm = multiply(m as Matrix, ctm);
        break;
      }
      case OPS.paintFormXObjectEnd: {
        const s = stack.pop();
        if (s) ({ ctm, lineWidth } = s);
        break;
      }
      case OPS.constructPath: {
        const [paint, data] = args as [number, Array<ArrayLike<number> | null>];
        const buf = data?.[0];
        if (!buf) break;
        const mode = strokeOps.has(paint)
          ? 'stroke'
          : fillOps.has(paint)
            ? 'fill'
            : bothOps.has(paint)
              ? 'both'
              : 'none';
        collector.addPath(buf, ctm, mode, lineWidth);
        break;
      }
      default:
        if (imageOps.has(fn)) content.hasImages = true;
    }
  }
  content.segments = mergeSegments(collector.lines);
  content.rects = collector.rects;
}

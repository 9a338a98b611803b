import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type { PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PageContent, Segment, TextRun } from '../pdf/types';
import { detectRulings, estimateSkew, type GrayImage, type PixelLine } from './rulings';
import { cleanWordText, isCjk } from './text';

/** What tesseract reports for one word (pixel box, y down). */
export interface OcrWord {
  text: string;
  confidence: number;
  bbox: { x0: number; y0: number; x1: number; y1: number };
}
export interface OcrLine {
  words: OcrWord[];
}

/** Something that turns a PNG into lines of words: one tesseract worker or a scheduler over several. */
export type Recognizer = (png: Uint8Array) => Promise<OcrLine[]>;

export interface OcrPageOptions {
  /** Rendering resolution; scans are ~150 dpi, twice that gives the recogniser strokes it can read. Default 300. */
  dpi?: number;
}

/** The npm package holding chi_sim.traineddata (LSTM, integer model: small and what tesseract.js loads by default). */
export function chiSimLangPath(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('@tesseract.js-data/chi_sim/package.json')), '4.0.0_best_int');
}

export function tesseractOptions(): { langPath: string; gzip: boolean; cachePath: string } {
  return { langPath: chiSimLangPath(), gzip: true, cachePath: path.join(os.tmpdir(), 'budget-review-tesseract') };
}

interface Canvas {
  width: number;
  height: number;
  getContext(type: '2d'): CanvasContext;
  encode(format: 'png'): Promise<Buffer>;
}
interface CanvasContext {
  fillStyle: string;
  fillRect(x: number, y: number, w: number, h: number): void;
  drawImage(img: unknown, x: number, y: number): void;
  translate(x: number, y: number): void;
  rotate(a: number): void;
  getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
}

async function createCanvas(w: number, h: number): Promise<Canvas> {
  const mod = (await import('@napi-rs/canvas' as string)) as { createCanvas(w: number, h: number): Canvas };
  return mod.createCanvas(w, h);
}

function grayOf(ctx: CanvasContext, width: number, height: number): GrayImage {
  const rgba = ctx.getImageData(0, 0, width, height).data;
  const data = new Uint8Array(width * height);
  for (let i = 0, j = 0; j < data.length; i += 4, j++)
    data[j] = (rgba[i]! * 77 + rgba[i + 1]! * 150 + rgba[i + 2]! * 29) >> 8;
  return { data, width, height };
}

/**
 * One scanned page as the extraction engine reads a text page: the page is rendered, deskewed, its rulings found and
 * erased (table borders confuse the recogniser), the rest recognised; word boxes and rulings land in PDF user space
 * of the deskewed page.
 */
export async function ocrPage(
  page: PDFPageProxy,
  recognize: Recognizer,
  opts: OcrPageOptions = {},
): Promise<PageContent> {
  const scale = (opts.dpi ?? 300) / 72;
  const viewport = page.getViewport({ scale });
  const w = Math.ceil(viewport.width);
  const h = Math.ceil(viewport.height);
  const raw = await createCanvas(w, h);
  const rawCtx = raw.getContext('2d');
  rawCtx.fillStyle = '#ffffff';
  rawCtx.fillRect(0, 0, w, h);
  await page.render({ canvas: raw, canvasContext: rawCtx, viewport } as unknown as Parameters<
    PDFPageProxy['render']
  >[0]).promise;
  const skew = estimateSkew(grayOf(rawCtx, w, h));

  const straight = await createCanvas(w, h);
  const ctx = straight.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, w, h);
  ctx.translate(w / 2, h / 2);
  ctx.rotate(-skew);
  ctx.translate(-w / 2, -h / 2);
  ctx.drawImage(raw, 0, 0);
  ctx.translate(w / 2, h / 2);
  ctx.rotate(skew);
  ctx.translate(-w / 2, -h / 2);

  const gray = grayOf(ctx, w, h);
  // A ruling spans at least a narrow cell (~25 pt); a text stroke (even 一) is one character wide.
  const rulings = detectRulings(gray, {
    minLength: Math.round(25 * scale),
    maxGap: Math.round(scale),
    maxThickness: Math.round(2 * scale),
  });
  ctx.fillStyle = '#ffffff';
  for (const l of rulings) {
    const pad = l.thickness / 2 + 1.5;
    ctx.fillRect(l.x0 - pad, l.y0 - pad, l.x1 - l.x0 + 2 * pad, l.y1 - l.y0 + 2 * pad);
  }
  const lines = await recognize(new Uint8Array(await straight.encode('png')));

  const [vx0, vy0, vx1, vy1] = page.view as [number, number, number, number];
  const height = vy1 - vy0;
  return {
    page: page.pageNumber,
    width: vx1 - vx0,
    height,
    rotation: page.rotate,
    runs: runsFromLines(lines, scale, height),
    segments: rulings.map((l) => toSegment(l, scale, height)),
    rects: [],
    hasImages: true,
  };
}

function toSegment(l: PixelLine, scale: number, height: number): Segment {
  const q = (n: number) => Math.round(n * 100) / 100;
  return { x0: q(l.x0 / scale), x1: q(l.x1 / scale), y0: q(height - l.y0 / scale), y1: q(height - l.y1 / scale) };
}

/**
 * Words of a line become runs: neighbours closer than about half a character are one run (tesseract cuts Chinese
 * into single characters), wider gaps – column gaps – start a new run. Low-confidence specks are dropped.
 */
export function runsFromLines(lines: OcrLine[], scale: number, pageHeight: number): TextRun[] {
  const runs: TextRun[] = [];
  const em = typicalCharHeight(lines);
  for (const line of lines) {
    const words = line.words
      .map((wd) => ({ ...wd, text: cleanWordText(wd.text) }))
      .filter((wd) => wd.text && !(wd.confidence < 30 && /^[^\p{L}\p{N}]+$/u.test(wd.text)))
      .sort((a, b) => a.bbox.x0 - b.bbox.x0);
    let cur: { text: string; x0: number; x1: number; y0: number; y1: number } | null = null;
    const flush = () => {
      if (!cur) return;
      // Tesseract's boxes hug the ink (digits are shorter than Chinese, 一 is a sliver); the engine expects font boxes
      // of one size per line, so every run gets the page's character height around its ink centre.
      const size = Math.max(em ?? cur.y1 - cur.y0, cur.y1 - cur.y0) / scale;
      const mid = pageHeight - (cur.y0 + cur.y1) / 2 / scale;
      runs.push({
        str: cur.text,
        x0: q(cur.x0 / scale),
        x1: q(cur.x1 / scale),
        y0: q(mid - size * 0.55),
        y1: q(mid + size * 0.55),
        fontSize: q(size),
      });
      cur = null;
    };
    for (const wd of words) {
      const hgt = wd.bbox.y1 - wd.bbox.y0;
      const c = cur as { text: string; x0: number; x1: number; y0: number; y1: number } | null;
      if (c && wd.bbox.x0 - c.x1 < Math.max(hgt, c.y1 - c.y0) * 0.6) {
        const gap = wd.bbox.x0 - c.x1;
        const joinTight = (isCjk(c.text.slice(-1)) && isCjk(wd.text[0]!)) || gap < hgt * 0.2;
        c.text = cleanWordText(c.text + (joinTight ? '' : ' ') + wd.text);
        c.x1 = Math.max(c.x1, wd.bbox.x1);
        c.y0 = Math.min(c.y0, wd.bbox.y0);
        c.y1 = Math.max(c.y1, wd.bbox.y1);
      } else {
        flush();
        cur = { text: wd.text, x0: wd.bbox.x0, x1: wd.bbox.x1, y0: wd.bbox.y0, y1: wd.bbox.y1 };
      }
    }
    flush();
  }
  return runs;
}

/** Median height of single Chinese characters: the body text's character size in pixels. */
function typicalCharHeight(lines: OcrLine[]): number | null {
  const hs: number[] = [];
  for (const l of lines)
    for (const wd of l.words) {
      const t = wd.text.trim();
      if (t.length >= 1 && [...t].every(isCjk) && wd.confidence >= 60) hs.push(wd.bbox.y1 - wd.bbox.y0);
    }
  if (hs.length < 3) return null;
  hs.sort((a, b) => a - b);
  return hs[Math.floor(hs.length / 2)]!;
}

function q(n: number): number {
  return Math.round(n * 100) / 100;
}

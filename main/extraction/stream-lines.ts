import { EXTRACTION } from './settings';
import type { BBox } from '../../shared/model';
import type { TextRun } from '../pdf/types';

/**
 * Text atoms for whitespace table detection: runs glued into tokens (words, or a CJK phrase) and tokens
 * grouped into baseline lines. Readers differ in how finely they cut runs (per glyph, per word, per show
 * operator), so everything downstream works on tokens, never on raw runs.
 */
export interface Token {
  runs: TextRun[];
  text: string;
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  fs: number;
  numeric: boolean;
}

export interface Line {
  tokens: Token[];
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  /** Vertical centre: baselines jitter between fonts, centres much less. */
  yc: number;
  fs: number;
}

/** Runs closer than this (em) are one token: letters of a word, glyphs of a CJK phrase. */
const TOKEN_GAP_EM = EXTRACTION.tokenGap.value;
/** Two tokens of a line further apart than this (em) are separate chunks (possible cells). */
export const CHUNK_GAP_EM = 0.8;

const AMOUNT = /^[-+−–(（]?[$¥€£￥]?\d[\d,，]*(?:\.\d*)?(?:%|[kKmMbB]|bn|mn)?[)）*]?$|^[-+−–(（]?\.\d+%?[)）]?$/;
const PLACEHOLDER = /^(?:-|—|–|—+|-+|－+|\*)$/;

/** An amount, a count, a code or a dash standing for an empty amount. */
export function isNumericText(s: string): boolean {
  const t = s.replace(/\s+/g, '');
  return t.length > 0 && (AMOUNT.test(t) || PLACEHOLDER.test(t));
}

const LEADER = /(?:\.\s*){4,}/;

function centre(r: { x0: number; x1: number; y0: number; y1: number }): [number, number] {
  return [(r.x0 + r.x1) / 2, (r.y0 + r.y1) / 2];
}

export function inBox(b: BBox, x: number, y: number, pad = 0): boolean {
  return x >= b[0] - pad && x <= b[2] + pad && y >= b[1] - pad && y <= b[3] + pad;
}

/**
 * A run holding several space-separated fields (typewriter-style alignment with repeated spaces) is cut at
 * the space runs; positions inside the run are estimated from character counts, CJK counting double.
 */
function splitOnSpaceRuns(r: TextRun): TextRun[] {
  if (!/\S\s{2,}\S/.test(r.str) && !LEADER.test(r.str)) return [r];
  const weight = (s: string): number => {
    let w = 0;
    for (const ch of s) w += /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/.test(ch) ? 2 : 1;
    return w;
  };
  const total = weight(r.str) || 1;
  const unit = (r.x1 - r.x0) / total;
  const out: TextRun[] = [];
  let pos = 0;
  // Dot leaders (a table of contents, a statistical abstract) are whitespace drawn with dots.
  const str = r.str.replace(/(?:\.\s*){4,}/g, (m) => ' '.repeat(Math.max(2, m.length)));
  for (const m of str.matchAll(/(\S+(?: \S+)*)|(\s+)/g)) {
    const piece = m[0];
    const w = weight(piece);
    if (m[1]) out.push({ ...r, str: piece, x0: r.x0 + pos * unit, x1: r.x0 + (pos + w) * unit });
    pos += w;
  }
  return out;
}

/** Runs that take part: non-blank, inside the region, outside every excluded box. */
export function selectRuns(runs: TextRun[], region?: BBox, exclude: BBox[] = []): TextRun[] {
  const out: TextRun[] = [];
  for (const r of runs) {
    if (!r.str.trim()) continue;
    const [cx, cy] = centre(r);
    if (region && !inBox(region, cx, cy, 0.5)) continue;
    if (exclude.some((b) => inBox(b, cx, cy, 0.5))) continue;
    for (const piece of splitOnSpaceRuns(r)) {
      const str = piece.str.trim();
      if (str) out.push(str === piece.str ? piece : { ...piece, str });
    }
  }
  return out;
}

function median(xs: number[]): number {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function makeToken(runs: TextRun[]): Token {
  const text = runs.map((r) => r.str).join('');
  return {
    runs,
    text,
    x0: Math.min(...runs.map((r) => r.x0)),
    x1: Math.max(...runs.map((r) => r.x1)),
    y0: Math.min(...runs.map((r) => r.y0)),
    y1: Math.max(...runs.map((r) => r.y1)),
    fs: median(runs.map((r) => r.fontSize || r.y1 - r.y0)),
    numeric: isNumericText(text),
  };
}

/** Glues a line's runs (sorted by x) into tokens; a number never glues onto a neighbouring number. */
function tokenize(runs: TextRun[]): Token[] {
  const sorted = [...runs].sort((a, b) => a.x0 - b.x0);
  const tokens: Token[] = [];
  let cur: TextRun[] = [];
  let curX1 = -Infinity;
  for (const r of sorted) {
    const fs = r.fontSize || r.y1 - r.y0;
    const gap = r.x0 - curX1;
    if (cur.length && gap <= TOKEN_GAP_EM * fs && !(gap > 0.12 * fs && separateNumbers(cur, r))) {
      cur.push(r);
      curX1 = Math.max(curX1, r.x1);
    } else {
      if (cur.length) tokens.push(makeToken(cur));
      cur = [r];
      curX1 = r.x1;
    }
  }
  if (cur.length) tokens.push(makeToken(cur));
  return tokens;
}

/** Two complete amounts side by side with any visible gap are two cells even when tightly set. */
function separateNumbers(cur: TextRun[], next: TextRun): boolean {
  const left = cur.map((r) => r.str).join('');
  return /\d$/.test(left) && /\.\d+$/.test(left) && /^\d/.test(next.str);
}

/** Groups runs into lines (top to bottom) by vertical centre, then tokenizes each line. */
export function buildLines(runs: TextRun[]): Line[] {
  const sorted = [...runs].sort((a, b) => centre(b)[1] - centre(a)[1]);
  const groups: TextRun[][] = [];
  const meta: { yc: number; h: number }[] = [];
  for (const r of sorted) {
    const yc = centre(r)[1];
    const h = Math.max(r.y1 - r.y0, 0.5);
    let placed = false;
    for (let k = groups.length - 1; k >= Math.max(0, groups.length - 2); k--) {
      const m = meta[k]!;
      if (Math.abs(m.yc - yc) <= 0.35 * Math.min(m.h, h)) {
        const g = groups[k]!;
        g.push(r);
        m.yc = (m.yc * (g.length - 1) + yc) / g.length;
        m.h = Math.max(m.h, h);
        placed = true;
        break;
      }
    }
    if (!placed) {
      groups.push([r]);
      meta.push({ yc, h });
    }
  }
  // Superscripts and footnote marks (much smaller type inside a taller line's band) belong to that line.
  const fsOf = (g: TextRun[]): number => median(g.map((r) => r.fontSize || r.y1 - r.y0));
  const band = (g: TextRun[]): [number, number] => [Math.min(...g.map((r) => r.y0)), Math.max(...g.map((r) => r.y1))];
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i]!;
    if (!g.length) continue;
    const [y0, y1] = band(g);
    for (const j of [i - 1, i + 1]) {
      const h = groups[j];
      if (!h || !h.length || fsOf(g) > 0.8 * fsOf(h)) continue;
      const [h0, h1] = band(h);
      if (Math.min(y1, h1) - Math.max(y0, h0) > 0.3 * (y1 - y0)) {
        h.push(...g.splice(0));
        break;
      }
    }
  }
  const lines = groups.filter((g) => g.length).map((g) => lineOf(tokenize(g)));
  return lines.sort((a, b) => b.yc - a.yc);
}

export function lineOf(tokens: Token[]): Line {
  const y0 = Math.min(...tokens.map((t) => t.y0));
  const y1 = Math.max(...tokens.map((t) => t.y1));
  return {
    tokens,
    x0: Math.min(...tokens.map((t) => t.x0)),
    x1: Math.max(...tokens.map((t) => t.x1)),
    y0,
    y1,
    yc: median(tokens.map((t) => (t.y0 + t.y1) / 2)),
    fs: median(tokens.map((t) => t.fs)),
  };
}

/** Tokens of a line joined into chunks across gaps smaller than `CHUNK_GAP_EM`. */
export function chunks(line: Line): Array<{ x0: number; x1: number; tokens: Token[] }> {
  const out: Array<{ x0: number; x1: number; tokens: Token[] }> = [];
  for (const t of line.tokens) {
    const last = out[out.length - 1];
    if (last && t.x0 - last.x1 <= CHUNK_GAP_EM * line.fs && !(last.tokens.at(-1)!.numeric && t.numeric)) {
      last.tokens.push(t);
      last.x1 = Math.max(last.x1, t.x1);
    } else {
      out.push({ x0: t.x0, x1: t.x1, tokens: [t] });
    }
  }
  return out;
}

export { median };

import { EXTRACTION } from './settings';
import type { Segment, TextRun } from '../pdf/types';

/**
 * Some producers write one text item across a ruling line: a right-aligned amount and the next cell's name in one
 * run ("18,330.37 一、一般公共服务支出"), or an amount touching the next cell's code ("1,496.82302"). A cell is given
 * the runs whose centre it holds, so such a run would land whole in one cell. pdf.js gives no glyph positions, so
 * the run is cut at the rule by estimated ones, as pdfplumber cuts its chars: full-width glyphs one em, the rest half.
 */

/**
 * A run counts as crossing when about a glyph of it (in ems) lies on each side of the rule: a right-aligned amount
 * whose first digit overhangs a narrow cell's rule stays whole in the cell holding its centre.
 */
const MIN_SIDE_EM = EXTRACTION.crossingSide.value;

const emOf = (ch: string) => (/[\u2e80-\u9fff\uf900-\ufaff\uff01-\uff60\u3000-\u303f]/u.test(ch) ? 1 : 0.5);

/** Left edges of every glyph and the run's right edge, scaled so the estimate spans the run's printed width. */
function glyphEdges(r: TextRun): number[] {
  const chars = [...r.str];
  const ems = chars.map(emOf);
  const total = ems.reduce((s, e) => s + e, 0) || 1;
  const scale = (r.x1 - r.x0) / total;
  const edges = [r.x0];
  for (const e of ems) edges.push(edges[edges.length - 1]! + e * scale);
  return edges;
}

const AMOUNT = /^[-+]?(?:[1-9]\d{0,2}(?:,\d{3})+|[1-9]\d*|0)\.\d{2}$/u;

/**
 * Where a cut may fall: at whitespace, or where it leaves an amount whole on one side. Text that merely overflows
 * into an empty neighbour (a long name printed across the rule, as spreadsheets print it) is not cut.
 */
function cuttable(chars: string[], k: number): boolean {
  if (/\s/u.test(chars[k - 1]!) || /\s/u.test(chars[k]!)) return true;
  return AMOUNT.test(chars.slice(0, k).join('').trim()) || AMOUNT.test(chars.slice(k).join('').trim());
}

/** Glyphs the estimate may be off by. */
const SLACK = EXTRACTION.cutSlack.value;

function cut(r: TextRun, x: number): TextRun[] {
  const chars = [...r.str];
  const edges = glyphEdges(r);
  let near = 1;
  for (let i = 1; i < chars.length; i++) if (Math.abs(edges[i]! - x) < Math.abs(edges[near]! - x)) near = i;
  let k = -1;
  for (let d = 0; d <= SLACK && k < 0; d++)
    for (const i of [near - d, near + d]) if (k < 0 && i >= 1 && i < chars.length && cuttable(chars, i)) k = i;
  if (k < 0) return [r];
  const piece = (from: number, to: number): TextRun | null => {
    const str = chars.slice(from, to).join('');
    const lead = str.length - str.trimStart().length;
    const text = str.trim();
    if (!text) return null;
    const a = from + [...str.slice(0, lead)].length;
    const b = a + [...text].length;
    return { ...r, str: text, x0: edges[a]!, x1: edges[b]! };
  };
  return [piece(0, k), piece(k, chars.length)].filter((p): p is TextRun => p !== null);
}

/** Runs cut wherever a vertical ruling passes through them (over the run's height). */
export function splitAcrossRules(runs: TextRun[], verticals: Segment[]): TextRun[] {
  const out: TextRun[] = [];
  const queue = [...runs];
  while (queue.length) {
    const r = queue.shift()!;
    const mid = (r.y0 + r.y1) / 2;
    const side = r.fontSize * MIN_SIDE_EM;
    const rule = r.vertical
      ? undefined
      : verticals.find((v) => v.y0 <= mid && v.y1 >= mid && v.x0 - r.x0 >= side && r.x1 - v.x0 >= side);
    if (!rule || [...r.str].length < 2) {
      out.push(r);
      continue;
    }
    const parts = cut(r, rule.x0);
    if (parts.length < 2) out.push(r);
    else queue.unshift(...parts);
  }
  return out;
}

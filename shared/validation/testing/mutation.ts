import type { ExtractedDocument, Finding } from '../../model/document';
import { applyOp, emptyOverlay, setCellOp } from '../../model/edits';
import { checkedCells, createValidator } from '../index';
import { matchClaims, parseNarrative } from '../narrative';
import { groupByUnit } from '../rules-cross';
import { viewOf } from '../view';

/**
 * Mutation test: change one amount of a standard table (digits transposed, ±1, ±10, ±0.1) and require an
 * error-level finding — new or changed — that references the mutated cell's row.
 */
export const MUTATIONS: { name: string; apply: (text: string, value: number) => string | null }[] = [
  { name: 'transpose', apply: transpose },
  { name: '+1', apply: (_t, v) => (v + 1).toFixed(2) },
  { name: '-1', apply: (_t, v) => (v - 1).toFixed(2) },
  { name: '+10', apply: (_t, v) => (v + 10).toFixed(2) },
  { name: '-10', apply: (_t, v) => (v - 10).toFixed(2) },
  { name: '+0.1', apply: (_t, v) => (v + 0.1).toFixed(2) },
  { name: '-0.1', apply: (_t, v) => (v - 0.1).toFixed(2) },
];

/** Swaps the last pair of adjacent, different digits ("4641.18" → "4641.81"); null when there is none. */
export function transpose(text: string): string | null {
  const chars = [...text];
  const digitIdx = chars.map((c, i) => (/[0-9]/u.test(c) ? i : -1)).filter((i) => i >= 0);
  for (let k = digitIdx.length - 1; k > 0; k--) {
    const a = digitIdx[k - 1]!;
    const b = digitIdx[k]!;
    if (chars[a] !== chars[b]) {
      [chars[a], chars[b]] = [chars[b]!, chars[a]!];
      return chars.join('');
    }
  }
  return null;
}

const SKIP = new Set(['performance', 'other']);

export interface MutationResult {
  cells: number;
  checkedCells: number;
  mutations: number;
  detected: number;
  checkedMutations: number;
  checkedDetected: number;
  missed: { table: string; row: number; col: number; mutation: string; text: string }[];
}

function key(f: Finding): string {
  return `${f.id}|${f.actual}|${f.expected}|${f.severity}`;
}

export function runMutations(doc: ExtractedDocument, opts: { limit?: number } = {}): MutationResult {
  const validator = createValidator();
  const baseline = new Set(
    validator
      .run(doc)
      .filter((f) => f.severity === 'error')
      .map(key),
  );
  const checked = checkedCells(doc);
  const res: MutationResult = {
    cells: 0,
    checkedCells: 0,
    mutations: 0,
    detected: 0,
    checkedMutations: 0,
    checkedDetected: 0,
    missed: [],
  };
  for (const t of doc.tables) {
    if (SKIP.has(t.type)) continue;
    const v = viewOf(t);
    const amountCols = new Set(v.cols.filter((c) => c.kind === 'amount').map((c) => c.index));
    t.rows.forEach((row, r) => {
      row.cells.forEach((c, col) => {
        if (!amountCols.has(col) || c.value === null) return;
        if (opts.limit !== undefined && res.cells >= opts.limit) return;
        res.cells++;
        const inSum = checked.has(`${t.id}:${r}:${col}`);
        if (inSum) res.checkedCells++;
        for (const m of MUTATIONS) {
          const text = m.apply(c.text, c.value);
          if (text === null || text === c.text) continue;
          const next = applyOp(doc, emptyOverlay(), setCellOp(doc, t.id, r, col, text)).doc;
          const found = validator
            .run(next)
            .some(
              (f) =>
                f.severity === 'error' && !baseline.has(key(f)) && f.refs.some((x) => x.table === t.id && x.row === r),
            );
          res.mutations++;
          if (inSum) res.checkedMutations++;
          if (found) {
            res.detected++;
            if (inSum) res.checkedDetected++;
          } else if (inSum) res.missed.push({ table: t.id, row: r, col, mutation: m.name, text: c.text });
        }
      });
    });
  }
  return res;
}

export interface NarrativeMutationResult {
  /** Amounts of the explanation that N1 matches to a table cell (every occurrence). */
  amounts: number;
  mutations: number;
  detected: number;
  missed: { entry: number; text: string; subject: string; mutation: string; to: string }[];
}

/**
 * The same mutations applied to the explanation: every amount N1 matches to a cell, changed in place in its
 * narrative entry, must yield a new warning or error that references (one of) the cells it matched.
 */
export function runNarrativeMutations(doc: ExtractedDocument): NarrativeMutationResult {
  const res: NarrativeMutationResult = { amounts: 0, mutations: 0, detected: 0, missed: [] };
  const narr = doc.narrative;
  if (!narr?.length) return res;
  const validator = createValidator();
  const loud = (f: Finding) => f.severity === 'error' || f.severity === 'warning';
  const baseline = new Set(validator.run(doc).filter(loud).map(key));
  const p = parseNarrative(narr);
  const matched = new Map<string, { table: string; row: number }[]>();
  for (const r of matchClaims(p, groupByUnit(doc.tables)))
    if (r.k === 'match')
      matched.set(
        `${r.claim.subject}|${r.claim.unit}|${r.claim.value}`,
        r.cells.map((a) => ({ table: a.ref.ref.table, row: a.ref.ref.row })),
      );
  for (const c of p.amounts) {
    const rows = matched.get(`${c.subject}|${c.unit}|${c.value}`);
    if (!rows || !c.src) continue;
    res.amounts++;
    const entry = narr[c.src.entry]!;
    const raw = entry.text.slice(c.src.start, c.src.end);
    for (const m of MUTATIONS) {
      const to = m.apply(raw, c.value);
      if (to === null || to === raw || Number(to.replace(/[,\s]/gu, '')) === c.value) continue;
      const text = entry.text.slice(0, c.src.start) + to + entry.text.slice(c.src.end);
      const narrative = narr.map((n, i) => (i === c.src!.entry ? { ...n, text } : n));
      const found = validator
        .run({ ...doc, narrative })
        .some(
          (f) =>
            loud(f) &&
            !baseline.has(key(f)) &&
            f.refs.some((x) => rows.some((r) => r.table === x.table && r.row === x.row)),
        );
      res.mutations++;
      if (found) res.detected++;
      else res.missed.push({ entry: c.src.entry, text: raw, subject: c.subject, mutation: m.name, to });
    }
  }
  return res;
}

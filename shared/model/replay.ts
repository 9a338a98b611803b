import type { ExtractedDocument } from './document';
import { applyOp, emptyOverlay, type EditOp, type ReviewOverlay } from './edits';

/**
 * The one journal replay. The workspace (loading a review), the renderer (rebuilding the screen from
 * `review.load`) and `verify` (rebuilding the exported data from the extraction and the journal) all call this, so
 * a record that does not fit — refused by `applyOp` as a conflict, or so damaged that applying it throws — is
 * handled the same way everywhere: skipped, and reported in `skipped`. An export whose journal skipped a record
 * therefore passes its own verification, and the screen shows what the service served.
 */
export type ReplayRecord<S> =
  | { kind: 'op'; seq: number; who?: string; op: EditOp }
  | { kind: 'signOff'; seq: number; signOff: S }
  | { kind: 'reopen'; seq: number; revision: number };

export interface ReplayState<S> {
  doc: ExtractedDocument;
  overlay: ReviewOverlay;
  revision: number;
  signOff: S | null;
}

export interface SkippedRecord {
  seq: number;
  /** The operation's name (`setCell`, `batch`, …), or `?` when the record is too damaged to tell. */
  op: string;
  who: string;
  reason: string;
}

export interface ReplayResult<S> extends ReplayState<S> {
  /** Edit records applied. */
  applied: number;
  skipped: SkippedRecord[];
}

export interface ReplayOptions<S> {
  /** Stops before the first record for which this is true (e.g. the sign-off being verified). */
  until?: (r: ReplayRecord<S>) => boolean;
}

export function initialReplayState<S>(extracted: ExtractedDocument): ReplayState<S> {
  return { doc: extracted, overlay: emptyOverlay(), revision: 1, signOff: null };
}

/** Applies `records` in order to `start` (the extraction, or a trusted snapshot of a journal prefix). */
export function replayJournal<S>(
  start: ExtractedDocument | ReplayState<S>,
  records: readonly ReplayRecord<S>[],
  opts: ReplayOptions<S> = {},
): ReplayResult<S> {
  const st: ReplayState<S> = 'overlay' in start ? { ...start } : initialReplayState<S>(start);
  const skipped: SkippedRecord[] = [];
  let applied = 0;
  for (const rec of records) {
    if (opts.until?.(rec)) break;
    if (rec.kind === 'op') {
      try {
        const next = applyOp(st.doc, st.overlay, rec.op);
        st.doc = next.doc;
        st.overlay = next.overlay;
        applied++;
      } catch (err) {
        skipped.push({
          seq: rec.seq,
          op: typeof rec.op?.op === 'string' ? rec.op.op : '?',
          who: rec.who ?? '?',
          reason: err instanceof Error ? err.message : String(err),
        });
      }
    } else if (rec.kind === 'signOff') {
      st.signOff = rec.signOff;
    } else if (rec.kind === 'reopen') {
      st.signOff = null;
      st.revision = rec.revision;
    }
  }
  return { ...st, applied, skipped };
}

/** The plain-words notice for a skipped record (the same text wherever the replay ran). */
export function skippedNotice(s: SkippedRecord): string {
  return `Recorded change #${s.seq} (${s.op} by ${s.who}) no longer fits the data and was skipped: ${s.reason}.`;
}

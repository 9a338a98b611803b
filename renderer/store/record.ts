import type { Finding } from '../../shared/model/document';
import type { JournalEntry, ReviewState } from '../../shared/api/contract';
import type { MessageKey, MessageParams } from '../../shared/i18n';
import { toApiError } from '../api/errors';
import type { AuditEntry, ReviewController } from './review';

/**
 * The review record of the open document: signing it off, re-opening it for changes, and keeping the trail of
 * edits, sign-offs and re-openings in step with the service. Works on the review store through its controller.
 */

/** What the dialogs show after an attempt: nothing on success, else a message to keep beside the reviewer's input. */
export type Outcome = { ok: true } | { ok: false; key: MessageKey; params?: MessageParams };

/**
 * Error-level findings that stop a sign-off: not waived with a written reason. The service applies the same rule
 * (main/review/signoff.ts) and has the last word; this count is what the dialog can say before asking.
 */
export function blockingFindings(findings: readonly Finding[], waivers: Record<string, string>): Finding[] {
  return findings.filter((f) => f.severity === 'error' && !(waivers[f.id] ?? '').trim());
}

function failure(err: unknown): Outcome {
  return { ok: false, key: 'record.failed', params: { message: toApiError(err).message } };
}

function nextSeq(journal: readonly JournalEntry[], audit: readonly AuditEntry[]): number {
  return Math.max(-1, ...journal.map((e) => e.seq), ...audit.map((e) => e.seq)) + 1;
}

/** Signs off the dataset as it stands once every edit sent has been saved; the document becomes read-only. */
export async function signOff(c: ReviewController, reviewer: string, note: string): Promise<Outcome> {
  const name = reviewer.trim();
  if (!name) return { ok: false, key: 'signoff.reviewerRequired' };
  const { docId, phase } = c.store.getState();
  if (!docId || phase !== 'ready') return { ok: false, key: 'signoff.notReady' };
  await c.settled();
  if (c.store.getState().docId !== docId) return { ok: false, key: 'signoff.notReady' };
  try {
    const so = await c.api.call('review.signOff', { docId, reviewer: name, note: note.trim() });
    const s = c.store.getState();
    if (s.docId !== docId) return { ok: true };
    const entry: AuditEntry = {
      seq: nextSeq(s.journal, s.audit),
      at: so.at,
      who: so.reviewer,
      revision: so.revision,
      kind: 'signOff',
      text: so.note,
    };
    c.store.setState({
      signOff: so,
      readOnly: true,
      // The signed dataset is a checkpoint: changes before it are not undone from here, only after re-opening.
      undoStack: [],
      redoStack: [],
      audit: [...s.audit, entry],
      message: { tone: 'info', key: 'signoff.done', params: { reviewer: so.reviewer, revision: so.revision } },
    });
    return { ok: true };
  } catch (err) {
    return failure(err);
  }
}

function takeRecord(c: ReviewController, st: ReviewState): void {
  c.store.setState({ extracted: st.extracted, journal: st.journal, audit: st.audit ?? [], signOff: st.signOff });
}

/** Re-opens a signed-off document with a written reason: a new revision starts and editing is allowed again. */
export async function reopen(c: ReviewController, reason: string): Promise<Outcome> {
  const text = reason.trim();
  if (!text) return { ok: false, key: 'reopen.reasonRequired' };
  const { docId } = c.store.getState();
  if (!docId) return { ok: false, key: 'signoff.notReady' };
  try {
    const st = await c.api.call('review.reopen', { docId, reason: text });
    if (c.store.getState().docId !== docId) return { ok: true };
    takeRecord(c, st);
    c.store.setState({
      revision: st.revision,
      readOnly: st.signOff !== null,
      message: { tone: 'info', key: 'reopen.done', params: { revision: st.revision } },
    });
    return { ok: true };
  } catch (err) {
    return failure(err);
  }
}

/**
 * Reads the trail from the service (the authoritative times and authors), keeping any edit acknowledged after the
 * read began. Failures leave the trail as it is: it is a view, and the edits are safe in the journal.
 */
export async function refreshTrail(c: ReviewController): Promise<void> {
  const { docId } = c.store.getState();
  if (!docId) return;
  let st: ReviewState;
  try {
    st = await c.api.call('review.load', { docId });
  } catch {
    return;
  }
  const s = c.store.getState();
  if (s.docId !== docId) return;
  const last = nextSeq(st.journal, st.audit ?? []);
  const later = s.journal.filter((e) => e.seq >= last);
  takeRecord(c, { ...st, journal: [...st.journal, ...later], signOff: s.signOff });
}

/** The findings panel showing the open errors, the first of them selected (the way out of a refused sign-off). */
export function showBlocking(c: ReviewController): Finding | null {
  const s = c.store.getState();
  const first = blockingFindings(s.findings, s.overlay.waivers)[0] ?? null;
  c.showPanel('findings');
  c.setFilter({ severity: 'error', table: 'all', showWaived: false, text: '' });
  if (first) c.goToFinding(first);
  return first;
}

import type { Api } from '../../shared/api/contract';
import type { ExtractedDocument } from '../../shared/model/document';
import { replayJournal } from '../../shared/model/replay';
import { compareDocuments, type CompareResult } from '../../shared/compare';

/** A document as the reviewer has it now: its extraction with the journal of edits replayed (as the review shows). */
export async function reviewedDocument(api: Api, docId: string): Promise<ExtractedDocument> {
  const st = await api.call('review.load', { docId });
  return replayJournal(
    st.extracted,
    st.journal.map((e) => ({ kind: 'op' as const, seq: e.seq, who: e.who, op: e.op })),
  ).doc;
}

/** Two documents of the library read against each other (shared/compare: F1, Y1, Y2, D1), as reviewed. */
export async function compareLibraryDocuments(api: Api, a: string, b: string): Promise<CompareResult> {
  const [da, db] = await Promise.all([reviewedDocument(api, a), reviewedDocument(api, b)]);
  return compareDocuments(da, db);
}

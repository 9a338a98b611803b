import { describe, expect, it } from 'vitest';
import { sampleDocument } from '../../main/review/testing/sample-document';
import { setCellOp } from './edits';
import { replayJournal, skippedNotice, type ReplayRecord } from './replay';

describe('the one journal replay', () => {
  it('applies edits, follows sign-off and re-opening, and skips (and names) what does not fit', () => {
    const doc = sampleDocument();
    const ok = setCellOp(doc, 't1', 0, 2, '5.00');
    const stale = setCellOp(doc, 't1', 0, 2, '6.00'); // made on the same old value: refused after `ok`
    const records: ReplayRecord<string>[] = [
      { kind: 'op', seq: 0, who: 'li', op: ok },
      { kind: 'op', seq: 1, who: 'wang', op: stale },
      {
        kind: 'op',
        seq: 2,
        who: 'x',
        op: { op: 'setTableStatus', table: 't1', before: 'unreviewed', after: 'reviewed' },
      },
      { kind: 'signOff', seq: 3, signOff: 'signed' },
      { kind: 'reopen', seq: 4, revision: 2 },
      // A record too damaged for applyOp to make sense of must not stop the replay either.
      { kind: 'op', seq: 5, who: 'y', op: { op: 'batch', label: 'x', ops: [null as never] } },
    ];
    const r = replayJournal(doc, records);
    expect(r.doc.tables[0]!.rows[0]!.cells[2]!.text).toBe('5.00');
    expect(r.overlay.tableStatus).toEqual({ t1: 'reviewed' });
    expect(r).toMatchObject({ applied: 2, revision: 2, signOff: null });
    expect(r.skipped.map((s) => [s.seq, s.op, s.who])).toEqual([
      [1, 'setCell', 'wang'],
      [5, 'batch', 'y'],
    ]);
    expect(skippedNotice(r.skipped[0]!)).toMatch(
      /^Recorded change #1 \(setCell by wang\) no longer fits the data and was skipped: cell t1\[0,2\]/,
    );
    const signedState = replayJournal(doc, records, { until: (x) => x.kind === 'reopen' });
    expect(signedState).toMatchObject({ signOff: 'signed', revision: 1 });
  });
});

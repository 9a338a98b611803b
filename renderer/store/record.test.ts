import { describe, expect, it } from 'vitest';
import { createReviewStore, ReviewController, type Validator } from './review';
import { blockingFindings, refreshTrail, reopen, showBlocking, signOff } from './record';
import { FakeApi } from '../data/testing/fixtures';
import { setCellOp } from '../../shared/model/edits';
import { ApiError, type ReviewState, type SignOff } from '../../shared/api/contract';
import type { Finding } from '../../shared/model/document';

const DOC = 'd'.repeat(64);

function finding(id: string, severity: Finding['severity'] = 'error'): Finding {
  return {
    id,
    rule: 'R4',
    severity,
    message: { zh: '合计不符', en: 'total differs' },
    expected: 1,
    actual: 2,
    difference: 1,
    refs: [{ table: 't1', row: 2, col: 2 }],
  };
}

/** Findings while cell (2,2) is not 12: the row sum breaks. */
const sumValidator = (): Validator => ({
  run: (doc) => (doc.tables[0]!.rows[2]!.cells[2]!.value === 12 ? [] : [finding('R4:t1:20101')]),
});

function signedOff(args: { reviewer: string; note: string }, revision = 1): SignOff {
  return {
    reviewer: args.reviewer,
    at: '2024-05-01T08:00:00.000Z',
    note: args.note,
    pdfSha256: 'a'.repeat(64),
    datasetSha256: 'b'.repeat(64),
    revision,
    publicKey: 'k',
    signature: 's',
  };
}

async function opened(api = new FakeApi()) {
  const store = createReviewStore();
  const c = new ReviewController(store, api, sumValidator);
  await c.open(DOC);
  return { api, store, c };
}

describe('review record: sign-off', () => {
  it('counts only error-level findings without a written waiver as blocking', () => {
    const list = [finding('a'), finding('b'), finding('c', 'warning'), finding('d')];
    expect(blockingFindings(list, { a: '印刷错误', b: '   ' }).map((f) => f.id)).toEqual(['b', 'd']);
  });

  it('saves pending edits first, then signs off and makes the document read-only with the sign-off recorded', async () => {
    const { api, store, c } = await opened();
    api.handlers['review.signOff'] = (args) => {
      // The service must already hold the edit the reviewer made just before signing.
      expect(api.journal).toHaveLength(1);
      return signedOff(args);
    };
    c.edit(setCellOp(store.getState().doc!, 't1', 1, 3, '20.00'));
    const r = await signOff(c, '  张三 ', ' 已核对 ');
    expect(r).toEqual({ ok: true });
    expect(api.calls.find((x) => x.name === 'review.signOff')?.args).toEqual({
      docId: DOC,
      reviewer: '张三',
      note: '已核对',
    });
    const s = store.getState();
    expect(s.readOnly).toBe(true);
    expect(s.signOff?.reviewer).toBe('张三');
    expect(s.undoStack).toEqual([]);
    expect(s.audit.map((a) => [a.kind, a.who, a.text, a.seq])).toEqual([['signOff', '张三', '已核对', 1]]);
    expect(s.message?.key).toBe('signoff.done');
    expect(c.undo()).toBe(false);
    expect(c.setTableStatus('t1', 'reviewed')).toBe(false);
    expect(store.getState().message?.key).toBe('review.readOnly');
  });

  it('refuses without a reviewer name and keeps the service’s refusal as a readable message', async () => {
    const { api, store, c } = await opened();
    expect(await signOff(c, '  ', 'x')).toEqual({ ok: false, key: 'signoff.reviewerRequired' });
    api.handlers['review.signOff'] = () => {
      throw new ApiError('signoff_blocked', 'Cannot sign off: 1 error-level finding is open');
    };
    const r = await signOff(c, '张三', '');
    expect(r).toEqual({
      ok: false,
      key: 'record.failed',
      params: { message: 'Cannot sign off: 1 error-level finding is open' },
    });
    expect(store.getState().readOnly).toBe(false);
    expect(store.getState().signOff).toBeNull();
  });

  it('shows the open errors in the findings panel with the first one selected', async () => {
    const { store, c } = await opened();
    c.edit(setCellOp(store.getState().doc!, 't1', 2, 2, '13.00'));
    c.showPanel('audit');
    const f = showBlocking(c);
    const s = store.getState();
    expect(f?.id).toBe('R4:t1:20101');
    expect(s.panel).toBe('findings');
    expect(s.filter).toEqual({ severity: 'error', table: 'all', rule: 'all', showWaived: false, text: '' });
    expect(s.currentFinding).toBe('R4:t1:20101');
    expect(s.selection).toEqual({ table: 't1', row: 2, col: 2 });
  });
});

describe('review record: re-opening', () => {
  it('needs a reason, then starts the next revision with editing allowed and the trail from the service', async () => {
    const api = new FakeApi();
    api.state = { signOff: signedOff({ reviewer: '张三', note: '' }) };
    const { store, c } = await opened(api);
    expect(store.getState().readOnly).toBe(true);
    expect(await reopen(c, ' ')).toEqual({ ok: false, key: 'reopen.reasonRequired' });
    api.handlers['review.reopen'] = ({ reason }) =>
      ({
        ...(api.state as ReviewState),
        info: { docId: DOC, name: 'a.pdf', size: 1, pages: 2 },
        extracted: api.extracted,
        journal: [],
        revision: 2,
        tableStatus: {},
        waivers: {},
        signOff: null,
        notices: [],
        audit: [
          { seq: 0, at: 'x', who: '张三', revision: 1, kind: 'signOff', text: '' },
          { seq: 1, at: 'y', who: '张三', revision: 2, kind: 'reopen', text: reason },
        ],
      }) satisfies ReviewState;
    expect(await reopen(c, '发现第三张表有误')).toEqual({ ok: true });
    const s = store.getState();
    expect(s).toMatchObject({ readOnly: false, revision: 2, signOff: null });
    expect(s.message).toEqual({ tone: 'info', key: 'reopen.done', params: { revision: 2 } });
    expect(s.audit.at(-1)).toMatchObject({ kind: 'reopen', text: '发现第三张表有误' });
    c.edit(setCellOp(s.doc!, 't1', 1, 3, '21.00'));
    await c.settled();
    expect(
      api.calls.filter((x) => x.name === 'review.apply').map((x) => (x.args as { revision: number }).revision),
    ).toEqual([2]);
  });

  it('says why when the service refuses to re-open, and stays read-only', async () => {
    const api = new FakeApi();
    api.state = { signOff: signedOff({ reviewer: '张三', note: '' }) };
    const { store, c } = await opened(api);
    api.handlers['review.reopen'] = () => {
      throw new ApiError('storage', 'disk full');
    };
    expect(await reopen(c, '需要修改')).toEqual({ ok: false, key: 'record.failed', params: { message: 'disk full' } });
    expect(store.getState().readOnly).toBe(true);
  });
});

describe('review record: trail', () => {
  it('takes the service’s trail on refresh and keeps edits acknowledged meanwhile', async () => {
    const { api, store, c } = await opened();
    c.edit(setCellOp(store.getState().doc!, 't1', 1, 3, '20.00'));
    await c.settled();
    const load = api.call.bind(api);
    api.handlers['review.load'] = async () => {
      api.handlers['review.load'] = undefined;
      const st = await load('review.load', { docId: DOC });
      // An edit is acknowledged while the trail is being read.
      c.edit(setCellOp(store.getState().doc!, 't1', 1, 4, '11.00'));
      await c.settled();
      return { ...st, journal: st.journal.map((e) => ({ ...e, who: '王五', at: '2024-06-01T00:00:00Z' })) };
    };
    await refreshTrail(c);
    expect(store.getState().journal.map((e) => [e.seq, e.who])).toEqual([
      [0, '王五'],
      [1, 't'],
    ]);
  });
});

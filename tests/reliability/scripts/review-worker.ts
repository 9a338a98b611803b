/**
 * A separate process driving the review store, for the reliability tests: it is killed with SIGKILL, run as a user
 * that cannot write, or given a disk that fails — exactly what the app's main process can suffer.
 *   review-worker.ts import DATA_DIR LABEL
 *   review-worker.ts stream DATA_DIR DOC_ID COUNT [FAIL_AFTER]
 *   review-worker.ts load DATA_DIR DOC_ID
 *   review-worker.ts hold DATA_DIR -        (opens the data dir, prints `held PID`, then waits to be killed)
 * Prints one line per outcome: `ack SEQ ROW COL TEXT`, `err CODE MESSAGE`, `doc DOC_ID` or `state JSON`.
 */
import { setCellOp } from '../../../shared/model';
import { nodeFs, type ReviewFs } from '../../../main/review/fs-adapter';
import { WorkspaceStore } from '../../../main/review/workspaces';
import { fakePdf, sampleDocument } from '../../../main/review/testing/sample-document';

const [mode, dataDir, arg, countArg, failAfterArg] = process.argv.slice(2);

function out(line: string): void {
  process.stdout.write(`${line}\n`);
}

function fail(err: unknown): void {
  const e = err as { code?: string; message?: string };
  out(`err ${e.code ?? 'unknown'} ${(e.message ?? String(err)).replace(/\n/g, ' ')}`);
}

/** Journal appends start failing like a full disk after `n` successes, leaving half a record behind each time. */
function diskFullAfter(n: number): ReviewFs {
  let ok = n;
  return {
    ...nodeFs,
    async writeAtDurable(file, data, offset) {
      if (ok-- > 0) return nodeFs.writeAtDurable(file, data, offset);
      await nodeFs.writeAtDurable(file, data.subarray(0, data.length >> 1), offset);
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    },
  };
}

async function main(): Promise<void> {
  if (!mode || !dataDir || !arg) throw new Error('usage: review-worker.ts import|stream|load DATA_DIR ARG');
  if (mode === 'import') {
    const store = new WorkspaceStore({ dataDir });
    const pdf = fakePdf(arg);
    const info = await store.importPdf(pdf, `${arg}.pdf`, null);
    await store.saveExtraction(info.docId, sampleDocument(pdf, { rows: 40 }));
    out(`doc ${info.docId}`);
    return;
  }
  if (mode === 'load') {
    const state = await new WorkspaceStore({ dataDir }).load(arg);
    const edits = state.journal.map((j) =>
      j.op.op === 'setCell' ? [j.seq, j.op.row, j.op.col, j.op.after.text] : [j.seq],
    );
    out(`state ${JSON.stringify({ edits, notices: state.notices })}`);
    return;
  }
  if (mode === 'hold') {
    new WorkspaceStore({ dataDir });
    out(`held ${process.pid}`);
    await new Promise(() => setInterval(() => undefined, 60_000));
    return;
  }
  if (mode === 'stream') {
    const count = Number(countArg ?? '1');
    const store = new WorkspaceStore({ dataDir, ...(failAfterArg ? { fs: diskFullAfter(Number(failAfterArg)) } : {}) });
    for (let i = 0; i < count; i++) {
      try {
        const { doc } = await store.current(arg);
        const rows = doc.tables[0]!.rows.length;
        const row = i % rows;
        const col = 2 + (i % 3);
        const text = `${process.pid % 1000}.${String(i).padStart(2, '0')}`;
        const { seq } = await store.apply(arg, setCellOp(doc, 't1', row, col, text), 1, 'worker');
        out(`ack ${seq} ${row} ${col} ${text}`);
      } catch (err) {
        fail(err);
      }
    }
    return;
  }
  throw new Error(`unknown mode ${mode}`);
}

main().catch((err: unknown) => {
  fail(err);
  process.exitCode = 3;
});

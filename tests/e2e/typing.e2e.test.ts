import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { callApi, openSampleReview, startWorkstation, type Workstation } from './harness';
import type { ReviewState } from '../../shared/api/contract';
import { applyOp, emptyOverlay } from '../../shared/model/edits';
import type { ExtractedDocument, Table } from '../../shared/model/document';

/**
 * Typing into the grid as fast as a reviewer types (issue 13): the first key opens the editor, and the keys that
 * arrive before it has focus must land in it, in order — "432.50" typed with no delay is 432.50, never "4.50".
 */
let ws: Workstation;
let page: Page;
let docId: string;

async function currentDoc(): Promise<ExtractedDocument> {
  const st = await callApi<ReviewState>(ws, 'review.load', { docId });
  let s = { doc: st.extracted, overlay: emptyOverlay() };
  for (const e of st.journal) s = applyOp(s.doc, s.overlay, e.op);
  return s.doc;
}

const cell = (row: number, col: number): Locator =>
  page.locator(`[data-testid="review-grid"] .ag-row[row-index="${row}"] .ag-cell[col-id="c${col}"]`).first();

beforeAll(async () => {
  ws = await startWorkstation();
  page = ws.page;
  await openSampleReview(ws, 'typing');
  docId = (await callApi<{ docId: string }[]>(ws, 'document.recent', {}))[0]!.docId;
});

afterAll(async () => {
  await ws?.close();
});

describe('typing into a cell', () => {
  let table: Table;
  let col: number;
  let rows: number[];

  it('keeps every keystroke of "432.50" typed with no delay', async () => {
    const doc = await currentDoc();
    table = doc.tables.find((t) => t.columns.some((c) => c.role === 'amount') && t.rows.length >= 8)!;
    col = table.columns.findIndex((c) => c.role === 'amount');
    rows = table.rows.map((r, i) => (r.kind === 'data' ? i : -1)).filter((i) => i >= 0);
    await page.locator(`[data-testid="table-item"][data-table="${table.id}"]`).click();
    await expect.poll(() => page.locator('[data-testid="review-grid"]').getAttribute('data-table')).toBe(table.id);
    const row = rows[0]!;
    await cell(row, col).click();
    await expect.poll(() => cell(row, col).getAttribute('class')).toMatch(/\bag-cell-focus\b/u);
    // A slow machine makes the editor late every time (the race shows at once instead of now and then).
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    try {
      await page.keyboard.type('432.50', { delay: 0 });
      await page.keyboard.press('Enter');
      await expect.poll(() => cell(row, col).textContent()).toBe('432.50');
    } finally {
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    }
    await expect
      .poll(async () => (await currentDoc()).tables.find((t) => t.id === table.id)!.rows[row]!.cells[col]!.text)
      .toBe('432.50');
  });

  it('keeps them cell after cell on a slow machine (CPU throttled ×6), each typed and confirmed at full speed', async () => {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 6 });
    const values = ['1234.56', '7.89', '98765.4', '0.05', '321'];
    try {
      for (let k = 0; k < values.length; k++) {
        const row = rows[1 + k]!;
        await cell(row, col).click();
        await expect.poll(() => cell(row, col).getAttribute('class')).toMatch(/\bag-cell-focus\b/u);
        await page.keyboard.type(values[k]!, { delay: 0 });
        await page.keyboard.press('Enter');
      }
      await expect
        .poll(async () => {
          const t = (await currentDoc()).tables.find((x) => x.id === table.id)!;
          return values.map((_, k) => t.rows[rows[1 + k]!]!.cells[col]!.text);
        })
        .toEqual(values);
    } finally {
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    }
    await ws.shot('typing-01-fast-typed-values');
  });

  it('goes on into the next cell when Enter and more figures were typed before the editor came', async () => {
    const row = rows[8]!;
    await cell(row, col).click();
    await expect.poll(() => cell(row, col).getAttribute('class')).toMatch(/\bag-cell-focus\b/u);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 6 });
    try {
      await page.keyboard.type('12.5\n34\n', { delay: 0 });
      const next = table.rows.findIndex((_, i) => i > row);
      await expect
        .poll(async () => {
          const t = (await currentDoc()).tables.find((x) => x.id === table.id)!;
          return [t.rows[row]!.cells[col]!.text, t.rows[next]!.cells[col]!.text];
        })
        .toEqual(['12.5', '34']);
    } finally {
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    }
  });

  it('Backspace typed before the editor is ready takes back the key before it', async () => {
    const row = rows[7]!;
    await cell(row, col).click();
    await expect.poll(() => cell(row, col).getAttribute('class')).toMatch(/\bag-cell-focus\b/u);
    await page.keyboard.type('56', { delay: 0 });
    await page.keyboard.press('Backspace');
    await page.keyboard.type('7.5', { delay: 0 });
    await page.keyboard.press('Enter');
    await expect
      .poll(async () => (await currentDoc()).tables.find((t) => t.id === table.id)!.rows[row]!.cells[col]!.text)
      .toBe('57.5');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { callApi, openSampleReview, startWorkstation, type Workstation } from './harness';
import type { CallName, ReviewState } from '../../shared/api/contract';
import type { ExtractedDocument, Table } from '../../shared/model/document';

/**
 * The review workstation in Chromium against the real web host and the bundled sample: a table, a cell linked to
 * its box on the page, a broken sum found live and undone, a pasted block, a table drawn on the page.
 */
let ws: Workstation;
let page: Page;

const api = <T>(name: CallName, args: unknown): Promise<T> => callApi<T>(ws, name, args);

/** The document as the service holds it now (extraction + journal), to know where each cell is on the page. */
async function currentDoc(): Promise<ExtractedDocument> {
  const recent = await api<{ docId: string }[]>('document.recent', {});
  const st = await api<ReviewState>('review.load', { docId: recent[0]!.docId });
  const { applyOp, emptyOverlay } = await import('../../shared/model/edits');
  let s = { doc: st.extracted, overlay: emptyOverlay() };
  for (const e of st.journal) s = applyOp(s.doc, s.overlay, e.op);
  return s.doc;
}

const grid = () => page.locator('[data-testid="review-grid"]');
const cell = (row: number, col: number): Locator =>
  grid().locator(`.ag-row[row-index="${row}"] .ag-cell[col-id="c${col}"]`).first();
/** Rows the grid shows (each row index once, whichever pinned part it is drawn in). */
const shownRows = async (): Promise<number> =>
  new Set(
    await grid()
      .locator('.ag-row[row-index]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('row-index'))),
  ).size;
const findingIds = async (): Promise<string[]> =>
  page.locator('[data-testid="finding"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')!));

/** The first table in the list with two neighbouring amount columns and at least `minRows` rows read from the page. */
async function chooseTable(doc: ExtractedDocument, minRows: number): Promise<Table> {
  const ids = await page
    .locator('[data-testid="table-item"]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-table')!));
  for (const id of ids) {
    const t = doc.tables.find((x) => x.id === id);
    const amountCol = t?.columns.findIndex((c, i) => c.role === 'amount' && t.columns[i + 1]?.role === 'amount') ?? -1;
    if (
      t &&
      amountCol >= 0 &&
      t.rows.length >= minRows &&
      t.rows.filter((r) => r.cells[amountCol]?.bbox).length >= minRows
    )
      return t;
  }
  throw new Error('no table with amounts in the sample');
}

beforeAll(async () => {
  ws = await startWorkstation();
  page = ws.page;
  await openSampleReview(ws, 'review');
});

afterAll(async () => {
  await ws?.close();
});

describe('review workstation', () => {
  let table: Table;
  let amountCol: number;
  let row: number;

  it('shows per table how far the checks reached, and filters the findings by rule', async () => {
    const badges = page.locator('[data-testid="table-coverage"]');
    await expect.poll(() => badges.count(), { timeout: 30_000 }).toBeGreaterThan(3);
    const ran = await badges.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-ran'))));
    expect(ran.filter((n) => n > 0).length).toBeGreaterThan(3);
    expect(await badges.first().getAttribute('title')).toMatch(/已核对规则|Checked by/u);
    const rules = await page
      .locator('[data-testid="finding"]')
      .evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('data-rule')!))]);
    expect(rules.length).toBeGreaterThan(0);
    const filter = page.locator('[data-testid="filter-rule"]');
    await filter.selectOption(rules[0]!);
    const shown = await page
      .locator('[data-testid="finding"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-rule')));
    expect(shown.length).toBeGreaterThan(0);
    expect(new Set(shown)).toEqual(new Set([rules[0]]));
    await filter.selectOption('all');
  });

  it('opens the sample with its tables listed and selects one', async () => {
    expect(await page.locator('[data-testid="table-item"]').count()).toBeGreaterThan(3);
    await ws.shot('review-01-opened');
    const doc = await currentDoc();
    table = await chooseTable(doc, 6);
    amountCol = table.columns.findIndex((c, i) => c.role === 'amount' && table.columns[i + 1]?.role === 'amount');
    row = table.rows.findIndex(
      (r, i) => i > 0 && r.kind === 'data' && r.cells[amountCol]?.value !== null && r.cells[amountCol]?.bbox,
    );
    expect(row).toBeGreaterThan(0);
    await page.locator(`[data-testid="table-item"][data-table="${table.id}"]`).click();
    await expect.poll(() => grid().getAttribute('data-table')).toBe(table.id);
    await expect.poll(shownRows).toBeGreaterThan(3);
    await ws.shot('review-02-table-selected');
    const item = page.locator(`[data-testid="table-item"][data-table="${table.id}"]`);
    await item.locator('[data-testid="mark-reviewed"]').click();
    await expect.poll(() => item.getAttribute('class')).toMatch(/status-reviewed/u);
    await expect
      .poll(
        async () =>
          (
            await api<ReviewState>('review.load', {
              docId: (await api<{ docId: string }[]>('document.recent', {}))[0]!.docId,
            })
          ).tableStatus[table.id],
      )
      .toBe('reviewed');
  });

  it('puts the highlight on the page exactly over the selected cell', async () => {
    const c = table.rows[row]!.cells[amountCol]!;
    await cell(row, amountCol).click();
    const hl = page.locator(`[data-testid="highlight"][data-kind="selection"][data-page="${c.page}"]`);
    await expect.poll(() => hl.count()).toBe(1);
    const pageEl = page.locator(`[data-testid="page"][data-page="${c.page}"]`);
    await pageEl.scrollIntoViewIfNeeded();
    const doc = await currentDoc();
    const info = doc.pageInfo?.find((p) => p.page === c.page);
    expect(info).toBeTruthy();
    const pb = (await pageEl.boundingBox())!;
    const hb = (await hl.boundingBox())!;
    const scale = pb.width / info!.width;
    const [x0, y0, x1, y1] = c.bbox!;
    // The overlay is drawn 2 px outside the box on every side.
    expect(Math.abs(hb.x + 2 - (pb.x + x0 * scale))).toBeLessThan(2);
    expect(Math.abs(hb.y + 2 - (pb.y + (info!.height - y1) * scale))).toBeLessThan(2);
    expect(Math.abs(hb.width - 4 - (x1 - x0) * scale)).toBeLessThan(2);
    expect(Math.abs(hb.height - 4 - (y1 - y0) * scale)).toBeLessThan(2);
    await ws.shot('review-03-cell-linked-to-page');

    // And back: a click on another amount on the page selects its cell in the grid.
    const other = table.rows[row + 1]!.cells[amountCol]!;
    expect(other.page).toBe(c.page);
    const [ox0, oy0, ox1, oy1] = other.bbox!;
    await page.mouse.click(pb.x + ((ox0 + ox1) / 2) * scale, pb.y + (info!.height - (oy0 + oy1) / 2) * scale);
    await expect
      .poll(() =>
        grid()
          .locator('.ag-cell-focus')
          .evaluateAll((els) =>
            els.map((e) => [e.closest('.ag-row')?.getAttribute('row-index'), e.getAttribute('col-id')]),
          ),
      )
      .toEqual([[String(row + 1), `c${amountCol}`]]);

    // Enter confirms the cell against the page and moves down; undo takes the confirmation back.
    await cell(row + 1, amountCol).click();
    await page.keyboard.press('Enter');
    await expect.poll(() => cell(row + 1, amountCol).getAttribute('class')).toMatch(/\bst-confirmed\b/u);
    await page.keyboard.press('Control+z');
    await expect.poll(() => cell(row + 1, amountCol).getAttribute('class')).not.toMatch(/\bst-confirmed\b/u);
  });

  it('finds a broken sum at once, reaches it with F8 and loses it on undo', async () => {
    const before = await findingIds();
    const original = (await cell(row, amountCol).textContent())!.trim();
    await cell(row, amountCol).click();
    await page.keyboard.type('9');
    const editor = page.locator('[data-testid="cell-editor"]');
    await expect.poll(() => editor.count()).toBe(1);
    // A value that is not an amount is refused as it is typed.
    await editor.fill('12x');
    await expect.poll(() => page.locator('[data-testid="cell-editor-error"]').count()).toBe(1);
    await ws.shot('review-04-invalid-amount-refused');
    await editor.fill('98765.43');
    await page.keyboard.press('Enter');
    // Shown with thousands separators; the stored text is what was typed.
    await expect.poll(() => cell(row, amountCol).textContent()).toBe('98,765.43');
    await expect.poll(async () => (await findingIds()).filter((id) => !before.includes(id)).length).toBeGreaterThan(0);
    const added = (await findingIds()).filter((id) => !before.includes(id));
    expect(await page.locator(`[data-testid="finding"][data-id="${added[0]}"]`).getAttribute('data-severity')).toBe(
      'error',
    );

    await page.locator('[data-testid="grid-toolbar"]').click({ position: { x: 2, y: 2 } });
    const total = (await findingIds()).length;
    let reached = false;
    for (let i = 0; i < total && !reached; i++) {
      await page.keyboard.press('F8');
      const cur = await page.locator('[data-testid="finding"][aria-current="true"]').getAttribute('data-id');
      reached = added.includes(cur!);
    }
    expect(reached).toBe(true);
    await expect.poll(() => grid().locator('.ag-cell-focus').count()).toBeGreaterThan(0);
    await expect.poll(() => page.locator('[data-testid="highlight"][data-kind="finding"]').count()).toBeGreaterThan(0);
    await ws.shot('review-05-finding-reached-with-f8');

    await page.keyboard.press('Control+z');
    await expect.poll(() => cell(row, amountCol).textContent()).toBe(original);
    await expect.poll(async () => (await findingIds()).filter((id) => added.includes(id)).length).toBe(0);
    await ws.shot('review-06-undone');
  });

  it('pastes a 3×2 block copied from a spreadsheet as one change', async () => {
    const r0 = row;
    await cell(r0, amountCol).click();
    await expect.poll(() => cell(r0, amountCol).getAttribute('class')).toMatch(/\bag-cell-focus\b/u);
    // What Excel puts on the clipboard, delivered as the browser's paste event (this file is typed without the DOM).
    await page.evaluate(`(() => {
      const dt = new DataTransfer();
      dt.setData('text/plain', '1.5\\t2\\r\\n"3"\\t4.25\\r\\n5\\t6\\r\\n');
      document.activeElement.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    })()`);
    const expected = [
      ['1.50', '2.00'],
      ['3.00', '4.25'],
      ['5.00', '6.00'],
    ];
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 2; j++)
        await expect.poll(() => cell(r0 + i, amountCol + j).textContent()).toBe(expected[i]![j]);
    }
    await expect.poll(() => page.locator('[data-testid="data-message"]').textContent()).toMatch(/3/u);
    await ws.shot('review-07-pasted-block');
    // Copy out: the block selected with a shift-click leaves as TSV, as typed.
    await cell(r0, amountCol).click();
    await cell(r0 + 2, amountCol + 1).click({ modifiers: ['Shift'] });
    await expect.poll(() => cell(r0 + 1, amountCol).getAttribute('class')).toMatch(/\bin-range\b/u);
    const copied = await page.evaluate(`(() => {
      const dt = new DataTransfer();
      document.activeElement.dispatchEvent(new ClipboardEvent('copy', { clipboardData: dt, bubbles: true, cancelable: true }));
      return dt.getData('text/plain');
    })()`);
    expect(copied).toBe('1.5\t2\r\n3\t4.25\r\n5\t6\r\n');
    // One undo takes the whole block back.
    await page.locator('[data-testid="undo"]').click();
    await expect.poll(() => cell(r0 + 2, amountCol + 1).textContent()).not.toBe('6.00');
    await expect
      .poll(async () => (await currentDoc()).tables.find((t) => t.id === table.id)!.rows[r0]!.cells[amountCol]!.text)
      .toBe(table.rows[r0]!.cells[amountCol]!.text);
  });

  it('extracts a table from a box drawn on the page', async () => {
    const doc = await currentDoc();
    const region = table.regions?.[0] ?? null;
    const pageNo = region?.page ?? table.pages[0]!;
    const info = doc.pageInfo!.find((p) => p.page === pageNo)!;
    const count = await page.locator('[data-testid="table-item"]').count();
    await page.locator('[data-testid="draw-table"]').click();
    const layer = page.locator(`[data-testid="draw-layer"][data-page="${pageNo}"]`);
    await expect.poll(() => layer.count()).toBe(1);
    await page.locator(`[data-testid="page"][data-page="${pageNo}"]`).scrollIntoViewIfNeeded();
    const pb = (await layer.boundingBox())!;
    const scale = pb.width / info.width;
    const box = region?.bbox ?? [30, 30, info.width - 30, info.height - 30];
    const from = { x: pb.x + (box[0] - 4) * scale, y: pb.y + (info.height - box[3] - 4) * scale };
    const to = { x: pb.x + (box[2] + 4) * scale, y: pb.y + (info.height - box[1] + 4) * scale };
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 4 });
    await page.mouse.move(to.x, to.y, { steps: 4 });
    await ws.shot('review-08-drawing-a-box');
    await page.mouse.up();
    await expect.poll(() => page.locator('[data-testid="table-item"]').count(), { timeout: 60_000 }).toBe(count + 1);
    const added = (await currentDoc()).tables.at(-1)!;
    expect(added.rows.length).toBeGreaterThan(3);
    await expect.poll(() => grid().getAttribute('data-table')).toBe(added.id);
    await expect.poll(shownRows).toBeGreaterThan(3);
    await ws.shot('review-09-drawn-table-extracted');

    // The same table read again as unruled: replaced in place, one undoable change.
    await page.locator('[data-testid="reextract-unruled"]').click();
    await expect
      .poll(async () => (await currentDoc()).tables.find((t) => t.id === added.id)?.method, { timeout: 60_000 })
      .toBe('stream');
    await expect.poll(shownRows).toBeGreaterThan(0);
    await page.locator('[data-testid="undo"]').click();
    await expect
      .poll(async () => (await currentDoc()).tables.find((t) => t.id === added.id)?.method)
      .toBe(added.method);
  });
});

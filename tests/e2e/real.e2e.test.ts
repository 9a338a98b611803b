import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, openSampleReview, startWorkstation, type Workstation } from './harness';
import type { ReviewState } from '../../shared/api/contract';

/**
 * A real published disclosure in the workstation: Excel printed through PScript onto portrait sheets turned
 * /Rotate 90 (js-weiban-2018-budget-tables). The page shows landscape, the tables are read as displayed, and a cell
 * selected in the grid is boxed where it is printed.
 */
const PDF = path.resolve(import.meta.dirname, '../../test-fixtures/real/js-weiban-2018-budget-tables.pdf');
let ws: Workstation;

beforeAll(async () => {
  ws = await startWorkstation();
  await openSampleReview(ws, 'real');
}, 200_000);

afterAll(async () => {
  await ws?.close();
});

describe('a real published document on rotated pages', () => {
  it('lists its standard tables and boxes a selected cell over its printed place', async () => {
    const { page } = ws;
    const chooser = page.waitForEvent('filechooser');
    await page.click('[data-testid="toolbar-open"]');
    await (
      await chooser
    ).setFiles({ name: 'js-weiban-2018-budget-tables.pdf', mimeType: 'application/pdf', buffer: readFileSync(PDF) });
    // Extraction runs in the background; the review exists once it is done.
    const load = async (): Promise<ReviewState | null> => {
      const recent = await callApi<{ docId: string }[]>(ws, 'document.recent', {});
      return callApi<ReviewState>(ws, 'review.load', { docId: recent[0]!.docId }).catch(() => null);
    };
    await expect
      .poll(async () => (await load())?.extracted.source.file ?? null, { timeout: 120_000 })
      .toBe('js-weiban-2018-budget-tables.pdf');
    const st = (await load())!;
    await page.waitForSelector('[data-testid="data-side"][data-phase="ready"]', { timeout: 120_000 });
    const doc = st.extracted;
    expect(doc.tables.filter((t) => t.type !== 'other').length).toBeGreaterThanOrEqual(10);
    const t = doc.tables.find((x) => x.title === '收支预算总表')!;
    expect(t.type).toBe('income_expense_summary');
    await page.locator(`[data-testid="table-item"][data-table="${t.id}"]`).click();
    const row = t.rows.findIndex((r) => r.cells[1]?.text === '24,458.43');
    expect(row).toBeGreaterThanOrEqual(0);
    const c = t.rows[row]!.cells[1]!;
    const grid = page.locator('[data-testid="review-grid"]');
    await grid.locator(`.ag-row[row-index="${row}"] .ag-cell[col-id="c1"]`).first().click();
    const hl = page.locator(`[data-testid="highlight"][data-kind="selection"][data-page="${c.page}"]`);
    await expect.poll(() => hl.count()).toBe(1);
    const pageEl = page.locator(`[data-testid="page"][data-page="${c.page}"]`);
    await pageEl.scrollIntoViewIfNeeded();
    const info = doc.pageInfo!.find((p) => p.page === c.page)!;
    // Displayed landscape: the page space of a /Rotate 90 sheet is wider than high.
    expect(info.width).toBeGreaterThan(info.height);
    const pb = (await pageEl.boundingBox())!;
    const hb = (await hl.boundingBox())!;
    const scale = pb.width / info.width;
    expect(Math.abs(pb.height - info.height * scale)).toBeLessThan(3);
    const [x0, y0, x1, y1] = c.bbox!;
    expect(Math.abs(hb.x + 2 - (pb.x + x0 * scale))).toBeLessThan(2);
    expect(Math.abs(hb.y + 2 - (pb.y + (info.height - y1) * scale))).toBeLessThan(2);
    expect(Math.abs(hb.width - 4 - (x1 - x0) * scale)).toBeLessThan(2);
    expect(Math.abs(hb.height - 4 - (y1 - y0) * scale)).toBeLessThan(2);
    await ws.shot('real-01-rotated-page-cell');
  }, 200_000);

  it('files the same department’s next year beside it in the library on the start screen', async () => {
    const { page } = ws;
    const next = path.resolve(import.meta.dirname, '../../test-fixtures/real/js-weiban-2019-budget-tables.pdf');
    const chooser = page.waitForEvent('filechooser');
    await page.click('[data-testid="toolbar-open"]');
    await (
      await chooser
    ).setFiles({ name: 'js-weiban-2019-budget-tables.pdf', mimeType: 'application/pdf', buffer: readFileSync(next) });
    await expect
      .poll(
        async () =>
          (await callApi<{ name: string; year?: number | null }[]>(ws, 'document.recent', {})).find(
            (d) => d.name === 'js-weiban-2019-budget-tables.pdf',
          )?.year ?? null,
        { timeout: 120_000 },
      )
      .toBe(2019);
    await page.click('[data-testid="home"]');
    const group = page.locator('[data-testid="library-group"]', { hasText: 'js-weiban-2019-budget-tables.pdf' });
    await expect.poll(() => group.count(), { timeout: 30_000 }).toBe(1);
    // Both years of the department in one group, the newer first; the sample is a department of its own.
    const items = await group.locator('[data-testid="library-item"]').allTextContents();
    expect(items.map((x) => x.slice(0, 4))).toEqual(['2019', '2018']);
    expect(await group.locator('h3').textContent()).toMatch(/2018–2019/u);
    await ws.shot('real-02-library');
    await page.fill('[data-testid="library-search"]', '2018 预算');
    await expect.poll(() => page.locator('[data-testid="library-item"]').count()).toBe(1);
    await page.fill('[data-testid="library-search"]', '');
  }, 200_000);
});

import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { callApi, openSampleReview, startWorkstation, type Workstation } from './harness';
import type { CallName, ReviewState, Settings } from '../../shared/api/contract';
import type { Table } from '../../shared/model/document';

/**
 * The review record in Chromium against the real web host and the bundled sample: the reviewer's name set in the
 * settings, a sign-off refused while an error is open, the error waived with a reason, the sign-off (read-only,
 * audit trail, signed JSON export) and re-opening as revision 2.
 */
let ws: Workstation;
let page: Page;
let docId: string;

const REVIEWER = '张审阅';
const BROKEN = '98765.43';

const api = <T>(name: CallName, args: unknown): Promise<T> => callApi<T>(ws, name, args);

const review = () => api<ReviewState>('review.load', { docId });
const grid = () => page.locator('[data-testid="review-grid"]');
const cell = (row: number, col: number): Locator =>
  grid().locator(`.ag-row[row-index="${row}"] .ag-cell[col-id="c${col}"]`).first();
const openErrors = () => page.locator('[data-testid="finding"][data-severity="error"]:not(.waived)');
const message = () => page.locator('[data-testid="data-message"]');

async function typeInto(row: number, col: number, text: string): Promise<void> {
  await cell(row, col).click();
  await page.keyboard.type(text.slice(0, 1));
  const editor = page.locator('[data-testid="cell-editor"]');
  await expect.poll(() => editor.count()).toBe(1);
  await editor.fill(text);
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await cell(row, col).textContent())?.replace(/,/gu, '')).toBe(text);
}

beforeAll(async () => {
  ws = await startWorkstation();
  page = ws.page;
  await openSampleReview(ws, 'signoff');
  docId = (await api<{ docId: string }[]>('document.recent', {}))[0]!.docId;
});

afterAll(async () => {
  await ws?.close();
});

describe('sign-off and the audit trail', () => {
  let table: Table;
  let col: number;
  let row: number;
  let original: string;

  it('saves the reviewer’s name and tolerance in the settings', async () => {
    await page.locator('[data-testid="toolbar-settings"]').click();
    const dialog = page.locator('[data-testid="settings-dialog"]');
    await expect.poll(() => dialog.locator('[data-testid="settings-reviewer"]').isEnabled()).toBe(true);
    await dialog.locator('[data-testid="settings-reviewer"]').fill(REVIEWER);
    // A tolerance that is not a number above zero cannot be saved.
    await dialog.locator('[data-testid="settings-tol-min"]').fill('0');
    expect(await dialog.locator('[data-testid="settings-dialog-submit"]').isDisabled()).toBe(true);
    await dialog.locator('[data-testid="settings-tol-min"]').fill('0.01');
    await ws.shot('signoff-01-settings');
    await dialog.locator('[data-testid="settings-dialog-submit"]').click();
    await expect.poll(() => dialog.count()).toBe(0);
    const saved = await api<Settings>('settings.get', {});
    expect(saved).toMatchObject({ reviewer: REVIEWER, toleranceMin: 0.01, locale: 'zh-CN' });
  });

  it('refuses to sign off while an error is open, and says how many', async () => {
    const st = await review();
    const ids = await page
      .locator('[data-testid="table-item"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-table')!));
    const candidates = ids.map((id) => st.extracted.tables.find((t) => t.id === id)).filter((t): t is Table => !!t);
    table = candidates.find(
      (t) => t.rows.length >= 6 && t.columns.some((c, i) => c.role === 'amount' && t.columns[i + 1]?.role === 'amount'),
    )!;
    expect(table).toBeTruthy();
    col = table.columns.findIndex((c, i) => c.role === 'amount' && table.columns[i + 1]?.role === 'amount');
    row = table.rows.findIndex((r, i) => i > 0 && r.kind === 'data' && r.cells[col]?.value !== null);
    await page.locator(`[data-testid="table-item"][data-table="${table.id}"]`).click();
    await expect.poll(() => grid().getAttribute('data-table')).toBe(table.id);
    // As the grid shows it, so that typing it back later shows the same text.
    original = (await cell(row, col).textContent())!.trim().replace(/,/gu, '');

    await typeInto(row, col, BROKEN);
    await expect.poll(() => openErrors().count()).toBeGreaterThan(0);
    const errors = await openErrors().count();

    await page.locator('[data-testid="toolbar-signoff"]').click();
    const dialog = page.locator('[data-testid="signoff-dialog"]');
    await expect
      .poll(() => dialog.locator('[data-testid="signoff-blocked"]').getAttribute('data-count'))
      .toBe(String(errors));
    expect(await dialog.locator('[data-testid="signoff-blocked"]').textContent()).toContain(String(errors));
    expect(await dialog.locator('[data-testid="signoff-reviewer"]').inputValue()).toBe(REVIEWER);
    expect(await dialog.locator('[data-testid="signoff-dialog-submit"]').isDisabled()).toBe(true);
    await ws.shot('signoff-02-blocked-by-open-error');

    // The way out: the findings panel with the open errors, the first selected.
    await dialog.locator('[data-testid="signoff-show-findings"]').click();
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await page.locator('[data-testid="filter-severity"]').inputValue()).toBe('error');
    await expect.poll(() => page.locator('[data-testid="finding"][aria-current="true"]').count()).toBe(1);
  });

  it('signs off once every error is waived with a reason; the document is then read-only', async () => {
    for (let n = await openErrors().count(); n > 0; n--) {
      const f = openErrors().first();
      await f.locator('[data-testid="waive"]').click();
      await f.locator('[data-testid="waive-reason"]').fill('原件如此，已与财政局核实');
      await f.locator('[data-testid="waive-confirm"]').click();
      await expect.poll(() => openErrors().count()).toBe(n - 1);
    }
    // Going to the errors may have shown another table; back to the edited one.
    await page.locator(`[data-testid="table-item"][data-table="${table.id}"]`).click();
    await expect.poll(() => grid().getAttribute('data-table')).toBe(table.id);
    await page.locator('[data-testid="toolbar-signoff"]').click();
    const dialog = page.locator('[data-testid="signoff-dialog"]');
    await expect.poll(() => dialog.locator('[data-testid="signoff-clear"]').count()).toBe(1);
    await dialog.locator('[data-testid="signoff-note"]').fill('已逐表与原件核对');
    await dialog.locator('[data-testid="signoff-dialog-submit"]').click();
    await expect.poll(() => dialog.count(), { timeout: 30_000 }).toBe(0);

    const bar = page.locator('[data-testid="signoff-bar"]');
    await expect.poll(() => bar.count()).toBe(1);
    expect(await bar.locator('[data-testid="signoff-by"]').textContent()).toContain(REVIEWER);
    expect(await bar.locator('[data-testid="signoff-pdf"]').getAttribute('data-value')).toBe(docId);
    expect(await bar.locator('[data-testid="signoff-dataset"]').getAttribute('data-value')).toMatch(/^[0-9a-f]{64}$/u);
    await expect
      .poll(() => bar.locator('[data-testid="signoff-key"]').textContent())
      .toMatch(/^[0-9a-f]{4}(:[0-9a-f]{4}){3}$/u);
    expect(await page.locator('[data-testid="grid-toolbar"]').textContent()).toContain('只读');
    const st = await review();
    expect(st.signOff).toMatchObject({ reviewer: REVIEWER, note: '已逐表与原件核对', revision: 1 });
    await ws.shot('signoff-03-signed-off-read-only');

    // Typing into a cell opens no editor; a paste is refused with the reason; the service's data is unchanged.
    await cell(row, col).click();
    await page.keyboard.type('5');
    expect(await page.locator('[data-testid="cell-editor"]').count()).toBe(0);
    await page.evaluate(`(() => {
      const dt = new DataTransfer();
      dt.setData('text/plain', '1');
      document.activeElement.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    })()`);
    await expect.poll(() => message().textContent()).toContain('只读');
    expect((await cell(row, col).textContent())?.replace(/,/gu, '')).toBe(BROKEN);
    expect((await review()).journal.length).toBe(st.journal.length);
  });

  it('lists the edit and the sign-off in the audit trail', async () => {
    await page.locator('[data-testid="tab-audit"]').click();
    const entries = page.locator('[data-testid="audit-entry"]');
    await expect.poll(() => entries.count()).toBeGreaterThan(1);
    const first = entries.first();
    expect(await first.getAttribute('data-kind')).toBe('signOff');
    expect(await first.textContent()).toContain(REVIEWER);
    expect(await first.textContent()).toContain('已逐表与原件核对');
    const edit = entries.filter({ hasText: `→ ${BROKEN}` });
    expect(await edit.count()).toBe(1);
    expect(await edit.textContent()).toContain(REVIEWER);
    expect(await edit.textContent()).toContain(table.title);
    await ws.shot('signoff-04-audit-trail');
    // One table's edits only: the waivers (no table) go, the sign-off stays.
    await page.locator('[data-testid="audit-filter-table"]').selectOption(table.id);
    await expect.poll(() => entries.filter({ hasText: '原件如此' }).count()).toBe(0);
    expect(await entries.filter({ hasText: `→ ${BROKEN}` }).count()).toBe(1);
    expect(await entries.first().getAttribute('data-kind')).toBe('signOff');
    await page.locator('[data-testid="audit-filter-table"]').selectOption('all');
  });

  it('exports JSON carrying the sign-off', async () => {
    await page.locator('[data-testid="export-menu"]').click();
    const download = page.waitForEvent('download');
    await page.locator('[data-testid="export-json"]').click();
    const file = await (await download).path();
    const json = JSON.parse(readFileSync(file, 'utf8')) as {
      signOff: { reviewer: string; revision: number } | null;
      signedDataset: string | null;
    };
    expect(json.signOff).toMatchObject({ reviewer: REVIEWER, revision: 1 });
    expect(json.signedDataset).not.toBeNull();
  });

  it('re-opens with a reason as revision 2, where editing works again', async () => {
    await page.locator('[data-testid="toolbar-reopen"]').click();
    const dialog = page.locator('[data-testid="reopen-dialog"]');
    expect(await dialog.locator('[data-testid="reopen-dialog-submit"]').isDisabled()).toBe(true);
    await dialog.locator('[data-testid="reopen-reason"]').fill('财政局来函更正第三张表');
    await dialog.locator('[data-testid="reopen-dialog-submit"]').click();
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(() => message().textContent()).toContain('第 2 版');
    expect(await page.locator('[data-testid="signoff-bar"]').count()).toBe(0);
    expect(await page.locator('[data-testid="toolbar-signoff"]').count()).toBe(1);
    const entries = page.locator('[data-testid="audit-entry"]');
    await expect.poll(() => entries.first().getAttribute('data-kind')).toBe('reopen');
    expect(await entries.first().textContent()).toContain('财政局来函更正第三张表');

    await typeInto(row, col, original);
    await expect.poll(async () => (await review()).journal.at(-1)?.revision).toBe(2);
    const st = await review();
    expect(st).toMatchObject({ revision: 2, signOff: null });
    expect(st.journal.at(-1)!.op).toMatchObject({
      op: 'setCell',
      table: table.id,
      row,
      col,
      after: { text: original },
    });
    await expect.poll(() => entries.first().textContent()).toContain(`→ ${original}`);
    await ws.shot('signoff-05-reopened-revision-2');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { callApi, openSampleReview, startWorkstation, type Workstation } from './harness';
import type { ReviewState, Settings } from '../../shared/api/contract';
import type { Finding } from '../../shared/model/document';

/**
 * Sign-off as a new reviewer meets it (issue 13): asked for a name first, told which tables nobody has reviewed;
 * then the read-only document's disabled buttons look disabled and the audit trail's 内容 can be read.
 */
let ws: Workstation;
let page: Page;
let docId: string;
const NAME = '林审阅';

beforeAll(async () => {
  ws = await startWorkstation();
  page = ws.page;
  await openSampleReview(ws, 'signoff-dialog');
  docId = (await callApi<{ docId: string }[]>(ws, 'document.recent', {}))[0]!.docId;
});

afterAll(async () => {
  await ws?.close();
});

const dialog = () => page.locator('[data-testid="signoff-dialog"]');

describe('sign-off dialog', () => {
  it('asks for the reviewer’s name first when none is set, and lists the tables still 未审阅', async () => {
    expect((await callApi<Settings>(ws, 'settings.get', {})).reviewer ?? '').toBe('');
    const items = page.locator('[data-testid="table-item"]');
    const total = await items.count();
    const reviewed = (await items.first().getAttribute('data-table'))!;
    await items.first().locator('[data-testid="mark-reviewed"]').click();
    await expect.poll(() => items.first().getAttribute('class')).toMatch(/status-reviewed/u);

    await page.locator('[data-testid="toolbar-signoff"]').click();
    await expect.poll(() => dialog().count()).toBe(1);
    // The name comes first: above everything else in the dialog, focused, with a word on why.
    const name = dialog().locator('[data-testid="signoff-reviewer"]');
    await expect.poll(() => name.evaluate((e) => e === e.ownerDocument.activeElement)).toBe(true);
    expect(await dialog().locator('[data-testid="signoff-name-first"]').textContent()).toContain('姓名');
    const nb = (await name.boundingBox())!;
    for (const other of ['signoff-blocked', 'signoff-unreviewed', 'signoff-note']) {
      const b = (await dialog().locator(`[data-testid="${other}"]`).boundingBox())!;
      expect(b.y).toBeGreaterThan(nb.y + nb.height - 1);
    }
    expect(await dialog().locator('[data-testid="signoff-dialog-submit"]').isDisabled()).toBe(true);

    // Every table but the one marked reviewed, named.
    const list = dialog().locator('[data-testid="signoff-unreviewed"]');
    expect(await list.getAttribute('data-count')).toBe(String(total - 1));
    expect(await list.textContent()).toContain(`${total} 张表中仍有 ${total - 1} 张未审阅`);
    const listed = await list
      .locator('[data-testid="signoff-unreviewed-table"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-table')));
    expect(listed).toHaveLength(total - 1);
    expect(listed).not.toContain(reviewed);
    await ws.shot('signoff-dialog-01-name-first-unreviewed');

    // One click goes to an unreviewed table.
    const target = listed[2]!;
    await list.locator(`[data-testid="signoff-unreviewed-table"][data-table="${target}"]`).click();
    await expect.poll(() => dialog().count()).toBe(0);
    await expect.poll(() => page.locator('[data-testid="review-grid"]').getAttribute('data-table')).toBe(target);
  });

  it('signs with the name given and keeps it for the next edits', async () => {
    // The sample's open errors waived through the service, as the findings panel does.
    const found = await callApi<Finding[]>(ws, 'validation.findings', { docId });
    const st = await callApi<ReviewState>(ws, 'review.load', { docId });
    for (const f of found.filter((x) => x.severity === 'error'))
      await callApi(ws, 'review.apply', {
        docId,
        revision: st.revision,
        op: { op: 'waiveFinding', findingId: f.id, before: null, after: '原件如此' },
      });
    await page.reload();
    await page.locator('[data-testid="recent-list"] .recent-item').first().click();
    await page.waitForSelector('[data-testid="data-side"][data-phase="ready"]', { timeout: 120_000 });
    await page.locator('[data-testid="toolbar-signoff"]').click();
    await dialog().locator('[data-testid="signoff-reviewer"]').fill(NAME);
    await expect.poll(() => dialog().locator('[data-testid="signoff-dialog-submit"]').isDisabled()).toBe(false);
    await dialog().locator('[data-testid="signoff-dialog-submit"]').click();
    await expect.poll(() => dialog().count(), { timeout: 30_000 }).toBe(0);
    await expect.poll(() => page.locator('[data-testid="signoff-bar"]').textContent()).toContain(NAME);
    expect((await callApi<Settings>(ws, 'settings.get', {})).reviewer).toBe(NAME);
  });

  it('shows disabled buttons as disabled in read-only mode', async () => {
    const style = (sel: string) =>
      page.locator(sel).evaluate((e) => {
        const cs = e.ownerDocument.defaultView!.getComputedStyle(e);
        return {
          disabled: (e as unknown as { disabled: boolean }).disabled,
          opacity: Number(cs.opacity),
          cursor: cs.cursor,
        };
      });
    for (const id of ['undo', 'insert-above', 'delete-row', 'draw-table', 'reextract-ruled']) {
      const s = await style(`[data-testid="${id}"]`);
      expect(s.disabled, id).toBe(true);
      expect(s.opacity, id).toBeLessThanOrEqual(0.5);
      expect(s.cursor, id).toBe('not-allowed');
    }
    // What still works in read-only mode looks as it did.
    const live = await style('[data-testid="finding-next"]');
    expect(live.disabled).toBe(false);
    expect(live.opacity).toBe(1);
    await ws.shot('signoff-dialog-02-read-only-buttons');
  });

  it('gives the audit trail’s 内容 column room to be read', async () => {
    await page.locator('[data-testid="tab-audit"]').click();
    const entries = page.locator('[data-testid="audit-entry"]');
    await expect.poll(() => entries.count()).toBeGreaterThan(1);
    const what = entries.first().locator('.audit-what');
    const wb = (await what.boundingBox())!;
    const tb = (await page.locator('.audit-table').boundingBox())!;
    expect(wb.width).toBeGreaterThanOrEqual(280);
    expect(wb.width).toBeGreaterThan(tb.width * 0.35);
    // Its text on at most a few lines, not a column of single characters.
    const lines = await what.evaluate((e) => {
      const lh = parseFloat(e.ownerDocument.defaultView!.getComputedStyle(e).lineHeight) || 17;
      return Math.round((e.getBoundingClientRect().height - 6) / lh);
    });
    expect(lines).toBeLessThanOrEqual(3);
    await ws.shot('signoff-dialog-03-audit-trail');
  });
});

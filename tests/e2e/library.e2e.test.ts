import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, openSampleReview, startWorkstation, type Workstation } from './harness';
import type { ReviewState } from '../../shared/api/contract';

/**
 * Two years of one department (Jiangsu 人大办 2017 and 2018 budgets) in the library: filed together, compared
 * (the 2018 text's "比上年增加…" sentences against the 2017 figures), and a difference a reviewer's correction
 * introduces linked to the pages of both documents.
 */
const REAL = path.resolve(import.meta.dirname, '../../test-fixtures/real');
const FILES = ['js-rendaban-2017-budget.pdf', 'js-rendaban-2018-budget.pdf'];
let ws: Workstation;

beforeAll(async () => {
  ws = await startWorkstation();
  await openSampleReview(ws, 'library');
}, 200_000);

afterAll(async () => {
  await ws?.close();
});

async function upload(name: string): Promise<string> {
  const chooser = ws.page.waitForEvent('filechooser');
  await ws.page.click('[data-testid="toolbar-open"]');
  await (await chooser).setFiles({ name, mimeType: 'application/pdf', buffer: readFileSync(path.join(REAL, name)) });
  let docId = '';
  await expect
    .poll(
      async () => {
        const d = (
          await callApi<{ docId: string; name: string; year?: number | null }[]>(ws, 'document.recent', {})
        ).find((x) => x.name === name);
        docId = d?.docId ?? '';
        return d?.year ?? null;
      },
      { timeout: 150_000 },
    )
    .not.toBeNull();
  return docId;
}

describe('the library across years', () => {
  it('compares two years of one department and links a difference to the pages of both', async () => {
    const { page } = ws;
    const [id2017] = [await upload(FILES[0]!), await upload(FILES[1]!)];
    await page.click('[data-testid="home"]');
    const pick = (name: string) =>
      page.locator('[data-testid="library-group"] li', { hasText: name }).locator('[data-testid="library-pick"]');
    await pick(FILES[0]!).check();
    await pick(FILES[1]!).check();
    await page.click('[data-testid="library-compare"]');
    const view = page.locator('[data-testid="comparison"]');
    await expect.poll(() => view.count(), { timeout: 60_000 }).toBe(1);
    expect(await view.textContent()).toMatch(/本年 ↔ 上年/u);
    // The 2018 explanation's change sentences all agree with the 2017 document as published.
    const y2 = await view.locator('[data-testid="comparison-tallies"] li[data-rule="Y2"]').textContent();
    const [compared, agreed] = /(\d+) 项中 (\d+) 项一致/u
      .exec(y2 ?? '')!
      .slice(1)
      .map(Number);
    expect(compared).toBeGreaterThan(3);
    expect(agreed).toBe(compared);
    expect(await view.locator('[data-testid="comparison-none"]').count()).toBe(1);
    await ws.shot('library-01-compared');
    await page.click('text=关闭');

    // A reviewer corrects the 2017 机关运行经费 total: the 2018 sentence "比上年增加…" no longer adds up.
    const st = await callApi<ReviewState>(ws, 'review.load', { docId: id2017 });
    const t = st.extracted.tables.find((x) => x.type === 'op_cost')!;
    let at: { row: number; col: number } | null = null;
    t.rows.forEach((r, row) =>
      r.cells.forEach((c, col) => {
        if (!at && c.text.replace(/,/gu, '') === '5619.31') at = { row, col };
      }),
    );
    expect(at).not.toBeNull();
    const { row, col } = at!;
    const before = t.rows[row]!.cells[col]!;
    await callApi(ws, 'review.apply', {
      docId: id2017,
      revision: st.revision,
      op: {
        op: 'setCell',
        table: t.id,
        row,
        col,
        before: { text: before.text, value: before.value },
        after: { text: '5,629.31', value: 5629.31 },
      },
    });
    await pick(FILES[0]!).check();
    await pick(FILES[1]!).check();
    await page.click('[data-testid="library-compare"]');
    const finding = view.locator('[data-testid="comparison-finding"]');
    await expect.poll(() => finding.count(), { timeout: 60_000 }).toBeGreaterThan(0);
    const first = finding.filter({ hasText: '5629.31' }).first();
    expect(await first.getAttribute('data-rule')).toBe('Y2');
    await ws.shot('library-02-difference');
    // Its page in the 2017 document opens that document there.
    const link = first.locator('button[data-side="a"]').first();
    const target = Number(/(\d+)/u.exec((await link.textContent()) ?? '')![1]);
    expect(target).toBe(before.page);
    await link.click();
    await expect.poll(() => page.textContent('[data-testid="doc-name"]'), { timeout: 60_000 }).toContain(FILES[0]!);
    await page.waitForSelector('[data-testid="data-side"][data-phase="ready"]', { timeout: 120_000 });
    await expect.poll(() => page.inputValue('[data-testid="page-input"]'), { timeout: 30_000 }).toBe(String(target));
  }, 400_000);
});

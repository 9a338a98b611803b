import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { callApi, openSampleReview, startWorkstation, type Workstation } from './harness';
import type { CallName, ReviewState } from '../../shared/api/contract';
import type { ExtractedDocument, Finding } from '../../shared/model/document';
import { applyOp, emptyOverlay, type EditOp } from '../../shared/model/edits';

/**
 * The review screen as a reviewer lives in it (issue 13): a findings list that can be read and scrolled, a grid
 * with room, frozen columns that never hide values. Every claim is measured with boxes, at 1600×1000 and 1280×800.
 */
let ws: Workstation;
let page: Page;
let docId: string;

const api = <T>(name: CallName, args: unknown): Promise<T> => callApi<T>(ws, name, args);
const box = async (l: Locator) => {
  const b = await l.boundingBox();
  if (!b) throw new Error('not visible');
  return b;
};
const list = () => page.locator('[data-testid="findings-list"]');
const scrollTop = () => list().evaluate((e) => e.scrollTop);

/**
 * Breaks sums in the sample through the service, as a reviewer's typos would, until at least `min` findings are
 * open: one amount +7 in every data row of the tables with a total, then the page is reloaded to read them.
 */
async function breakSums(min: number): Promise<number> {
  const st = await api<ReviewState>('review.load', { docId });
  let seq = 0;
  for (const t of st.extracted.tables) {
    if (!t.rows.some((r) => r.kind === 'total')) continue;
    for (let row = 0; row < t.rows.length; row++) {
      const r = t.rows[row]!;
      if (r.kind !== 'data') continue;
      const col = r.cells.findIndex((c, i) => t.columns[i]?.role === 'amount' && c.value !== null);
      if (col < 0) continue;
      const c = r.cells[col]!;
      const value = Math.round((c.value! + 7) * 100) / 100;
      const op: EditOp = {
        op: 'setCell',
        table: t.id,
        row,
        col,
        before: { text: c.text, value: c.value },
        after: { text: value.toFixed(2), value },
      };
      await api('review.apply', { docId, op, revision: st.revision });
      seq++;
    }
    const found = await api<Finding[]>('validation.findings', { docId });
    if (found.length >= min && seq > 0) break;
  }
  return (await api<Finding[]>('validation.findings', { docId })).length;
}

/** The document as the service holds it now (extraction + journal). */
async function currentDoc(): Promise<ExtractedDocument> {
  const st = await api<ReviewState>('review.load', { docId });
  let s = { doc: st.extracted, overlay: emptyOverlay() };
  for (const e of st.journal) s = applyOp(s.doc, s.overlay, e.op);
  return s.doc;
}

/** A new session on the same data: the page reloaded, the document reopened from the start screen's recent list. */
async function reopen(): Promise<void> {
  await page.reload();
  await page.locator('[data-testid="recent-list"] .recent-item').first().click();
  await page.waitForSelector('[data-testid="data-side"][data-phase="ready"]', { timeout: 120_000 });
}

beforeAll(async () => {
  ws = await startWorkstation();
  page = ws.page;
  await openSampleReview(ws, 'workspace');
  docId = (await api<{ docId: string }[]>('document.recent', {}))[0]!.docId;
});

afterAll(async () => {
  await ws?.close();
});

describe('findings list', () => {
  it('fills its panel, scrolls to every one of 32+ findings without F8, and hover never snaps it back', async () => {
    expect(await breakSums(32)).toBeGreaterThanOrEqual(32);
    await reopen();
    const items = page.locator('[data-testid="finding"]');
    await expect.poll(() => items.count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(32);
    const count = await items.count();

    // The list takes the whole panel below its header: no short strip one finding tall.
    const panel = await box(page.locator('[data-testid="findings-panel"]'));
    const lb = await box(list());
    expect(Math.abs(lb.y + lb.height - (panel.y + panel.height))).toBeLessThan(2);
    expect(lb.height).toBeGreaterThan(200);
    expect(lb.height).toBeGreaterThan(panel.height - 80);

    // The first line is not under the sticky table heading.
    const head = await box(list().locator('.findings-table').first());
    const first = await box(items.first());
    expect(first.y).toBeGreaterThanOrEqual(head.y + head.height - 1);

    // Wheel down to the last finding: it comes into view, and stays there while the pointer rests on findings.
    await page.mouse.move(lb.x + lb.width / 2, lb.y + lb.height / 2);
    for (let k = 0; k < 80 && (await scrollTop()) + lb.height < (await list().evaluate((e) => e.scrollHeight)) - 2; k++)
      await page.mouse.wheel(0, 400);
    const last = items.nth(count - 1);
    const lastBox = await box(last);
    expect(lastBox.y + lastBox.height).toBeLessThanOrEqual(lb.y + lb.height + 1);
    expect(lastBox.y).toBeGreaterThanOrEqual(lb.y);
    const bottom = await scrollTop();
    expect(bottom).toBeGreaterThan(0);
    await last.hover();
    await items.nth(count - 2).hover();
    await page.waitForTimeout(300);
    expect(await scrollTop()).toBe(bottom);

    // A finding chosen by click becomes current; scrolling away and hovering elsewhere leaves the list where it is.
    await items
      .nth(count - 2)
      .locator('.finding-main')
      .click();
    await expect.poll(() => items.nth(count - 2).getAttribute('aria-current')).toBe('true');
    await list().evaluate((e) => (e.scrollTop = 0));
    await page.mouse.move(lb.x + lb.width / 2, lb.y + 40);
    await items.nth(1).hover();
    await page.waitForTimeout(300);
    expect(await scrollTop()).toBe(0);

    // F8 steps on and does scroll, the current finding below the sticky heading of its table.
    await page.keyboard.press('F8');
    const current = list().locator('[data-testid="finding"][aria-current="true"]');
    await expect.poll(() => current.getAttribute('data-id')).toBe(await items.nth(count - 1).getAttribute('data-id'));
    await expect.poll(async () => (await scrollTop()) > 0).toBe(true);
    const cb = await box(current);
    const stuck = await list()
      .locator('.findings-table')
      .evaluateAll((els, y) => {
        // The heading drawn over the current finding's top, if any (sticky headings sit at the list's top).
        return els
          .map((e) => e.getBoundingClientRect())
          .filter((r) => r.top <= (y as number) && r.bottom > (y as number))
          .map((r) => r.bottom);
      }, cb.y);
    expect(stuck).toEqual([]);
    expect(cb.y).toBeGreaterThanOrEqual(lb.y);
    expect(cb.y + cb.height).toBeLessThanOrEqual(lb.y + lb.height + 1);
    await ws.shot('workspace-01-findings-scrolled');
  });

  it('filters by words typed, and F8 walks only what is shown', async () => {
    const items = page.locator('[data-testid="finding"]');
    const rules = await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-rule')!));
    const rare = [...new Set(rules)].sort(
      (a, b) => rules.filter((r) => r === a).length - rules.filter((r) => r === b).length,
    )[0]!;
    await page.locator('[data-testid="filter-text"]').fill(rare);
    await expect.poll(() => items.count()).toBe(rules.filter((r) => r === rare).length);
    expect(new Set(await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-rule'))))).toEqual(
      new Set([rare]),
    );
    await page.locator('[data-testid="filter-text"]').fill('没有这样的问题');
    await expect.poll(() => items.count()).toBe(0);
    await expect.poll(() => list().textContent()).toContain('没有符合筛选条件的问题');
    await page.locator('[data-testid="filter-text"]').fill('');
    await expect.poll(() => items.count()).toBe(rules.length);
  });
});

/** The boxes of the panes, rounded to the pixel, for comparing one session with the next. */
async function paneBoxes() {
  const r = async (sel: string) => {
    const b = await page.locator(sel).first().boundingBox();
    return b ? { x: Math.round(b.x), w: Math.round(b.width), h: Math.round(b.height) } : null;
  };
  return {
    pdf: await r('.pdf-pane'),
    list: await r('[data-testid="table-list"]'),
    grid: await r('[data-testid="grid-pane"]'),
    findings: await r('[data-testid="findings-panel"]'),
  };
}

/** No element of `container` matching `sel` reaches past the container's edges (nothing cut off). */
async function allInside(container: string, sel: string): Promise<string[]> {
  return page.locator(container).evaluate((root, s) => {
    const r = root.getBoundingClientRect();
    const out: string[] = [];
    for (const el of Array.from(root.querySelectorAll(s as string)) as (typeof root)[]) {
      const b = el.getBoundingClientRect();
      if (b.width === 0) continue;
      if (b.left < r.left - 0.5 || b.right > r.right + 0.5 || b.top < r.top - 0.5 || b.bottom > r.bottom + 0.5)
        out.push(`${el.textContent?.trim()} ${Math.round(b.left)}–${Math.round(b.right)} of ${Math.round(r.right)}`);
    }
    return out;
  }, sel);
}

describe('layout', () => {
  it('gives the grid at least 700 px at 1600×1000, without a page scroll or a cut toolbar', async () => {
    const b = await paneBoxes();
    expect(b.grid!.w).toBeGreaterThanOrEqual(700);
    expect(await page.evaluate('document.documentElement.scrollHeight')).toBe(1000);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBe(1600);
    expect(await allInside('.toolbar', 'button, select, input')).toEqual([]);
    expect(await allInside('[data-testid="grid-pane"]', '.grid-toolbar button')).toEqual([]);
    await ws.shot('workspace-02-layout-1600');
  });

  it('resizes, folds the table list and hides the thumbnails, and the next session opens the same', async () => {
    const before = await paneBoxes();
    const sp = await box(page.locator('[data-testid="splitter"]'));
    await page.mouse.move(sp.x + sp.width / 2, sp.y + 300);
    await page.mouse.down();
    await page.mouse.move(sp.x - 80, sp.y + 300, { steps: 5 });
    await page.mouse.up();
    await expect.poll(async () => (await paneBoxes()).pdf!.w).toBeLessThan(before.pdf!.w - 60);

    const yr = await box(page.locator('.data-resizer-y'));
    await page.mouse.move(yr.x + 200, yr.y + 2);
    await page.mouse.down();
    await page.mouse.move(yr.x + 200, yr.y - 60, { steps: 4 });
    await page.mouse.up();
    await expect.poll(async () => (await paneBoxes()).findings!.h).toBeGreaterThan(before.findings!.h + 40);

    const unfolded = await paneBoxes();
    await page.locator('[data-testid="table-list-toggle"]').click();
    await expect.poll(() => page.locator('[data-testid="table-list"]').getAttribute('data-collapsed')).toBe('true');
    const folded = await paneBoxes();
    expect(folded.list!.w).toBeLessThanOrEqual(30);
    expect(folded.grid!.w).toBeGreaterThan(unfolded.grid!.w + unfolded.list!.w - 40);

    await page.locator('[data-testid="toggle-thumbnails"]').click();
    await expect.poll(() => page.locator('[data-testid="thumbnails"]').count()).toBe(0);
    const chosen = await paneBoxes();
    await ws.shot('workspace-03-list-folded');

    await reopen();
    await expect.poll(() => page.locator('[data-testid="table-list"]').getAttribute('data-collapsed')).toBe('true');
    expect(await page.locator('[data-testid="thumbnails"]').count()).toBe(0);
    expect(await paneBoxes()).toEqual(chosen);

    // Unfolded again: the list comes back at the width it had.
    await page.locator('[data-testid="table-list-toggle"]').click();
    await expect.poll(async () => (await paneBoxes()).list!.w).toBe(unfolded.list!.w);
    await page.locator('[data-testid="toggle-thumbnails"]').click();
    await expect.poll(() => page.locator('[data-testid="thumbnails"]').count()).toBe(1);
  });

  it('stays usable at 1280×800: no page scroll, nothing cut off, no number clipped', async () => {
    await page.evaluate('localStorage.clear()');
    await page.setViewportSize({ width: 1280, height: 800 });
    await reopen();
    // First run on a narrow window: the PDF pane's width goes to the page, not to thumbnails.
    expect(await page.locator('[data-testid="thumbnails"]').count()).toBe(0);
    expect(await page.evaluate('document.documentElement.scrollHeight')).toBe(800);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBe(1280);
    expect(await allInside('.toolbar', 'button, select, input')).toEqual([]);
    expect(await allInside('[data-testid="grid-pane"]', '.grid-toolbar button, .findings-head > *')).toEqual([]);
    const b = await paneBoxes();
    expect(b.grid!.w).toBeGreaterThanOrEqual(540);
    // Every amount the grid shows is drawn whole: no ellipsis, no text wider than its cell.
    await page.locator('[data-testid="table-item"]').nth(2).click();
    await page.waitForSelector('[data-testid="review-grid"] .ag-cell.num');
    const clipped = await page
      .locator('[data-testid="review-grid"] .ag-cell.num')
      .evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.textContent));
    expect(clipped).toEqual([]);
    await ws.shot('workspace-04-layout-1280');
    await page.setViewportSize({ width: 1600, height: 1000 });
  });
});

describe('frozen columns and figures', () => {
  /** Boxes of a column's header text and of its first row's text, and the right edge of the frozen columns. */
  const measure = (col: string) =>
    page.locator('[data-testid="review-grid"]').evaluate((root, id) => {
      type El = typeof root;
      const textBox = (el: El | null) => {
        if (!el) return null;
        const range = root.ownerDocument.createRange();
        range.selectNodeContents(el);
        const r = range.getBoundingClientRect();
        return r.width > 0 ? { left: r.left, right: r.right } : null;
      };
      const pinned = Array.from(
        root.querySelectorAll('.ag-cell-last-left-pinned, .ag-header-cell-last-left-pinned'),
      ) as El[];
      const edge = Math.max(...pinned.map((e) => e.getBoundingClientRect().right));
      const head = root.querySelector(`.ag-header-cell[col-id="${id as string}"]`);
      const cell = root.querySelector(`.ag-row[row-index="0"] .ag-cell[col-id="${id as string}"]`);
      const hb = head?.getBoundingClientRect();
      const cb = cell?.getBoundingClientRect();
      return {
        edge,
        head: hb ? { left: hb.left, right: hb.right } : null,
        cell: cb ? { left: cb.left, right: cb.right } : null,
        headText: textBox(head?.querySelector('.ag-header-cell-text') ?? null),
        cellText: textBox(cell),
        text: cell?.textContent ?? '',
      };
    }, col);

  it('never slides the 合计 values under the frozen 科目编码 / 科目名称 while their header stays', async () => {
    const st = await api<ReviewState>('review.load', { docId });
    const t = st.extracted.tables.find(
      (x) =>
        x.columns[0]?.role === 'code' &&
        x.columns[1]?.role === 'name' &&
        x.columns[2]?.role === 'amount' &&
        x.columns[2]?.label === '合计' &&
        x.columns.filter((c) => c.role === 'amount').length >= 5,
    )!;
    expect(t).toBeTruthy();
    await page.locator(`[data-testid="table-item"][data-table="${t.id}"]`).click();
    await expect.poll(() => page.locator('[data-testid="review-grid"]').getAttribute('data-table')).toBe(t.id);
    await page.waitForSelector('[data-testid="review-grid"] .ag-row[row-index="0"] .ag-cell[col-id="c2"]');
    const gb = await box(page.locator('[data-testid="review-grid"]'));
    await page.mouse.move(gb.x + gb.width - 60, gb.y + 120);
    for (let step = 0; step < 12; step++) {
      const m = await measure('c2');
      // Header and values of the column move as one, the figures right-aligned under the right-aligned label.
      expect(Math.abs(m.head!.left - m.cell!.left)).toBeLessThan(1);
      expect(Math.abs(m.head!.right - m.cell!.right)).toBeLessThan(1);
      expect(m.cell!.right - m.cellText!.right).toBeLessThan(16);
      // At rest no column is half under the frozen ones: 合计 is beside them whole, or wholly behind them.
      const whole = m.cell!.left >= m.edge - 1 || m.cell!.right <= m.edge + 1;
      expect(whole, `合计 at ${m.cell!.left}–${m.cell!.right}, frozen edge ${m.edge}`).toBe(true);
      // While any of the label shows beside the frozen columns, the whole figure does too.
      if (m.headText && m.headText.right > m.edge + 2) expect(m.cellText!.left).toBeGreaterThanOrEqual(m.edge - 0.5);
      // Where the frozen columns are drawn they are on top and opaque: the point is theirs, not a scrolled cell's.
      const owner = await page.evaluate(
        `(() => { const e = document.elementFromPoint(${m.edge - 20}, ${gb.y + 90}); return e && e.closest('.ag-cell') ? e.closest('.ag-cell').getAttribute('col-id') : null; })()`,
      );
      if (owner !== null) expect(['c0', 'c1']).toContain(owner);
      if (step === 3) await ws.shot('workspace-05-frozen-columns-scrolled');
      await page.mouse.wheel(45, 0);
      // The grid snaps to a column boundary once the scroll has come to rest.
      await page.waitForTimeout(500);
    }
  });

  it('shows figures with thousands separators, the raw value in the editor, and the unit in the header', async () => {
    const t = (await currentDoc()).tables.find((x) =>
      x.rows.some((r) => r.cells.some((c, i) => x.columns[i]?.role === 'amount' && (c.value ?? 0) >= 1000)),
    )!;
    await page.locator(`[data-testid="table-item"][data-table="${t.id}"]`).click();
    await expect.poll(() => page.locator('[data-testid="review-grid"]').getAttribute('data-table')).toBe(t.id);
    const row = t.rows.findIndex((r) =>
      r.cells.some((c, i) => t.columns[i]?.role === 'amount' && (c.value ?? 0) >= 1000),
    );
    const col = t.rows[row]!.cells.findIndex((c, i) => t.columns[i]?.role === 'amount' && (c.value ?? 0) >= 1000);
    const c = page
      .locator(`[data-testid="review-grid"] .ag-row[row-index="${row}"] .ag-cell[col-id="c${col}"]`)
      .first();
    await expect.poll(() => c.textContent()).toMatch(/^-?\d{1,3}(,\d{3})+\.\d{2}$/u);
    expect((await c.textContent())!.replace(/,/gu, '')).toBe(t.rows[row]!.cells[col]!.value!.toFixed(2));
    await c.click();
    await page.keyboard.press('F2');
    const editor = page.locator('[data-testid="cell-editor"]');
    await expect.poll(() => editor.inputValue()).toBe(t.rows[row]!.cells[col]!.text);
    expect(await editor.inputValue()).not.toContain(',');
    await page.keyboard.press('Escape');
    await expect.poll(() => editor.count()).toBe(0);
    expect(t.moneyUnit).toBe('万元');
    await expect.poll(() => page.locator('[data-testid="table-unit"]').textContent()).toBe('单位：万元');
    const unit = await box(page.locator('[data-testid="table-unit"]'));
    const pane = await box(page.locator('[data-testid="grid-pane"]'));
    expect(unit.x + unit.width).toBeLessThanOrEqual(pane.x + pane.width);
    await ws.shot('workspace-06-thousands-and-unit');
  });
});

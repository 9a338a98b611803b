import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSampleReview, startWorkstation, type Workstation } from './harness';

/**
 * Extraction as the reviewer sees it on the 194-page final accounts (issue 13): a progress bar with the pages read
 * of the total, and the tables in the list as they are assembled, long before the last page is read.
 */
const LONG = path.resolve(import.meta.dirname, '../../test-fixtures/corpus/qz2022-final-ruled.pdf');
let ws: Workstation;

beforeAll(async () => {
  ws = await startWorkstation();
  await openSampleReview(ws, 'progress');
}, 200_000);

afterAll(async () => {
  await ws?.close();
});

interface Sample {
  bar: boolean;
  done: number;
  total: number;
  now: number | null;
  text: string;
  items: number;
  phase: string | null;
  width: number;
}

describe('extraction progress', () => {
  it('shows pages read / total in a progress bar while tables appear in the list one by one', async () => {
    const { page } = ws;
    const chooser = page.waitForEvent('filechooser');
    await page.click('[data-testid="toolbar-open"]');
    await (
      await chooser
    ).setFiles({ name: 'qz2022-final-ruled.pdf', mimeType: 'application/pdf', buffer: readFileSync(LONG) });

    const bar = page.locator('[data-testid="extraction-progress"]');
    const samples: Sample[] = [];
    let shot = false;
    for (let i = 0; i < 600; i++) {
      // One snapshot in the page, so the bar cannot vanish between two reads of it.
      const s = (await page.evaluate(`(() => {
        const bar = document.querySelector('[data-testid="extraction-progress"]');
        const track = bar && bar.querySelector('[role="progressbar"]');
        const b = track ? track.getBoundingClientRect() : null;
        return {
          bar: !!b && b.width > 0,
          done: bar ? Number(bar.getAttribute('data-done')) : 0,
          total: bar ? Number(bar.getAttribute('data-total')) : 0,
          now: track && track.hasAttribute('aria-valuenow') ? Number(track.getAttribute('aria-valuenow')) : null,
          text: bar ? bar.textContent : '',
          items: document.querySelectorAll('[data-testid="table-item"]').length,
          phase: document.querySelector('[data-testid="data-side"]')?.getAttribute('data-phase') ?? null,
          width: b ? b.width : 0,
        };
      })()`)) as Sample;
      samples.push(s);
      if (!shot && s.bar && s.total === 194 && s.done > 40 && s.items > 3) {
        await ws.shot('progress-01-tables-appearing');
        shot = true;
      }
      if (s.phase === 'ready' && (await page.textContent('[data-testid="doc-name"]'))?.includes('qz2022')) break;
      await page.waitForTimeout(100);
    }
    const reading = samples.filter((s) => s.bar && s.total === 194 && s.done < 194);
    // The bar was there, visibly, with the pages read of the 194 in its label and its value.
    expect(reading.length).toBeGreaterThan(3);
    for (const s of reading) {
      expect(s.text).toContain(`${s.done}/194`);
      expect(s.now).toBe(Math.round((s.done / 194) * 100));
      expect(s.width).toBeGreaterThan(100);
    }
    // Pages advanced while it was shown.
    expect(new Set(reading.map((s) => s.done)).size).toBeGreaterThan(3);
    // Tables came into the list while pages were still being read, a few at a time, not all at once at the end.
    const during = reading.filter((s) => s.items > 0);
    expect(during.length).toBeGreaterThan(0);
    const final = samples.at(-1)!;
    expect(final.phase).toBe('ready');
    expect(final.items).toBeGreaterThan(20);
    expect(Math.min(...during.map((s) => s.items))).toBeLessThan(final.items / 2);
    expect(new Set(during.map((s) => s.items)).size).toBeGreaterThan(2);
    expect(reading.some((s) => /已找到 \d+ 张表/u.test(s.text))).toBe(true);
    expect(shot).toBe(true);
    // Done: the bar goes away.
    await expect.poll(() => bar.count()).toBe(0);
  }, 200_000);
});

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Page } from 'playwright-core';
import { startWorkstation, type Workstation } from './harness';
import { pdfFile } from '../../main/extraction/testing/synth-pdf';

/**
 * Issue 2 end to end, in Chromium against the real web host: the sample opens on first run, page 1 is drawn and its
 * Chinese text is in the text layer, bad files give a clear message and leave the app usable.
 */
const ROOT = path.resolve(import.meta.dirname, '..', '..');
const SAMPLE = path.join(ROOT, 'resources', 'samples', 'qz2024-budget-ruled.pdf');
const LONG = path.join(ROOT, 'test-fixtures', 'corpus', 'qz2022-final-ruled.pdf');

const PAGE1_CANVAS = '[data-testid="page"][data-page="1"] [data-testid="page-canvas"][data-rendered="true"] canvas';
const PAGE1_TEXT = '[data-testid="page"][data-page="1"] [data-testid="text-layer"][data-rendered="true"]';

/** Lines of page 1 with Chinese characters, read by pdf.js in Node — independent of the browser's rendering path. */
async function chineseLinesOfPage1(file: string): Promise<string[]> {
  const doc = await pdfjs.getDocument({ data: new Uint8Array(readFileSync(file)), verbosity: 0 }).promise;
  const content = await (await doc.getPage(1)).getTextContent();
  await doc.destroy();
  const lines = content.items
    .map((i) => ('str' in i ? i.str : ''))
    .map((s) => s.replace(/\s+/gu, ''))
    .filter((s) => /[\u4e00-\u9fff]{2,}/u.test(s));
  return lines;
}

/**
 * Browser-side snippets are strings: this file is type-checked without the DOM library (tsconfig.node.json).
 * Share of canvas pixels that are not paper-white, sampled on a grid over the whole page.
 */
async function inkShare(page: Page, selector: string): Promise<number> {
  return page.evaluate(`(() => {
    const c = document.querySelector(${JSON.stringify(selector)});
    const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let ink = 0, n = 0;
    for (let y = 0; y < c.height; y += 3) {
      for (let x = 0; x < c.width; x += 3) {
        const i = (y * c.width + x) * 4;
        n++;
        if (data[i] < 200 || data[i + 1] < 200 || data[i + 2] < 200) ink++;
      }
    }
    return ink / n;
  })()`);
}

function box(page: Page, selector: string, prop: 'offsetWidth' | 'offsetHeight' | 'clientHeight'): Promise<number> {
  return page.evaluate(`document.querySelector(${JSON.stringify(selector)}).${prop}`);
}

/**
 * A one-page PDF whose Chinese text uses a non-embedded font with a predefined CMap (UniGB-UCS2-H), as older
 * government PDFs often do: it only reads correctly when the viewer can load pdf.js's bundled CMaps.
 */
function predefinedCMapPdf(text: string): Buffer {
  const hex = Array.from(text)
    .map((c) => c.codePointAt(0)!.toString(16).padStart(4, '0'))
    .join('');
  const content = `BT /F1 28 Tf 72 700 Td <${hex}> Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor 7 0 R /DW 1000 >>',
    '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>',
  ];
  return pdfFile(objects, '');
}

function rc4(key: Buffer, data: Buffer): Buffer {
  const S = Array.from({ length: 256 }, (_, i) => i);
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + S[i]! + key[i % key.length]!) & 255;
    [S[i], S[j]] = [S[j]!, S[i]!];
  }
  const out = Buffer.alloc(data.length);
  for (let n = 0, i = 0, j = 0; n < data.length; n++) {
    i = (i + 1) & 255;
    j = (j + S[i]!) & 255;
    [S[i], S[j]] = [S[j]!, S[i]!];
    out[n] = data[n]! ^ S[(S[i]! + S[j]!) & 255]!;
  }
  return out;
}

/** A PDF locked with a user password (standard security handler, revision 2), built by the spec's algorithms. */
function passwordProtectedPdf(): Buffer {
  const pad = Buffer.from('28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A', 'hex');
  const padded = (pw: string) => Buffer.concat([Buffer.from(pw, 'latin1'), pad]).subarray(0, 32);
  const md5 = (b: Buffer) => createHash('md5').update(b).digest();
  const id = Buffer.from('0123456789abcdef0123456789abcdef', 'hex');
  const perms = -44;
  const O = rc4(md5(padded('owner-secret')).subarray(0, 5), padded('user-secret'));
  const p = Buffer.alloc(4);
  p.writeInt32LE(perms);
  const key = md5(Buffer.concat([padded('user-secret'), O, p, id])).subarray(0, 5);
  const U = rc4(key, pad);
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>',
    `<< /Filter /Standard /V 1 /R 2 /O <${O.toString('hex')}> /U <${U.toString('hex')}> /P ${perms} >>`,
  ];
  return pdfFile(objects, `/Encrypt 4 0 R /ID [<${id.toString('hex')}> <${id.toString('hex')}>]`);
}

async function upload(page: Page, name: string, buffer: Buffer): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.click('[data-testid="toolbar-open"]');
  await (await chooser).setFiles({ name, mimeType: 'application/pdf', buffer });
}

describe('PDF viewer (issue 2)', () => {
  let ws: Workstation;
  beforeAll(async () => {
    ws = await startWorkstation();
  });
  afterAll(async () => {
    await ws?.close();
  });

  it('opens the bundled sample on first run and draws page 1 with selectable Chinese text', async () => {
    const { page } = ws;
    await page.goto(ws.url);
    await page.waitForSelector(PAGE1_CANVAS, { state: 'attached', timeout: 60_000 });
    await expect.poll(() => page.textContent('[data-testid="page-count"]')).toContain('23');
    await ws.shot('viewer-sample-opened');
    // Once extraction is done the data side selects its first table and the page pane follows it; come back to
    // page 1 after that, so the checks below do not race the data side.
    await page.waitForSelector('[data-testid="data-side"][data-phase="ready"]', { timeout: 170_000 });
    await page.fill('[data-testid="page-input"]', '1');
    await page.press('[data-testid="page-input"]', 'Enter');
    await page.waitForSelector(PAGE1_CANVAS, { state: 'attached', timeout: 30_000 });

    const ink = await inkShare(page, PAGE1_CANVAS);
    expect(ink).toBeGreaterThan(0.005); // printed text, not a blank sheet
    expect(ink).toBeLessThan(0.6); // and not a black or failed render

    await page.waitForSelector(PAGE1_TEXT, { state: 'attached', timeout: 30_000 });
    const layerText = ((await page.textContent(PAGE1_TEXT)) ?? '').replace(/\s+/gu, '');
    const expected = await chineseLinesOfPage1(SAMPLE);
    expect(expected.length).toBeGreaterThan(3);
    for (const line of expected) expect(layerText).toContain(line);

    // The text is selectable: select the whole layer and read the selection back.
    const selected = await page.evaluate<string>(`(() => {
      const range = document.createRange();
      range.selectNodeContents(document.querySelector(${JSON.stringify(PAGE1_TEXT)}));
      const sel = window.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
      return sel.toString().replace(/\\s+/gu, '');
    })()`);
    expect(selected).toContain(expected[0]);
    await ws.shot('viewer-sample-page1');
  });

  it('selects page text by dragging along a line and copies it in ordinary characters', async () => {
    const { page } = ws;
    await page.waitForSelector(PAGE1_TEXT, { state: 'attached', timeout: 30_000 });
    // The line of page 1 drawn as the most spans (a heading in pieces): drag from its first span past its last.
    const span = await page.evaluate<{ x0: number; x1: number; y: number; text: string } | null>(`(() => {
      const spans = [...document.querySelectorAll(${JSON.stringify(PAGE1_TEXT)} + ' span:not(.markedContent)')]
        .filter((s) => (s.textContent || '').trim() && s.getBoundingClientRect().width > 2);
      if (spans.length === 0) return null;
      spans[0].scrollIntoView({ block: 'center' });
      const lines = new Map();
      for (const s of spans) {
        const r = s.getBoundingClientRect();
        const key = Math.round(r.top / 3);
        if (!lines.has(key)) lines.set(key, []);
        lines.get(key).push({ s, r });
      }
      const line = [...lines.values()]
        .filter((l) => l.some((x) => /[\u4e00-\u9fff]/u.test(x.s.textContent)))
        .sort((a, b) => b.length - a.length)[0];
      if (!line) return null;
      line.sort((a, b) => a.r.left - b.r.left);
      const first = line[0].r, last = line[line.length - 1].r;
      // End in the blank margin after the line: over the gap between spans the selection used to jump.
      const layer = document.querySelector(${JSON.stringify(PAGE1_TEXT)}).getBoundingClientRect();
      return { x0: first.left + 1, x1: Math.min(last.right + 40, layer.right - 2), y: first.top + first.height / 2,
        text: line.map((x) => x.s.textContent).join('') };
    })()`);
    expect(span).not.toBeNull();
    // A press inside an existing selection would drag that selection, not start a new one.
    await page.evaluate('window.getSelection().removeAllRanges()');
    await page.mouse.move(span!.x0, span!.y);
    await page.mouse.down();
    await page.mouse.move((span!.x0 + span!.x1) / 2, span!.y, { steps: 5 });
    await page.mouse.move(span!.x1, span!.y, { steps: 5 });
    await page.mouse.up();
    const selected = await page.evaluate<string>('window.getSelection().toString()');
    // The selection stays on the line dragged along (it does not jump to other text of the page).
    const flat = (x: string) => x.replace(/\s+/gu, '');
    expect(flat(selected).length).toBeGreaterThan(3);
    // Nothing from other lines: the selection is (all but possibly the first and last character of) the line.
    expect(flat(span!.text)).toContain(flat(selected).slice(1, -1));
    expect(flat(selected).length).toBeGreaterThanOrEqual(flat(span!.text).length - 2);
    const copied = await page.evaluate<string>(`(() => {
      const dt = new DataTransfer();
      document.querySelector('[data-testid="pdf-viewer"]').dispatchEvent(
        new ClipboardEvent('copy', { clipboardData: dt, bubbles: true, cancelable: true }));
      return dt.getData('text/plain');
    })()`);
    expect(copied).toBe(selected.replace(/[\u2e80-\u2eff\u2f00-\u2fdf\uf900-\ufaff]/gu, (c) => c.normalize('NFKC')));
    expect(copied).not.toMatch(/[\u2f00-\u2fdf]/u);
    await page.evaluate('window.getSelection().removeAllRanges()');
  });

  it('navigates pages and zooms', async () => {
    const { page } = ws;
    await page.fill('[data-testid="page-input"]', '4');
    await page.press('[data-testid="page-input"]', 'Enter');
    await page.waitForSelector(
      '[data-testid="page"][data-page="4"] [data-testid="page-canvas"][data-rendered="true"] canvas',
      {
        state: 'attached',
      },
    );
    await expect.poll(() => page.inputValue('[data-testid="page-input"]')).toBe('4');

    const width = () => box(page, '[data-testid="page"][data-page="4"]', 'offsetWidth');
    const before = await width();
    await page.selectOption('[data-testid="zoom-select"]', '150');
    await expect.poll(width).toBeGreaterThan(before);
    const zoomed = await width();
    await page.selectOption('[data-testid="zoom-select"]', 'fit-page');
    await expect.poll(width).toBeLessThan(zoomed);
    const fitted = await box(page, '[data-testid="page"][data-page="4"]', 'offsetHeight');
    const viewHeight = await box(page, '[data-testid="pdf-viewer"]', 'clientHeight');
    expect(fitted).toBeLessThanOrEqual(viewHeight);
    // Thumbnails navigate too.
    await page.click('[data-thumb="2"]');
    await expect.poll(() => page.inputValue('[data-testid="page-input"]')).toBe('2');
    await page.selectOption('[data-testid="zoom-select"]', 'fit-width');
    await ws.shot('viewer-navigation');
  });

  it('explains a file that is not a PDF, a corrupt, a truncated and a password-protected PDF, and stays usable', async () => {
    const { page } = ws;
    const cases: { name: string; bytes: Buffer }[] = [
      { name: 'notes.pdf', bytes: Buffer.from('这是一个文本文件，不是 PDF。\n') },
      { name: 'corrupt.pdf', bytes: Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(4096, 0x5a)]) },
      { name: 'truncated.pdf', bytes: readFileSync(SAMPLE).subarray(0, 2048) },
      { name: 'locked.pdf', bytes: passwordProtectedPdf() },
    ];
    for (const c of cases) {
      await upload(page, c.name, c.bytes);
      const banner = page.locator('[data-testid="error-banner"]').last();
      await banner.waitFor({ timeout: 30_000 });
      const text = (await banner.textContent()) ?? '';
      expect(text).toContain(c.name);
      expect(text).toMatch(c.name === 'locked.pdf' ? /已加密/u : /不是 PDF|损坏|不完整/u);
      await ws.shot(`viewer-error-${c.name.replace('.pdf', '')}`);
      // The open document is still there and the app still answers.
      expect(await page.textContent('[data-testid="doc-name"]')).toContain('qz2024-budget-ruled.pdf');
      await page.click('[data-testid="error-banner"] button');
      await expect.poll(() => page.locator('[data-testid="error-banner"]').count()).toBe(0);
    }
    await page.fill('[data-testid="page-input"]', '3');
    await page.press('[data-testid="page-input"]', 'Enter');
    await page.waitForSelector(
      '[data-testid="page"][data-page="3"] [data-testid="page-canvas"][data-rendered="true"] canvas',
      {
        state: 'attached',
      },
    );
  });

  it('shows page 1 of the 194-page report quickly', async () => {
    const { page } = ws;
    await upload(page, 'qz2022-final-ruled.pdf', readFileSync(LONG));
    await expect.poll(() => page.textContent('[data-testid="page-count"]'), { timeout: 60_000 }).toContain('194');
    await page.waitForSelector(PAGE1_CANVAS, { state: 'attached', timeout: 30_000 });
    const ms = Number(await page.getAttribute('[data-testid="pdf-viewer"]', 'data-first-page-ms'));
    console.log(`194-page document: page 1 drawn ${ms} ms after the pane opened`);
    expect(ms).toBeGreaterThan(0);
    // Issue 5's 1 s budget is measured by `npm run bench:ui`, not asserted here: a timed test fails on a busy machine.
    // One thumbnail strip, of the new document only.
    expect(await page.locator('[data-testid="thumbnails"]').count()).toBe(1);
    expect(await page.locator('[data-thumb]').count()).toBe(194);
    // Only the pages near the view are drawn.
    const drawn = await page.locator('[data-testid="page-canvas"][data-rendered="true"]').count();
    expect(drawn).toBeLessThanOrEqual(4);
    await ws.shot('viewer-long-document');
  });

  it('reads Chinese text in a non-embedded font through the bundled CMaps', async () => {
    const { page } = ws;
    await upload(page, 'cmap-cjk.pdf', predefinedCMapPdf('部门预算收支总表'));
    await expect
      .poll(() => page.textContent('[data-testid="doc-name"]'), { timeout: 60_000 })
      .toContain('cmap-cjk.pdf');
    await page.waitForSelector(PAGE1_TEXT, { state: 'attached', timeout: 30_000 });
    expect(((await page.textContent(PAGE1_TEXT)) ?? '').replace(/\s+/gu, '')).toContain('部门预算收支总表');
    expect(await inkShare(page, PAGE1_CANVAS)).toBeGreaterThan(0.001);
    await ws.shot('viewer-predefined-cmap');
  });

  it('switches the interface to English and back', async () => {
    const { page } = ws;
    await page.selectOption('[data-testid="language"]', 'en');
    await expect.poll(() => page.textContent('[data-testid="toolbar-open"]')).toBe('Open');
    await ws.shot('viewer-english');
    await page.selectOption('[data-testid="language"]', 'zh-CN');
    await expect.poll(() => page.textContent('[data-testid="toolbar-open"]')).toBe('打开');
  });
});

import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { pdfBytes, text } from '../main/extraction/testing/synth-pdf';
import { CHROMIUM, startWorkstation, type Workstation } from '../tests/e2e/harness';
import { frameStats, summarize, type Summary } from './stats';

/**
 * `npm run bench:ui` — figures for the review screen (issue 5), measured in Debian's Chromium against the real web
 * host, through the same harness as the e2e tests:
 *
 *  1. opening the 194-page final-accounts report through the toolbar's file chooser: page 1 drawn, tables listed
 *     (each run on a fresh host and data directory, so extraction is cold);
 *  2. a grid of 1,000+ rows: no table of the corpus is that long (the longest has 33 rows), so a ruled
 *     支出决算表 of 1,111 coded rows over 25 pages is generated as a PDF here and opened the same way — time to show
 *     it when selected, frame times while scrolling through it, edit → findings and undo latency;
 *  3. memory: the renderer's JS heap (CDP Performance.getMetrics) and the web host's RSS and peak RSS (/proc).
 *
 * Timings are benchmark figures, never test assertions. Options: --runs N (default 3), --json (JSON on stdout),
 * --only open|grid (one half), --write-pdf FILE (write the generated long-table PDF and exit).
 */
const ROOT = path.resolve(import.meta.dirname, '..');
const LONG_DOC = path.join(ROOT, 'test-fixtures', 'corpus', 'qz2022-final-ruled.pdf');
const LONG_PAGES = 194;
const RESULTS = path.join(ROOT, 'bench', 'results', 'ui.json');

const argv = process.argv.slice(2);
const argValue = (name: string): string | undefined => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
};
const RUNS = Number(argValue('--runs') ?? 3);
const JSON_OUT = argv.includes('--json');
/** --only open | grid: one half of the benchmark (the grid half runs once, in a fresh workstation). */
const ONLY = argValue('--only');

// ── the generated long table ───────────────────────────────────────────────────────────────────────────────────

const CN = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const CLASSES = [
  '一般公共服务',
  '外交',
  '国防',
  '公共安全',
  '教育',
  '科学技术',
  '文化旅游体育与传媒',
  '社会保障和就业',
  '卫生健康',
  '节能环保',
];

interface LongRow {
  code: string;
  name: string;
  basic: number; // cents
  project: number; // cents
}

/** 10 类 × 10 款 × 10 项 with 款 = Σ项, 类 = Σ款 and 合计 = Σ类 in both amount columns, so the table checks clean. */
export function longTableRows(): LongRow[] {
  let seed = 20240611;
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const out: LongRow[] = [];
  const total: LongRow = { code: '', name: '合计', basic: 0, project: 0 };
  out.push(total);
  for (let i = 0; i < 10; i++) {
    const cls: LongRow = { code: String(201 + i), name: `${CLASSES[i]}支出`, basic: 0, project: 0 };
    out.push(cls);
    for (let j = 1; j <= 10; j++) {
      const kuan: LongRow = {
        code: `${cls.code}${String(j).padStart(2, '0')}`,
        name: `${CLASSES[i]}事务${CN[j]}`,
        basic: 0,
        project: 0,
      };
      out.push(kuan);
      for (let k = 1; k <= 10; k++) {
        const basic = Math.round(rnd() * 5_000_000);
        const project = Math.round(rnd() * 2_000_000);
        out.push({
          code: `${kuan.code}${String(k).padStart(2, '0')}`,
          name: `专项业务${CN[j]}之${CN[k]}`,
          basic,
          project,
        });
        kuan.basic += basic;
        kuan.project += project;
      }
      cls.basic += kuan.basic;
      cls.project += kuan.project;
    }
    total.basic += cls.basic;
    total.project += cls.project;
  }
  return out;
}

const money = (cents: number) => (cents / 100).toFixed(2);
/** A fully ruled grid: column edges xs, row top at `top`, each row `h` high. */
function ruled(xs: number[], top: number, h: number, rows: string[][]): string {
  let s = '0.5 w\n';
  const bottom = top - rows.length * h;
  for (let r = 0; r <= rows.length; r++) s += `${xs[0]} ${top - r * h} m ${xs[xs.length - 1]} ${top - r * h} l S\n`;
  for (const x of xs) s += `${x} ${top} m ${x} ${bottom} l S\n`;
  rows.forEach((cells, r) => {
    const base = top - (r + 1) * h + (h - 9) / 2 + 1.5;
    cells.forEach((c, i) => {
      if (c) s += text(c, xs[i]! + 3, base);
    });
  });
  return s;
}

/** Page 1: a short 收入决算表; pages 2…: the long 支出决算表, its header repeated on every page. */
export function longTablePdf(): { pdf: Buffer; rows: number; pages: number } {
  const W = 595;
  const H = 842;
  const pages: string[] = [];
  const income = [
    ['项目', '本年收入合计', '财政拨款收入', '其他收入'],
    ['合计', '300.00', '250.00', '50.00'],
    ['一般公共服务', '100.00', '90.00', '10.00'],
    ['教育', '200.00', '160.00', '40.00'],
  ];
  pages.push(
    text('收入决算表', 250, 790, 14) + text('单位：万元', 480, 760) + ruled([40, 200, 320, 440, 560], 750, 18, income),
  );

  const rows = longTableRows();
  const xs = [40, 110, 300, 400, 480, 560];
  const header = ['科目编码', '科目名称', '本年支出合计', '基本支出', '项目支出'];
  const cells = rows.map((r) => [r.code, r.name, money(r.basic + r.project), money(r.basic), money(r.project)]);
  const ROW_H = 16;
  let at = 0;
  let first = true;
  while (at < cells.length) {
    const top = first ? 750 : 800;
    const fit = Math.floor((top - 40) / ROW_H) - 1;
    const chunk = cells.slice(at, at + fit);
    at += chunk.length;
    const head = first ? text('支出决算表', 250, 790, 14) + text('单位：万元', 480, 760) : '';
    pages.push(head + ruled(xs, top, ROW_H, [header, ...chunk]));
    first = false;
  }

  const pdf = Buffer.from(pdfBytes(pages.map((content) => ({ width: W, height: H, content }))));
  return { pdf, rows: rows.length, pages: pages.length };
}

// ── measuring in the page ──────────────────────────────────────────────────────────────────────────────────────
// Browser-side snippets are strings: bench/ is type-checked without the DOM library (tsconfig.node.json).

const GRID = '[data-testid="review-grid"]';
/** The grid's vertical scroller: .ag-grid-viewport in AG Grid 36 (.ag-body-viewport before). */
const SCROLLER = ':is(.ag-grid-viewport, .ag-body-viewport)';

/** Arms an observer that timestamps (performance.now) the next document open, from the file input's change event. */
async function armOpen(page: Page, pages: number): Promise<void> {
  await page.evaluate(`(() => {
    const old = document.querySelector('[data-testid="pdf-viewer"]');
    if (old) old.__brwOld = true;
    const r = { t0: null, mounted: null, page1: null, firstDrawn: null, firstDrawnPage: null, busy: null, firstTable: null, ready: null, failed: null, tables: 0 };
    window.__brwOpen = r;
    const PAGE1 = '[data-testid="page"][data-page="1"] [data-testid="page-canvas"][data-rendered="true"] canvas';
    const check = () => {
      if (r.t0 === null) return;
      const now = performance.now();
      const viewer = document.querySelector('[data-testid="pdf-viewer"]');
      const fresh = viewer && !viewer.__brwOld && (document.querySelector('[data-testid="page-count"]')?.textContent ?? '').includes('${pages}');
      if (fresh && r.mounted === null) r.mounted = Number(viewer.dataset.mountedAt);
      if (fresh && r.page1 === null && viewer.querySelector(PAGE1)) r.page1 = now;
      if (fresh && r.firstDrawn === null) {
        const drawn = viewer.querySelector('[data-testid="page-canvas"][data-rendered="true"] canvas');
        if (drawn) { r.firstDrawn = now; r.firstDrawnPage = Number(drawn.closest('[data-testid="page"]').dataset.page); }
      }
      const phase = document.querySelector('[data-testid="data-side"]')?.dataset.phase;
      if (r.busy === null && phase && phase !== 'ready') r.busy = now;
      if (r.busy !== null) {
        const n = document.querySelectorAll('[data-testid="table-item"]').length;
        if (r.firstTable === null && n > 0) r.firstTable = now;
        if (r.ready === null && phase === 'ready') { r.ready = now; r.tables = n; }
        if (phase === 'failed') r.failed = document.querySelector('[data-testid="data-side"]').textContent;
      }
      if (r.page1 !== null && (r.ready !== null || r.failed !== null)) obs.disconnect();
    };
    const obs = new MutationObserver(check);
    obs.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    document.addEventListener('change', (e) => {
      if (r.t0 === null && e.target && e.target.type === 'file') { r.t0 = performance.now(); check(); }
    }, { capture: true, once: true });
  })()`);
}

interface OpenTimes {
  t0: number;
  mounted: number | null;
  page1: number | null;
  firstDrawn: number | null;
  firstDrawnPage: number | null;
  busy: number | null;
  firstTable: number | null;
  ready: number | null;
  failed: string | null;
  tables: number;
}

async function openThroughChooser(
  page: Page,
  name: string,
  bytes: Buffer,
  pages: number,
  timeoutMs: number,
): Promise<OpenTimes> {
  await armOpen(page, pages);
  const chooser = page.waitForEvent('filechooser');
  await page.click('[data-testid="toolbar-open"]');
  await (await chooser).setFiles({ name, mimeType: 'application/pdf', buffer: bytes });
  // Polled from here: the app's CSP forbids the string evaluation waitForFunction would use.
  const deadline = Date.now() + timeoutMs;
  let r = (await page.evaluate('window.__brwOpen')) as OpenTimes;
  let doneAt: number | null = null;
  // Page 1 normally comes long before the tables; should it not (a loaded machine), the pane may have moved on to
  // the first table by then — give it 15 s more and report it as not drawn rather than wait forever.
  while (r.page1 === null || (r.ready === null && r.failed === null)) {
    if (r.ready !== null || r.failed !== null) doneAt ??= Date.now();
    if (doneAt !== null && Date.now() - doneAt > 15_000) break;
    if (Date.now() > deadline)
      throw new Error(`opening ${name}: not done after ${timeoutMs / 1000} s (${JSON.stringify(r)})`);
    await new Promise((res) => setTimeout(res, 250));
    r = (await page.evaluate('window.__brwOpen')) as OpenTimes;
  }
  if (r.failed) throw new Error(`opening ${name} failed: ${r.failed}`);
  return r;
}

/** Milliseconds from `t0` until `cond` holds (checked on every DOM mutation and animation frame), then painted. */
const untilSnippet = `
  const until = (cond, timeout = 60000) => new Promise((resolve, reject) => {
    if (cond()) return resolve(performance.now());
    let done = false;
    const finish = (ok) => { if (done) return; done = true; obs.disconnect(); clearTimeout(timer); ok ? resolve(performance.now()) : reject(new Error('timed out')); };
    const obs = new MutationObserver(() => { if (cond()) finish(true); });
    obs.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    const frame = () => { if (done) return; if (cond()) finish(true); else requestAnimationFrame(frame); };
    requestAnimationFrame(frame);
    const timer = setTimeout(() => finish(false), timeout);
  });
  const painted = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
`;

/** Clicks a table in the list (in the page, so the clock starts with the click) → rows shown, and painted. */
async function selectTable(page: Page, id: string, minRows: number): Promise<{ shown: number; painted: number }> {
  return page.evaluate(`(async () => {
    ${untilSnippet}
    const item = document.querySelector('[data-testid="table-item"][data-table="${id}"]');
    const t0 = performance.now();
    item.click();
    const shown = await until(() => {
      const g = document.querySelector('${GRID}[data-table="${id}"]');
      return !!g && new Set([...g.querySelectorAll('.ag-row[row-index]')].map((e) => e.getAttribute('row-index'))).size >= ${minRows};
    });
    await painted();
    return { shown: shown - t0, painted: performance.now() - t0 };
  })()`);
}

interface ScrollResult {
  intervals: number[];
  blankFrames: number;
  maxRowIndex: number;
  distance: number;
}

/** Scrolls the grid's viewport from top to bottom by `step` px per animation frame, recording frame intervals. */
async function scrollGrid(page: Page, step: 'page' | number): Promise<ScrollResult> {
  return page.evaluate(`(async () => {
    const grid = document.querySelector('${GRID}');
    const vp = grid.querySelector(${JSON.stringify(SCROLLER)});
    const max = vp.scrollHeight - vp.clientHeight;
    vp.scrollTop = 0;
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const rowH = grid.querySelector('.ag-row[row-index]')?.offsetHeight || 25;
    const step = ${JSON.stringify(step)} === 'page' ? vp.clientHeight : ${typeof step === 'number' ? step : 0};
    const intervals = [];
    let blank = 0, maxRow = 0, last = null;
    await new Promise((resolve) => {
      const frame = (t) => {
        if (last !== null) {
          intervals.push(t - last);
          // Is the row in the middle of the viewport drawn in this frame? (a blank band is what a reviewer sees as jank)
          const idx = Math.floor((vp.scrollTop + vp.clientHeight / 2) / rowH);
          if (!grid.querySelector('.ag-row[row-index="' + idx + '"]')) blank++;
        }
        last = t;
        for (const el of grid.querySelectorAll('.ag-row[row-index]')) maxRow = Math.max(maxRow, Number(el.getAttribute('row-index')));
        if (vp.scrollTop >= max - 1) return resolve();
        vp.scrollTop = Math.min(max, vp.scrollTop + step);
        requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    });
    return { intervals, blankFrames: blank, maxRowIndex: maxRow, distance: max };
  })()`);
}

const cellSel = (row: number, col: number) => `${GRID} .ag-row[row-index="${row}"] .ag-cell[col-id="c${col}"]`;

/** Types a new amount into a cell; Enter → cell shows it and the findings panel changes; undo → both restored. */
async function editAndUndo(
  page: Page,
  row: number,
  col: number,
): Promise<{ cell: number; findings: number; undo: number; added: number }> {
  await page.evaluate(`(() => { document.querySelector(${JSON.stringify(`${GRID} ${SCROLLER}`)}).scrollTop = 0; })()`);
  await page.waitForSelector(cellSel(row, col));
  const cell = page.locator(cellSel(row, col)).first();
  const original = ((await cell.textContent()) ?? '').trim();
  await cell.click();
  await page.keyboard.type('9');
  const editor = page.locator('[data-testid="cell-editor"]');
  await editor.waitFor();
  await editor.fill('98765.43');
  await page.evaluate(`(() => {
    ${untilSnippet}
    const ids = () => [...document.querySelectorAll('[data-testid="finding"]')].map((e) => e.getAttribute('data-id')).sort().join('|');
    const text = () => document.querySelector(${JSON.stringify(cellSel(row, col))})?.textContent.trim();
    const before = ids();
    window.__brwEdit = new Promise((resolve, reject) => {
      window.addEventListener('keydown', (e) => {
        if (e.key !== 'Enter') return;
        const t0 = performance.now();
        Promise.all([until(() => text() === '98765.43'), until(() => ids() !== before)]).then(([c, f]) => resolve({ cell: c - t0, findings: f - t0, before }), reject);
      }, { capture: true, once: true });
    });
  })()`);
  await page.keyboard.press('Enter');
  const edit = (await page.evaluate('window.__brwEdit')) as { cell: number; findings: number; before: string };
  const added =
    ((await page.evaluate(`[...document.querySelectorAll('[data-testid="finding"]')].length`)) as number) -
    (edit.before ? edit.before.split('|').length : 0);
  const undo = (await page.evaluate(`(async () => {
    ${untilSnippet}
    const ids = () => [...document.querySelectorAll('[data-testid="finding"]')].map((e) => e.getAttribute('data-id')).sort().join('|');
    const text = () => document.querySelector(${JSON.stringify(cellSel(row, col))})?.textContent.trim();
    const t0 = performance.now();
    document.querySelector('[data-testid="undo"]').click();
    await Promise.all([until(() => text() === ${JSON.stringify(original)}), until(() => ids() === ${JSON.stringify(edit.before)})]);
    return performance.now() - t0;
  })()`)) as number;
  return { cell: edit.cell, findings: edit.findings, undo, added };
}

// ── memory ─────────────────────────────────────────────────────────────────────────────────────────────────────

async function jsHeap(page: Page, gc: boolean): Promise<{ used: number; total: number }> {
  const cdp = await page.context().newCDPSession(page);
  try {
    if (gc) await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('Performance.enable');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const m = new Map(metrics.map((x) => [x.name, x.value]));
    return { used: m.get('JSHeapUsedSize') ?? NaN, total: m.get('JSHeapTotalSize') ?? NaN };
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

/** The web host the harness started for this data directory (its command line names the directory). */
function hostPid(dataDir: string): number | null {
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/u.test(d)) continue;
    try {
      const cmd = readFileSync(`/proc/${d}/cmdline`, 'utf8').split('\0');
      if (cmd.includes('main/web/serve.ts') && cmd.includes(dataDir)) return Number(d);
    } catch {
      // gone meanwhile
    }
  }
  return null;
}

function hostMemory(pid: number | null): { rss: number; hwm: number } {
  if (pid === null) return { rss: NaN, hwm: NaN };
  try {
    const st = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+) kB`, 'mu').exec(st)?.[1] ?? NaN) * 1024;
    return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
  } catch {
    return { rss: NaN, hwm: NaN };
  }
}

// ── the run ────────────────────────────────────────────────────────────────────────────────────────────────────

function preflight(): void {
  if (!existsSync(CHROMIUM)) {
    console.error(
      `bench:ui: no Chromium at ${CHROMIUM} — install Debian's chromium package or set CHROMIUM_PATH (playwright never downloads a browser)`,
    );
    process.exit(1);
  }
  if (!existsSync(path.join(ROOT, 'out', 'renderer', 'index.html'))) {
    console.error('bench:ui: no built renderer in out/renderer — run "npm run build" first (npm run bench:ui builds)');
    process.exit(1);
  }
  if (!existsSync(LONG_DOC)) {
    console.error(`bench:ui: missing fixture ${path.relative(ROOT, LONG_DOC)}`);
    process.exit(1);
  }
  if (ONLY !== undefined && ONLY !== 'open' && ONLY !== 'grid') {
    console.error('bench:ui: --only takes open or grid');
    process.exit(2);
  }
  if (!Number.isInteger(RUNS) || RUNS < 1) {
    console.error('bench:ui: --runs must be a positive whole number');
    process.exit(2);
  }
}

async function waitForSample(ws: Workstation): Promise<void> {
  // The bundled sample opens on first run; let its extraction finish so it does not compete with the measurement.
  await ws.page.goto(ws.url);
  await ws.page.waitForSelector(
    '[data-testid="data-side"][data-phase="ready"], [data-testid="data-side"][data-phase="failed"]',
    {
      timeout: 300_000,
    },
  );
}

const log = (s: string) => {
  if (!JSON_OUT) process.stderr.write(`${s}\n`);
};

async function main(): Promise<void> {
  const writePdf = argValue('--write-pdf');
  if (writePdf) {
    const g = longTablePdf();
    writeFileSync(writePdf, g.pdf);
    console.log(`${writePdf}: ${g.pages} pages, long table ${g.rows} rows`);
    return;
  }
  preflight();
  const load0 = loadavg();
  const long = readFileSync(LONG_DOC);
  const synthetic = longTablePdf();

  const open = {
    page1FromChoice: [] as number[],
    page1FromPane: [] as number[],
    page1Missed: 0,
    firstDrawnFromChoice: [] as number[],
    paneMounted: [] as number[],
    firstTable: [] as number[],
    tablesListed: [] as number[],
  };
  let tablesCount = 0;
  const memory = {
    heapAfterOpen: [] as number[],
    heapAfterOpenGc: [] as number[],
    hostRss: [] as number[],
    hostPeak: [] as number[],
  };
  let chromiumVersion = '';
  let grid: Record<string, unknown> | null = null;

  for (let run = ONLY === 'grid' ? RUNS : 1; run <= RUNS; run++) {
    log(`run ${run}/${RUNS}: starting the web host and Chromium…`);
    const ws = await startWorkstation();
    try {
      chromiumVersion = ws.browser.version();
      await waitForSample(ws);
      const pid = hostPid(ws.dataDir);
      if (ONLY !== 'grid') {
        log(`run ${run}/${RUNS}: opening ${path.basename(LONG_DOC)}…`);
        const r = await openThroughChooser(ws.page, path.basename(LONG_DOC), long, LONG_PAGES, 600_000);
        if (r.page1 !== null) {
          open.page1FromChoice.push(r.page1 - r.t0);
          if (r.mounted !== null) open.page1FromPane.push(r.page1 - r.mounted);
        } else open.page1Missed++;
        if (r.firstDrawn !== null) open.firstDrawnFromChoice.push(r.firstDrawn - r.t0);
        if (r.mounted !== null) open.paneMounted.push(r.mounted - r.t0);
        if (r.firstTable !== null) open.firstTable.push(r.firstTable - r.t0);
        open.tablesListed.push(r.ready! - r.t0);
        tablesCount = r.tables;
        const own = await ws.page.getAttribute('[data-testid="pdf-viewer"]', 'data-first-page-ms');
        log(
          `  page 1: ${r.page1 === null ? 'not drawn' : `${(r.page1 - r.t0).toFixed(0)} ms`} after choosing the file (first page drawn: page ${r.firstDrawnPage}; app's own first-page figure ${own} ms after the pane mounted); ${r.tables} tables listed after ${((r.ready! - r.t0) / 1000).toFixed(1)} s`,
        );
        const heap = await jsHeap(ws.page, false);
        const heapGc = await jsHeap(ws.page, true);
        const host = hostMemory(pid);
        memory.heapAfterOpen.push(heap.used);
        memory.heapAfterOpenGc.push(heapGc.used);
        memory.hostRss.push(host.rss);
        memory.hostPeak.push(host.hwm);
      }
      if (run === RUNS && ONLY !== 'open') grid = await gridBench(ws, synthetic, pid);
    } catch (err) {
      await ws.shot(`bench-ui-failed-run-${run}`).catch(() => undefined);
      throw err;
    } finally {
      await ws.close();
    }
  }

  const result = {
    machine: {
      cores: availableParallelism(),
      cpu: cpus()[0]?.model ?? 'unknown',
      memoryGB: Math.round(totalmem() / 1e9),
      node: process.version,
      chromium: chromiumVersion,
      loadAverageStart: load0.map((x) => Number(x.toFixed(2))),
      loadAverageEnd: loadavg().map((x) => Number(x.toFixed(2))),
    },
    runs: RUNS,
    open: {
      document: path.basename(LONG_DOC),
      pages: LONG_PAGES,
      tables: tablesCount,
      page1FromChoiceMs: summarize(open.page1FromChoice),
      page1FromPaneMs: summarize(open.page1FromPane),
      page1NotDrawnRuns: open.page1Missed,
      paneMountedFromChoiceMs: summarize(open.paneMounted),
      firstPageDrawnFromChoiceMs: summarize(open.firstDrawnFromChoice),
      firstTableListedMs: summarize(open.firstTable),
      allTablesListedMs: summarize(open.tablesListed),
    } satisfies OpenFigures,
    memory: {
      rendererHeapAfterOpenMB: summarize(memory.heapAfterOpen.map(mb)),
      rendererHeapAfterOpenGcMB: summarize(memory.heapAfterOpenGc.map(mb)),
      hostRssAfterOpenMB: summarize(memory.hostRss.map(mb)),
      hostPeakRssMB: summarize(memory.hostPeak.map(mb)),
    },
    grid,
  };
  mkdirSync(path.dirname(RESULTS), { recursive: true });
  writeFileSync(RESULTS, `${JSON.stringify(result, null, 2)}\n`);
  if (JSON_OUT) console.log(JSON.stringify(result, null, 2));
  else printTable(result);
}

const mb = (bytes: number) => bytes / 1e6;

async function gridBench(
  ws: Workstation,
  synthetic: ReturnType<typeof longTablePdf>,
  pid: number | null,
): Promise<Record<string, unknown>> {
  const { page } = ws;
  log(`grid: opening a generated ${synthetic.pages}-page PDF with a ${synthetic.rows}-row table…`);
  const opened = await openThroughChooser(page, 'bench-long-table.pdf', synthetic.pdf, synthetic.pages, 600_000);
  const items = (await page
    .locator('[data-testid="table-item"]')
    .evaluateAll((els) => els.map((e) => ({ id: e.getAttribute('data-table')!, text: e.textContent ?? '' })))) as {
    id: string;
    text: string;
  }[];
  const longItem = items.find((i) => i.text.includes('支出决算表'));
  const other = items.find((i) => i !== longItem);
  if (!longItem || !other)
    throw new Error(`the generated PDF did not give the two expected tables: ${JSON.stringify(items)}`);

  const select: number[] = [];
  const selectPainted: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    await selectTable(page, other.id, 1);
    const s = await selectTable(page, longItem.id, 10);
    select.push(s.shown);
    selectPainted.push(s.painted);
  }
  log(`  grid shown ${summarize(select).median.toFixed(0)} ms after selecting the table (median)`);

  const scrolls: Record<string, unknown> = {};
  let rowsInGrid = 0;
  for (const [label, step] of [
    ['wheel', 100],
    ['page', 'page'],
  ] as const) {
    const all: number[] = [];
    let blank = 0;
    let frames = 0;
    for (let i = 0; i < RUNS; i++) {
      const r = await scrollGrid(page, step);
      all.push(...r.intervals);
      blank += r.blankFrames;
      frames += r.intervals.length;
      rowsInGrid = Math.max(rowsInGrid, r.maxRowIndex + 1);
    }
    scrolls[label] = {
      step: step === 'page' ? 'one viewport per frame' : `${step} px per frame`,
      ...frameStats(all),
      blankFrames: blank,
      passes: RUNS,
      sampledFrames: frames,
    };
  }

  // 项 rows start at grid row 3 (合计, 类, 款, then 项); column c3 is 基本支出.
  const edits: { cell: number; findings: number; undo: number; added: number }[] = [];
  for (let i = 0; i < RUNS; i++) edits.push(await editAndUndo(page, 3 + i, 3));
  const heap = await jsHeap(page, false);
  const host = hostMemory(pid);
  return {
    document: `generated ruled 支出决算表, ${synthetic.pages} pages`,
    extractedAndListedMs: opened.ready! - opened.t0,
    tableRows: synthetic.rows,
    rowsInGrid,
    selectToRowsShownMs: summarize(select),
    selectToPaintedMs: summarize(selectPainted),
    scroll: scrolls,
    editToCellMs: summarize(edits.map((e) => e.cell)),
    editToFindingsMs: summarize(edits.map((e) => e.findings)),
    findingsAddedByEdit: edits.map((e) => e.added),
    undoMs: summarize(edits.map((e) => e.undo)),
    rendererHeapMB: mb(heap.used),
    hostRssMB: mb(host.rss),
    hostPeakRssMB: mb(host.hwm),
  };
}

interface OpenFigures {
  document: string;
  pages: number;
  tables: number;
  page1FromChoiceMs: Summary;
  page1FromPaneMs: Summary;
  page1NotDrawnRuns: number;
  paneMountedFromChoiceMs: Summary;
  firstPageDrawnFromChoiceMs: Summary;
  firstTableListedMs: Summary;
  allTablesListedMs: Summary;
}

function printTable(r: {
  machine: Record<string, unknown>;
  runs: number;
  open: OpenFigures;
  memory: Record<string, Summary>;
  grid: Record<string, unknown> | null;
}): void {
  const m = r.machine;
  const f = (x: number, d = 0) => (Number.isFinite(x) ? x.toFixed(d) : '—');
  const s = (x: Summary, unit: string, d = 0) =>
    `${f(x.median, d)} ${unit}   (min ${f(x.min, d)}, max ${f(x.max, d)}, n=${x.n})`;
  const lines: [string, string][] = [];
  const o = r.open;
  if (o.allTablesListedMs.n > 0) {
    lines.push([`open ${o.document} (${o.pages} pages), cold, via the file chooser`, '']);
    lines.push(['  page 1 drawn, from choosing the file', s(o.page1FromChoiceMs, 'ms')]);
    lines.push(['  page 1 drawn, from the pane mounting', s(o.page1FromPaneMs, 'ms')]);
    if (o.page1NotDrawnRuns > 0)
      lines.push(['  runs where page 1 was not drawn before the pane moved on', String(o.page1NotDrawnRuns)]);
    lines.push(['  pane mounted (upload, open), from choosing the file', s(o.paneMountedFromChoiceMs, 'ms')]);
    lines.push(['  first page of any number drawn, from choosing the file', s(o.firstPageDrawnFromChoiceMs, 'ms')]);
    lines.push(['  first table listed', s(o.firstTableListedMs, 'ms')]);
    lines.push([`  extraction done, all ${o.tables} tables listed`, s(o.allTablesListedMs, 'ms')]);
    lines.push(['memory after open', '']);
    lines.push(['  renderer JS heap used', s(r.memory.rendererHeapAfterOpenMB!, 'MB', 1)]);
    lines.push(['  renderer JS heap used, after GC', s(r.memory.rendererHeapAfterOpenGcMB!, 'MB', 1)]);
    lines.push(['  web host RSS', s(r.memory.hostRssAfterOpenMB!, 'MB')]);
    lines.push(['  web host peak RSS (VmHWM)', s(r.memory.hostPeakRssMB!, 'MB')]);
  }
  const g = r.grid as
    | (Record<string, unknown> & {
        scroll: Record<string, ReturnType<typeof frameStats> & { step: string; blankFrames: number; passes: number }>;
      })
    | null;
  if (g) {
    lines.push([`grid: ${g.document}, ${g.tableRows} rows (${g.rowsInGrid} rows reached in the grid)`, '']);
    lines.push(['  generated PDF extracted, tables listed', `${f(g.extractedAndListedMs as number)} ms`]);
    lines.push(['  select table → rows in the DOM', s(g.selectToRowsShownMs as Summary, 'ms')]);
    lines.push(['  select table → painted', s(g.selectToPaintedMs as Summary, 'ms')]);
    for (const [k, v] of Object.entries(g.scroll)) {
      lines.push([
        `  scroll top→bottom, ${v.step} (${v.passes} passes)`,
        `${f(v.fps, 1)} fps, p95 frame ${f(v.p95, 1)} ms, longest ${f(v.longest, 1)} ms`,
      ]);
      lines.push([`    frames (> 50 ms / middle row blank)`, `${v.frames} (${v.over50} / ${v.blankFrames})`]);
      void k;
    }
    lines.push(['  edit (type amount + Enter) → cell shows it', s(g.editToCellMs as Summary, 'ms')]);
    lines.push([
      `  edit → findings panel updated (+${(g.findingsAddedByEdit as number[]).join('/')} findings)`,
      s(g.editToFindingsMs as Summary, 'ms'),
    ]);
    lines.push(['  undo → cell and findings restored', s(g.undoMs as Summary, 'ms')]);
    lines.push(['  renderer JS heap used (long table open)', `${f(g.rendererHeapMB as number, 1)} MB`]);
    lines.push(['  web host RSS / peak', `${f(g.hostRssMB as number)} MB / ${f(g.hostPeakRssMB as number)} MB`]);
  }
  const width = Math.max(...lines.map(([a]) => a.length)) + 2;
  console.log(
    `machine: ${m.cores} cores (${m.cpu}), ${m.memoryGB} GB, Node ${m.node}, Chromium ${m.chromium} headless; load average ${(m.loadAverageStart as number[]).join(' ')} at start, ${(m.loadAverageEnd as number[]).join(' ')} at end`,
  );
  console.log(`runs: ${r.runs} (median, min, max)`);
  for (const [a, b] of lines) console.log(b ? `${a.padEnd(width)}${b}` : a);
  console.log(`JSON: ${path.relative(ROOT, RESULTS)}`);
}

try {
  await main();
} catch (err) {
  console.error(`bench:ui: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
}

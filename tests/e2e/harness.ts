import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { HTTP_CALL_PREFIX } from '../../shared/api/transport';
import { fromWire, toWire } from '../../shared/api/wire';
import type { CallName } from '../../shared/api/contract';

/**
 * Starts the real web host (`main/web/serve.ts`, as `npm run serve` does) with a fresh data directory and drives
 * Debian's Chromium against it. The renderer must have been built (`npm run test:e2e` builds first).
 */
export interface Workstation {
  url: string;
  page: Page;
  browser: Browser;
  dataDir: string;
  /** Saves a full-page screenshot as test-results/<name>.png. */
  shot(name: string): Promise<string>;
  close(): Promise<void>;
}

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const RESULTS_DIR = path.join(ROOT, 'test-results');

export async function startHost(dataDir: string): Promise<{ url: string; proc: ChildProcess }> {
  const proc = spawn(process.execPath, ['bin/run-ts.mjs', 'main/web/serve.ts', '--port', '0', '--data-dir', dataDir], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  proc.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`web host did not start in 60 s: ${stderr}`)), 60_000);
    proc.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /Workstation: (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/u.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`web host exited with ${code}: ${stderr}`));
    });
  });
  return { url, proc };
}

export async function startWorkstation(
  opts: { viewport?: { width: number; height: number } } = {},
): Promise<Workstation> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'brw-e2e-'));
  const { url, proc } = await startHost(dataDir);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const context = await browser.newContext({
    viewport: opts.viewport ?? { width: 1600, height: 1000 },
    locale: 'zh-CN',
    acceptDownloads: true,
  });
  const page = await context.newPage();
  mkdirSync(RESULTS_DIR, { recursive: true });
  return {
    url,
    page,
    browser,
    dataDir,
    shot: async (name) => {
      const file = path.join(RESULTS_DIR, `${name}.png`);
      await page.screenshot({ path: file });
      return file;
    },
    close: async () => {
      await browser.close().catch(() => undefined);
      proc.kill('SIGTERM');
      await new Promise((r) => (proc.exitCode !== null ? r(null) : proc.once('exit', r)));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Calls the web host's API as the page does, with the per-run token from the workstation URL. */
export async function callApi<T>(ws: Workstation, name: CallName, args: unknown): Promise<T> {
  const u = new URL(ws.url);
  const res = await fetch(`${u.origin}${HTTP_CALL_PREFIX}${name}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${u.searchParams.get('token')}`, 'content-type': 'application/json' },
    body: toWire(args),
  });
  if (!res.ok) throw new Error(`${name}: ${res.status} ${await res.text()}`);
  return fromWire(await res.text()) as T;
}

/**
 * Opens the workstation (the bundled sample on first run) and waits until its review has loaded; on failure saves
 * `<prefix>-00-not-ready.png` and says why.
 */
export async function openSampleReview(ws: Workstation, prefix: string): Promise<void> {
  const { page } = ws;
  await page.goto(ws.url);
  try {
    await page.waitForSelector(
      '[data-testid="data-side"][data-phase="ready"], [data-testid="data-side"][data-phase="failed"]',
      { timeout: 170_000 },
    );
  } catch (err) {
    await ws.shot(`${prefix}-00-not-ready`);
    throw err;
  }
  if ((await page.locator('[data-testid="data-side"]').getAttribute('data-phase')) !== 'ready') {
    await ws.shot(`${prefix}-00-failed`);
    throw new Error(`the review did not load: ${await page.locator('[data-testid="data-side"]').textContent()}`);
  }
}

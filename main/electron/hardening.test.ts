import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import {
  ChosenPaths,
  claimSingleInstance,
  denyAllPermissions,
  guardContents,
  isAllowedExternal,
  openExternalSafely,
  pdfArgument,
  type AppLike,
  type ContentsLike,
} from './hardening';

/** A fake webContents that records its listeners so a test can fire them. */
function fakeContents() {
  const listeners = new Map<string, Array<(e: unknown, url?: string) => void>>();
  let openHandler: ((d: { url: string }) => { action: string }) | null = null;
  const contents = {
    on: (event: string, fn: (e: unknown, url?: string) => void) => {
      listeners.set(event, [...(listeners.get(event) ?? []), fn]);
      return contents;
    },
    setWindowOpenHandler: (fn: (d: { url: string }) => { action: string }) => (openHandler = fn),
  };
  /** Fires `event` as Electron 38 does (an Event with url, plus the url argument); answers whether it was prevented. */
  const fire = (event: string, url: string, legacyArgOnly = false): boolean => {
    let prevented = false;
    const e = { ...(legacyArgOnly ? {} : { url }), preventDefault: () => (prevented = true) };
    for (const fn of listeners.get(event) ?? []) fn(e, url);
    return prevented;
  };
  return { contents: contents as unknown as ContentsLike, fire, open: (url: string) => openHandler!({ url }) };
}

describe('navigation guards', () => {
  const outside = [
    'https://evil.example/',
    'http://127.0.0.1:8080/',
    'file:///etc/passwd',
    'app://evil/index.html',
    'javascript:alert(1)',
    'data:text/html,<script>1</script>',
    'not a url',
  ];

  for (const event of ['will-navigate', 'will-redirect', 'will-frame-navigate']) {
    it(`${event}: stays on the app origin`, () => {
      const { contents, fire } = fakeContents();
      guardContents(contents, { openExternal: vi.fn() });
      expect(fire(event, 'app://workstation/index.html')).toBe(false);
      expect(fire(event, 'app://workstation/assets/x.js')).toBe(false);
      for (const url of outside) expect(fire(event, url), url).toBe(true);
      // Older signatures pass the url as an argument only.
      expect(fire(event, 'https://evil.example/', true)).toBe(true);
    });
  }

  it('refuses <webview>', () => {
    const { contents, fire } = fakeContents();
    guardContents(contents, { openExternal: vi.fn() });
    expect(fire('will-attach-webview', '')).toBe(true);
  });

  it('denies every new window and opens only allow-listed links externally', async () => {
    const shell = { openExternal: vi.fn(async () => undefined) };
    const { contents, open } = fakeContents();
    guardContents(contents, shell);
    expect(open('https://budget-review.invalid/docs/start.html')).toEqual({ action: 'deny' });
    expect(open('https://evil.example/')).toEqual({ action: 'deny' });
    expect(open('app://workstation/index.html')).toEqual({ action: 'deny' });
    await Promise.resolve();
    expect(shell.openExternal).toHaveBeenCalledTimes(1);
    expect(shell.openExternal).toHaveBeenCalledWith('https://budget-review.invalid/docs/start.html');
  });
});

describe('external links', () => {
  it('allows only https URLs under the allow-list', async () => {
    expect(isAllowedExternal('https://budget-review.invalid/docs/')).toBe(true);
    expect(isAllowedExternal('https://budget-review.invalid/docs/a/b?x=1#y')).toBe(true);
    for (const url of [
      'http://budget-review.invalid/docs/',
      'https://budget-review.invalid/other',
      'https://budget-review.invalid/docs/../admin',
      'https://budget-review.invalid.evil.example/docs/',
      'https://user:pw@budget-review.invalid/docs/',
      'file:///etc/passwd',
      'smb://host/share',
      'ms-msdt:/id',
      '',
    ])
      expect(isAllowedExternal(url), url).toBe(false);
    const shell = { openExternal: vi.fn(async () => undefined) };
    expect(await openExternalSafely(shell, 'file:///bin/sh')).toBe(false);
    expect(await openExternalSafely(shell, 'https://budget-review.invalid/docs/x')).toBe(true);
    expect(shell.openExternal).toHaveBeenCalledTimes(1);
  });
});

describe('permissions', () => {
  it('denies every request and every check', () => {
    let request: ((wc: unknown, p: string, cb: (g: boolean) => void, d: unknown) => void) | null = null;
    let check: ((wc: unknown, p: string, o: string, d: unknown) => boolean) | null = null;
    let device: ((d: unknown) => boolean) | null = null;
    denyAllPermissions({
      setPermissionRequestHandler: (h) => (request = h),
      setPermissionCheckHandler: (h) => (check = h),
      setDevicePermissionHandler: (h) => (device = h),
    });
    for (const perm of ['media', 'notifications', 'geolocation', 'clipboard-read', 'hid', 'serial', 'fullscreen']) {
      const cb = vi.fn();
      request!(null, perm, cb, {});
      expect(cb).toHaveBeenCalledWith(false);
      expect(check!(null, perm, 'app://workstation', {})).toBe(false);
    }
    expect(device!({})).toBe(false);
  });
});

describe('single instance', () => {
  function fakeApp(locked: boolean) {
    let handler: ((e: unknown, argv: string[], cwd: string, data: unknown) => void) | null = null;
    const app = {
      requestSingleInstanceLock: vi.fn(() => locked),
      quit: vi.fn(),
      on: vi.fn((_e: string, fn: typeof handler) => (handler = fn)),
    };
    return { app, second: (argv: string[], cwd: string, data: unknown) => handler!({}, argv, cwd, data) };
  }
  const fakeWindow = (minimized: boolean) => ({
    isDestroyed: () => false,
    isMinimized: () => minimized,
    restore: vi.fn(),
    show: vi.fn(),
    focus: vi.fn(),
  });

  it('the second instance hands its file over and quits', () => {
    const { app } = fakeApp(false);
    const open = vi.fn();
    expect(claimSingleInstance(app as unknown as AppLike, '/docs/b.pdf', () => null, open)).toBe(false);
    expect(app.requestSingleInstanceLock).toHaveBeenCalledWith({ file: '/docs/b.pdf' });
    expect(app.quit).toHaveBeenCalled();
    expect(open).not.toHaveBeenCalled();
  });

  it('the first instance comes to the front and opens the file of the second', () => {
    const { app, second } = fakeApp(true);
    const win = fakeWindow(true);
    const open = vi.fn();
    expect(claimSingleInstance(app as unknown as AppLike, null, () => win, open)).toBe(true);
    expect(app.quit).not.toHaveBeenCalled();
    second(['/opt/app/brw', '--flag', 'b.pdf'], '/home/u', { file: '/docs/b.pdf' });
    expect(win.restore).toHaveBeenCalled();
    expect(win.focus).toHaveBeenCalled();
    expect(open).toHaveBeenLastCalledWith('/docs/b.pdf');
    // Without additional data the command line of the second instance says which file.
    second(['/opt/app/brw', '--no-sandbox', 'Reports/c.PDF'], '/home/u', null);
    expect(open).toHaveBeenLastCalledWith(path.resolve('/home/u', 'Reports/c.PDF'));
    second(['/opt/app/brw'], '/home/u', {});
    expect(open).toHaveBeenCalledTimes(2);
  });
});

describe('chosen paths', () => {
  it('records absolute paths and finds them however they are spelled', () => {
    const chosen = new ChosenPaths();
    expect(chosen.has('/a/b.pdf')).toBe(false);
    expect(chosen.add('/a/./x/../b.pdf')).toBe('/a/b.pdf');
    expect(chosen.has('/a/b.pdf')).toBe(true);
    expect(chosen.has('/a/c.pdf')).toBe(false);
    expect(pdfArgument(['--inspect', 'x.txt', 'a.pdf'], '/w')).toBe('/w/a.pdf');
    expect(pdfArgument(['--x=a.pdf'], '/w')).toBeNull();
  });
});

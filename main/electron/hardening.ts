import path from 'node:path';
import { APP_HOST, APP_SCHEME } from './security';

/**
 * The desktop app's guards, each a function of the Electron objects it configures (so unit tests drive them with
 * fakes): one instance per user, no permission ever granted, no navigation or window away from the app, external
 * links only to an allow-list, and the record of files the user chose (the only ones `document.openPath` reads).
 */

/** Links the app may open in the system browser: https, and only under these prefixes (the project's docs). */
export const EXTERNAL_ALLOW_LIST: readonly string[] = ['https://budget-review.invalid/docs/'];

/** A URL of the app itself (app://workstation/…). */
export function isAppUrl(url: string | undefined | null): boolean {
  if (!url) return false;
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
  } catch {
    return false;
  }
}

/** https, no user:password@, and under one of the allow-list's prefixes (compared after URL normalisation). */
export function isAllowedExternal(url: string, allow: readonly string[] = EXTERNAL_ALLOW_LIST): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol !== 'https:' || u.username || u.password) return false;
  return allow.some((prefix) => {
    const p = new URL(prefix);
    return u.origin === p.origin && u.pathname.startsWith(p.pathname);
  });
}

export interface ShellLike {
  openExternal(url: string): Promise<void>;
}

/** The only way the app opens a link outside itself. Answers whether it did. */
export async function openExternalSafely(shell: ShellLike, url: string): Promise<boolean> {
  if (!isAllowedExternal(url)) return false;
  await shell.openExternal(url);
  return true;
}

type PermissionCallback = (granted: boolean) => void;
export interface SessionLike {
  setPermissionRequestHandler(
    handler: ((wc: unknown, permission: string, callback: PermissionCallback, details: unknown) => void) | null,
  ): void;
  setPermissionCheckHandler(
    handler: ((wc: unknown, permission: string, origin: string, details: unknown) => boolean) | null,
  ): void;
  setDevicePermissionHandler?(handler: ((details: unknown) => boolean) | null): void;
}

/** Camera, microphone, notifications, geolocation, HID, serial, USB, clipboard reads …: the app needs none. */
export function denyAllPermissions(session: SessionLike): void {
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler?.(() => false);
}

interface NavigationEvent {
  url?: string;
  preventDefault(): void;
}
export interface ContentsLike {
  on(
    event: 'will-navigate' | 'will-redirect' | 'will-frame-navigate',
    listener: (e: NavigationEvent, url?: string) => void,
  ): unknown;
  on(event: 'will-attach-webview', listener: (e: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/**
 * Navigation of any frame, and redirects, stay on the app's origin; no window is ever opened (an allowed external
 * link goes to the system browser instead); no <webview>.
 */
export function guardContents(contents: ContentsLike, shell: ShellLike): void {
  const stayHome = (e: NavigationEvent, url?: string) => {
    if (!isAppUrl(e.url ?? url)) e.preventDefault();
  };
  contents.on('will-navigate', stayHome);
  contents.on('will-redirect', stayHome);
  contents.on('will-frame-navigate', stayHome);
  contents.on('will-attach-webview', (e) => e.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    void openExternalSafely(shell, url).catch(() => false);
    return { action: 'deny' };
  });
}

/** The PDF named on a command line (not an option), made absolute against the directory it was given in. */
export function pdfArgument(args: readonly string[], cwd: string): string | null {
  const arg = args.find((a) => !a.startsWith('-') && a.toLowerCase().endsWith('.pdf'));
  return arg ? path.resolve(cwd, arg) : null;
}

/**
 * Files the user chose: in the open dialog, on the command line or by "open with" (also of a second instance). Only
 * these (and files chosen in earlier runs, kept in the recent list) are read by `document.openPath`.
 */
export class ChosenPaths {
  #paths = new Set<string>();
  add(p: string): string {
    const abs = path.resolve(p);
    this.#paths.add(abs);
    return abs;
  }
  has(p: string): boolean {
    return this.#paths.has(path.resolve(p));
  }
}

export interface AppLike {
  requestSingleInstanceLock(additionalData?: Record<string, unknown>): boolean;
  quit(): void;
  on(
    event: 'second-instance',
    listener: (e: unknown, argv: string[], cwd: string, additionalData: unknown) => void,
  ): unknown;
}
export interface WindowLike {
  isDestroyed(): boolean;
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
}

/**
 * One instance per user (a second one would be a second writer of the same data dir): a second start hands its PDF
 * to the first — through the lock's additional data, with its command line as a fallback — and quits; the first
 * comes to the front and opens the file. Answers false in the instance that must quit.
 */
export function claimSingleInstance(
  app: AppLike,
  ownFile: string | null,
  getWindow: () => WindowLike | null,
  openFile: (file: string) => void,
): boolean {
  if (!app.requestSingleInstanceLock({ file: ownFile })) {
    app.quit();
    return false;
  }
  app.on('second-instance', (_e, argv, cwd, data) => {
    const win = getWindow();
    if (win && !win.isDestroyed()) {
      if (win.isMinimized()) win.restore();
      win.show();
      win.focus();
    }
    const given = (data as { file?: unknown } | null)?.file;
    const file = typeof given === 'string' && given ? given : pdfArgument(argv.slice(1), cwd);
    if (file) openFile(file);
  });
  return true;
}

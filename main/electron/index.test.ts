import { beforeEach, describe, expect, it, vi } from 'vitest';

/**
 * The desktop entry wired with a fake of Electron: the single-instance lock is taken before anything starts, the
 * permission handlers are installed on ready, and every web contents gets the navigation guards.
 */
const appListeners = new Map<string, (...a: unknown[]) => void>();
let ready: () => void = () => undefined;
const fake = {
  locked: true,
  app: {
    requestSingleInstanceLock: vi.fn(() => fake.locked),
    quit: vi.fn(),
    on: vi.fn((event: string, fn: (...a: unknown[]) => void) => appListeners.set(event, fn)),
    whenReady: vi.fn(() => new Promise<void>((resolve) => (ready = resolve))),
    getVersion: () => '0.0.0',
    isReady: () => false,
  },
  session: {
    defaultSession: {
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
      setDevicePermissionHandler: vi.fn(),
    },
  },
};
vi.mock('electron', () => ({
  app: fake.app,
  session: fake.session,
  shell: { openExternal: vi.fn() },
  dialog: { showErrorBox: vi.fn() },
  Menu: { setApplicationMenu: vi.fn(), buildFromTemplate: vi.fn() },
  BrowserWindow: class {
    static getAllWindows = () => [];
    webContents = { once: vi.fn() };
    once = vi.fn();
    loadURL = vi.fn(async () => undefined);
  },
  ipcMain: { handle: vi.fn() },
  protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
  net: {},
}));
const services = vi.hoisted(() => ({ createDefaultServices: vi.fn(async () => ({})) }));
vi.mock('../services/default', () => services);
vi.mock('../review/data-dir', () => ({ resolveDataDir: () => '/nonexistent/brw-test' }));

describe('desktop entry', () => {
  beforeEach(() => {
    vi.resetModules();
    appListeners.clear();
  });

  it('takes the single-instance lock at start, then denies permissions and guards every web contents', async () => {
    fake.locked = true;
    await import('./index');
    expect(fake.app.requestSingleInstanceLock).toHaveBeenCalled();
    expect(fake.app.quit).not.toHaveBeenCalled();
    expect(appListeners.has('second-instance')).toBe(true);
    ready();
    await vi.waitFor(() => expect(services.createDefaultServices).toHaveBeenCalled());
    expect(fake.session.defaultSession.setPermissionCheckHandler).toHaveBeenCalled();
    expect(fake.session.defaultSession.setPermissionRequestHandler).toHaveBeenCalled();
    // The services read by path only what the user chose.
    const opts = (
      services.createDefaultServices.mock.calls[0] as unknown as [{ pathAllowed: (p: string) => boolean }]
    )[0];
    expect(opts.pathAllowed('/etc/passwd')).toBe(false);
    const contents = { on: vi.fn(), setWindowOpenHandler: vi.fn() };
    appListeners.get('web-contents-created')!({}, contents);
    expect(contents.on.mock.calls.map((c) => c[0])).toEqual(
      expect.arrayContaining(['will-navigate', 'will-redirect', 'will-frame-navigate', 'will-attach-webview']),
    );
    expect(contents.setWindowOpenHandler).toHaveBeenCalled();
  });

  it('a second instance quits without starting anything', async () => {
    fake.locked = false;
    services.createDefaultServices.mockClear();
    fake.app.whenReady.mockClear();
    await import('./index');
    expect(fake.app.quit).toHaveBeenCalled();
    expect(fake.app.whenReady).not.toHaveBeenCalled();
  });

  it('says why and quits when the services cannot start (the data dir in use by another process)', async () => {
    fake.locked = true;
    fake.app.quit.mockClear();
    services.createDefaultServices.mockRejectedValueOnce(
      new Error('数据目录正被另一个进程使用 (pid 42) / data dir in use by process 42'),
    );
    const electron = await import('electron');
    await import('./index');
    ready();
    await vi.waitFor(() => expect(fake.app.quit).toHaveBeenCalled());
    expect(electron.dialog.showErrorBox).toHaveBeenCalledWith(
      expect.any(String),
      expect.stringContaining('data dir in use by process 42'),
    );
  });
});

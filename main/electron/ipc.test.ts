import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Handlers } from '../../shared/api';

const registered = new Map<string, (...a: unknown[]) => Promise<unknown>>();
vi.mock('electron', () => ({
  ipcMain: { handle: (ch: string, fn: (...a: unknown[]) => Promise<unknown>) => registered.set(ch, fn) },
}));

const { registerIpc } = await import('./ipc');

const appInfo = { name: 'n', version: '1', transport: 'electron', dataDir: '/d', sampleAvailable: true };
const handlers = { 'app.info': vi.fn(async () => appInfo) } as unknown as Handlers;
const webContents = { send: vi.fn() };
const win = { webContents, isDestroyed: () => false };

function invoke(sender: unknown, frameUrl: string, name: unknown, args: unknown) {
  const fn = registered.get('api:call')!;
  return fn({ sender, senderFrame: { url: frameUrl } }, name, args);
}

describe('IPC transport', () => {
  beforeEach(() => {
    registered.clear();
    registerIpc(handlers, () => win as never);
  });

  it('answers the main window of the app origin', async () => {
    await expect(invoke(webContents, 'app://workstation/index.html', 'app.info', {})).resolves.toEqual(appInfo);
  });

  it('refuses another sender, even with a valid call', async () => {
    await expect(invoke({}, 'app://workstation/index.html', 'app.info', {})).rejects.toThrow(/forbidden_sender/);
  });

  it('refuses a frame that navigated elsewhere', async () => {
    await expect(invoke(webContents, 'https://example.com/', 'app.info', {})).rejects.toThrow(/forbidden_sender/);
  });

  it('refuses unknown calls and invalid arguments before any handler runs', async () => {
    await expect(invoke(webContents, 'app://workstation/', 'fs.read', {})).rejects.toThrow(/unknown_call/);
    await expect(invoke(webContents, 'app://workstation/', 'document.openPath', { path: 42 })).rejects.toThrow(
      /bad_args/,
    );
  });
});

import { app, BrowserWindow, dialog, Menu, session, shell } from 'electron';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFile } from 'node:fs/promises';
import { ApiError, type Handlers } from '../../shared/api';
import { createDefaultServices } from '../services/default';
import { resolveDataDir } from '../review/data-dir';
import { registerAppScheme, serveRenderer } from './protocol';
import { registerIpc, emitTo } from './ipc';
import { APP_ORIGIN, secureWindowOptions } from './security';
import { buildMenu } from './menu';

registerAppScheme();

// The main bundle is an ES module: no __dirname.
const here = path.dirname(fileURLToPath(import.meta.url));

let mainWindow: BrowserWindow | null = null;

function createWindow(): BrowserWindow {
  const win = new BrowserWindow(secureWindowOptions(path.join(here, '../preload/index.cjs')));
  win.once('ready-to-show', () => win.show());
  // No navigation away from the app and no new windows: links to the outside open in the system browser.
  win.webContents.on('will-navigate', (e, url) => {
    if (!url.startsWith(APP_ORIGIN)) e.preventDefault();
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https?:\/\//u.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}

function withDialogs(handlers: Handlers): Handlers {
  return {
    ...handlers,
    'document.pick': async (_args, ctx) => {
      const win = mainWindow;
      const options = {
        title: '打开 PDF / Open PDF',
        properties: ['openFile' as const],
        filters: [{ name: 'PDF', extensions: ['pdf'] }],
      };
      const res = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      const file = res.filePaths[0];
      if (res.canceled || !file) return null;
      return handlers['document.openPath']({ path: file }, ctx);
    },
    'export.save': async ({ docId, format }, ctx) => {
      const built = await handlers['export.build']({ docId, format }, ctx);
      const options = { defaultPath: built.name, filters: [{ name: format.toUpperCase(), extensions: [format] }] };
      const res = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
      if (res.canceled || !res.filePath) return null;
      try {
        await writeFile(res.filePath, built.bytes);
      } catch (err) {
        throw new ApiError('write_failed', `无法写入 / Cannot write ${res.filePath}: ${(err as Error).message}`);
      }
      return res.filePath;
    },
  };
}

void app.whenReady().then(async () => {
  // Deny every permission request (camera, notifications, …): the app needs none.
  session.defaultSession.setPermissionRequestHandler((_wc, _perm, cb) => cb(false));
  serveRenderer(path.join(here, '../renderer'));
  const handlers = withDialogs(
    await createDefaultServices({ dataDir: resolveDataDir(), transport: 'electron', version: app.getVersion() }),
  );
  registerIpc(handlers, () => mainWindow);
  mainWindow = createWindow();
  Menu.setApplicationMenu(
    buildMenu({
      open: async () => {
        if (!mainWindow) return;
        const info = await handlers['document.pick']({}, { emit: () => undefined });
        if (info) emitTo(mainWindow, 'document.opened', info);
      },
      sample: async () => {
        if (!mainWindow) return;
        emitTo(mainWindow, 'document.opened', await handlers['document.openSample']({}, { emit: () => undefined }));
      },
    }),
  );
  // A PDF given on the command line opens at start.
  const arg = process.argv.slice(1).find((a) => a.toLowerCase().endsWith('.pdf'));
  if (arg) {
    mainWindow.webContents.once('did-finish-load', () => {
      void handlers['document.openPath']({ path: path.resolve(arg) }, { emit: () => undefined }).then((info) => {
        if (mainWindow) emitTo(mainWindow, 'document.opened', info);
      });
    });
  }
});

app.on('web-contents-created', (_e, contents) => {
  contents.on('will-attach-webview', (e) => e.preventDefault());
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

app.on('activate', () => {
  if (BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow();
});

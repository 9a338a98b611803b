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
import { ChosenPaths, claimSingleInstance, denyAllPermissions, guardContents, pdfArgument } from './hardening';

registerAppScheme();

// The main bundle is an ES module: no __dirname.
const here = path.dirname(fileURLToPath(import.meta.url));

let mainWindow: BrowserWindow | null = null;
/** Files the user chose (dialog, command line, "open with", a second instance): the only ones openPath reads. */
const chosen = new ChosenPaths();
/** Files to open once the window and the services are up. */
let openFile: (file: string) => void = (file) => pending.push(file);
const pending: string[] = [];

// A PDF given on the command line opens at start (or in the instance already running).
const startFile = pdfArgument(process.argv.slice(1), process.cwd());
const primary = claimSingleInstance(
  app,
  startFile,
  () => mainWindow,
  (file) => openFile(file),
);
if (startFile && primary) openFile(startFile);

// macOS hands files opened from Finder / the Dock to the running app.
app.on('open-file', (e, file) => {
  e.preventDefault();
  openFile(file);
});

function createWindow(): BrowserWindow {
  const win = new BrowserWindow(secureWindowOptions(path.join(here, '../preload/index.cjs')));
  win.once('ready-to-show', () => win.show());
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
      return handlers['document.openPath']({ path: chosen.add(file) }, ctx);
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

if (primary) {
  void app.whenReady().then(async () => {
    // No permission is ever granted (camera, notifications, …): the app needs none.
    denyAllPermissions(session.defaultSession);
    serveRenderer(path.join(here, '../renderer'));
    let services: Awaited<ReturnType<typeof createDefaultServices>>;
    try {
      services = await createDefaultServices({
        dataDir: resolveDataDir(),
        transport: 'electron',
        version: app.getVersion(),
        pathAllowed: (p) => chosen.has(p),
      });
    } catch (err) {
      // The data dir held by another process (a web host on the same data), or unreadable: say so and stop, rather
      // than leave an unhandled rejection and a window that can do nothing.
      dialog.showErrorBox('预决算审阅台 Budget Review Workstation', (err as Error).message ?? String(err));
      app.quit();
      return;
    }
    const handlers = withDialogs(services);
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
    const win = mainWindow;
    let loaded = false;
    const open = (file: string) => {
      void handlers['document.openPath']({ path: chosen.add(file) }, { emit: () => undefined }).then(
        (info) => {
          if (mainWindow) emitTo(mainWindow, 'document.opened', info);
        },
        (err: unknown) => {
          if (mainWindow)
            void dialog.showMessageBox(mainWindow, { type: 'error', message: (err as Error).message ?? String(err) });
        },
      );
    };
    win.webContents.once('did-finish-load', () => {
      loaded = true;
      for (const file of pending.splice(0)) open(file);
    });
    openFile = (file) => (loaded ? open(file) : pending.push(file));
  });
}

// Every web contents (the window, and anything it might create) stays on the app's origin.
app.on('web-contents-created', (_e, contents) => guardContents(contents, shell));

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

app.on('activate', () => {
  if (primary && app.isReady() && BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow();
});

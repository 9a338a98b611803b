import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import {
  IPC_CALL,
  IPC_EVENT,
  events,
  isCallName,
  type EventName,
  type EventPayload,
  type Handlers,
} from '../../shared/api';
import { dispatchCall } from '../services/dispatch';
import { isTrustedSenderUrl } from './security';

/**
 * Electron's transport of the contract: one invoke channel, arguments validated by the shared dispatcher, and the
 * sender checked on every call — only the main window's own frame, loaded from the app origin, may call.
 */
export function registerIpc(handlers: Handlers, getWindow: () => BrowserWindow | null): void {
  const emit = <K extends EventName>(name: K, payload: EventPayload<K>): void => {
    const win = getWindow();
    const checked = events[name].safeParse(payload);
    if (win && !win.isDestroyed() && checked.success) win.webContents.send(IPC_EVENT, name, checked.data);
  };

  ipcMain.handle(IPC_CALL, async (event: IpcMainInvokeEvent, name: unknown, args: unknown) => {
    const win = getWindow();
    if (!win || event.sender !== win.webContents || !isTrustedSenderUrl(event.senderFrame?.url)) {
      throw new Error(JSON.stringify({ code: 'forbidden_sender', message: 'Call refused: unknown sender.' }));
    }
    if (typeof name !== 'string' || !isCallName(name)) {
      throw new Error(JSON.stringify({ code: 'unknown_call', message: `No such call: ${String(name)}` }));
    }
    const outcome = await dispatchCall(handlers, name, args, { emit });
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.error));
    return outcome.result;
  });
}

export function emitTo<K extends EventName>(win: BrowserWindow, name: K, payload: EventPayload<K>): void {
  win.webContents.send(IPC_EVENT, name, payload);
}

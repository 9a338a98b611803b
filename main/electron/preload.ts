import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_CALL, IPC_EVENT, type PreloadBridge } from '../../shared/api/transport';

/**
 * Sandboxed preload: exposes exactly the typed API's two verbs and nothing of Electron or Node. Arguments are
 * validated in the main process (the renderer is not trusted); the bridge only moves them.
 */
const bridge: PreloadBridge = {
  call: (name, args) => ipcRenderer.invoke(IPC_CALL, name, args),
  on: (name, listener) => {
    const wrapped = (_e: IpcRendererEvent, eventName: string, payload: unknown) => {
      if (eventName === name) listener(payload);
    };
    ipcRenderer.on(IPC_EVENT, wrapped);
    return () => ipcRenderer.removeListener(IPC_EVENT, wrapped);
  },
};

contextBridge.exposeInMainWorld('budgetReview', bridge);

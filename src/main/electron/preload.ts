import { contextBridge, ipcRenderer, type IpcRendererEvent } from "electron";
import { IPC_CHANNELS, type LabApi } from "../../shared/api";
import type { EventBatch } from "../../shared/events";

/** The one object the page gets: typed from the contract, never raw ipcRenderer. */
const api: LabApi = {
  call: (name, input) => ipcRenderer.invoke(IPC_CHANNELS.call, name, input),
  onEvents: (listener) => {
    const handler = (_event: IpcRendererEvent, batch: EventBatch): void => listener(batch);
    ipcRenderer.on(IPC_CHANNELS.events, handler);
    return () => ipcRenderer.off(IPC_CHANNELS.events, handler);
  },
};

contextBridge.exposeInMainWorld("socketLab", api);

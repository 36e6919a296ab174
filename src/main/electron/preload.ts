import { contextBridge, ipcRenderer, type IpcRendererEvent } from "electron";
import { IPC_CHANNELS, type DesktopApi, type MenuCommand } from "../../shared/api";
import type { EventBatch } from "../../shared/events";

function subscribe<T>(channel: string, listener: (value: T) => void): () => void {
  const handler = (_event: IpcRendererEvent, value: T): void => listener(value);
  ipcRenderer.on(channel, handler);
  return () => ipcRenderer.off(channel, handler);
}

/** The one object the page gets: typed from the contract, never raw ipcRenderer. */
const api: DesktopApi = {
  call: (name, input) => ipcRenderer.invoke(IPC_CHANNELS.call, name, input),
  onEvents: (listener) => subscribe<EventBatch>(IPC_CHANNELS.events, listener),
  onMenu: (listener) => subscribe<MenuCommand>(IPC_CHANNELS.menu, listener),
  setPreferences: (preferences) => ipcRenderer.send(IPC_CHANNELS.preferences, preferences),
};

contextBridge.exposeInMainWorld("socketLab", api);

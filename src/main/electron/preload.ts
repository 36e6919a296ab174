import { contextBridge, ipcRenderer, type IpcRendererEvent } from "electron";
import { IPC_CHANNELS, type DesktopApi, type MenuCommand } from "../../shared/api";
import type { EventBatch } from "../../shared/events";

function subscribe<T>(channel: string, listener: (value: T) => void): () => void {
  const handler = (_event: IpcRendererEvent, value: T): void => listener(value);
  ipcRenderer.on(channel, handler);
  return () => ipcRenderer.off(channel, handler);
}

// One receiver for the page's whole life: every batch is acknowledged once it has been handed on,
// whether or not anyone listens yet, so the Lab's flow control never waits on a page that has not subscribed.
const eventListeners = new Set<(batch: EventBatch) => void>();
ipcRenderer.on(IPC_CHANNELS.events, (_event: IpcRendererEvent, batch: EventBatch) => {
  try {
    for (const listener of eventListeners) listener(batch);
  } finally {
    ipcRenderer.send(IPC_CHANNELS.ack, batch.id);
  }
});

/** The one object the page gets: typed from the contract, never raw ipcRenderer. */
const api: DesktopApi = {
  call: (name, input) => ipcRenderer.invoke(IPC_CHANNELS.call, name, input),
  onEvents: (listener) => {
    eventListeners.add(listener);
    return () => eventListeners.delete(listener);
  },
  onMenu: (listener) => subscribe<MenuCommand>(IPC_CHANNELS.menu, listener),
  setPreferences: (preferences) => ipcRenderer.send(IPC_CHANNELS.preferences, preferences),
};

contextBridge.exposeInMainWorld("socketLab", api);

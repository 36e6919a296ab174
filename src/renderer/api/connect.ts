import type { LabApi } from "../../shared/api";
import type { LabClient } from "./client";
import { ipcClient } from "./ipc-transport";
import { websocketClient } from "./ws-transport";

declare global {
  interface Window {
    /** Set by the Electron preload; absent in browser mode. */
    readonly socketLab?: LabApi;
  }
}

export function connectToLab(): LabClient {
  return window.socketLab ? ipcClient(window.socketLab) : websocketClient(window.location);
}

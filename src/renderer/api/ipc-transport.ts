import type { LabApi } from "../../shared/api";
import type { LabClient } from "./client";

/** Electron: the preload's `window.socketLab`; the channel is up as long as the window is. */
export function ipcClient(api: LabApi): LabClient {
  return {
    transport: "ipc",
    call: (name, input) => api.call(name, input),
    onEvents: (listener) => api.onEvents(listener),
    onStatus: (listener) => {
      listener("open");
      return () => {};
    },
  };
}

import { ipcMain, type WebContents } from "electron";
import type { Preferences } from "../../shared/preferences";
import type { LabService } from "../bridge/lab-service";
import { connectIpc } from "./ipc-channels";

/** The one file that touches ipcMain; what it does is in ipc-channels.ts, where tests can reach it. */
export function setupIpc(service: LabService, contents: WebContents, onPreferences: (preferences: Preferences) => void): () => void {
  return connectIpc(ipcMain, service, contents, onPreferences);
}

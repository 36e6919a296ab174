import { ipcMain, type IpcMainEvent, type WebContents } from "electron";
import { IPC_CHANNELS } from "../../shared/api";
import { preferencesSchema, type Preferences } from "../../shared/preferences";
import { invalidArgument } from "../../shared/errors";
import { EventBatcher } from "../bridge/batcher";
import { dispatch } from "../bridge/dispatch";
import type { Lab } from "../lab/lab";
import { isTrustedSender } from "./trusted-sender";

/** The one file that touches ipcMain: commands in, event batches out, and the page's preferences for the shell. */
export function setupIpc(lab: Lab, contents: WebContents, onPreferences: (preferences: Preferences) => void): () => void {
  const batcher = new EventBatcher((events) => {
    if (!contents.isDestroyed()) contents.send(IPC_CHANNELS.events, { events });
  });
  const unsubscribe = lab.events.subscribe(batcher.push);
  ipcMain.handle(IPC_CHANNELS.call, async (event, name: unknown, input: unknown) => {
    if (!isTrustedSender(event.senderFrame)) return { ok: false, error: invalidArgument("untrusted sender") };
    const reply = await dispatch(lab, name, input);
    batcher.drain();
    return reply;
  });
  const preferences = (event: IpcMainEvent, value: unknown): void => {
    // A message from elsewhere, or a language the menu has no words for, changes nothing.
    if (!isTrustedSender(event.senderFrame)) return;
    const parsed = preferencesSchema.safeParse(value);
    if (parsed.success) onPreferences(parsed.data);
  };
  ipcMain.on(IPC_CHANNELS.preferences, preferences);
  return () => {
    ipcMain.removeHandler(IPC_CHANNELS.call);
    ipcMain.off(IPC_CHANNELS.preferences, preferences);
    unsubscribe();
    batcher.stop();
  };
}

import { ipcMain, type IpcMainEvent, type WebContents } from "electron";
import { z } from "zod";
import { IPC_CHANNELS } from "../../shared/api";
import { LANGUAGES, type Language } from "../../shared/languages";
import { invalidArgument } from "../../shared/errors";
import { EventBatcher } from "../bridge/batcher";
import { dispatch } from "../bridge/dispatch";
import type { Lab } from "../lab/lab";
import { isTrustedSender } from "./trusted-sender";

const languageSchema = z.enum(LANGUAGES);

/** The one file that touches ipcMain: commands in, event batches out, and the page's language for the menu. */
export function setupIpc(lab: Lab, contents: WebContents, onLanguage: (language: Language) => void): () => void {
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
  const language = (event: IpcMainEvent, value: unknown): void => {
    // A message from elsewhere, or a language the menu has no words for, changes nothing.
    if (!isTrustedSender(event.senderFrame)) return;
    const parsed = languageSchema.safeParse(value);
    if (parsed.success) onLanguage(parsed.data);
  };
  ipcMain.on(IPC_CHANNELS.language, language);
  return () => {
    ipcMain.removeHandler(IPC_CHANNELS.call);
    ipcMain.off(IPC_CHANNELS.language, language);
    unsubscribe();
    batcher.stop();
  };
}

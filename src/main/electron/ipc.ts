import { ipcMain, type WebContents } from "electron";
import { IPC_CHANNELS } from "../../shared/api";
import { invalidArgument } from "../../shared/errors";
import { EventBatcher } from "../bridge/batcher";
import { dispatch } from "../bridge/dispatch";
import type { Lab } from "../lab/lab";
import { isTrustedSender } from "./trusted-sender";

/** The one file that touches ipcMain: commands in, event batches out. */
export function setupIpc(lab: Lab, contents: WebContents): () => void {
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
  return () => {
    ipcMain.removeHandler(IPC_CHANNELS.call);
    unsubscribe();
    batcher.stop();
  };
}

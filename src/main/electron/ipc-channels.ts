import type { IpcMainEvent, IpcMainInvokeEvent, WebContents } from "electron";
import { IPC_CHANNELS } from "../../shared/api";
import { invalidArgument } from "../../shared/errors";
import { preferencesSchema, type Preferences } from "../../shared/preferences";
import { ClientSession } from "../bridge/client-session";
import type { LabService } from "../bridge/lab-service";
import { isTrustedSender } from "./trusted-sender";

/** The part of ipcMain this file uses, so it runs under test with a fake (Electron itself cannot run there). */
export interface IpcMainLike {
  handle(channel: string, listener: (event: Pick<IpcMainInvokeEvent, "senderFrame">, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
  on(channel: string, listener: (event: Pick<IpcMainEvent, "senderFrame">, ...args: unknown[]) => void): void;
  off(channel: string, listener: (event: Pick<IpcMainEvent, "senderFrame">, ...args: unknown[]) => void): void;
}

/** The part of a window's WebContents this file uses. */
export type ContentsLike = Pick<WebContents, "send" | "isDestroyed" | "on" | "off">;

/**
 * Commands in, event batches out, acknowledgements and the page's
 * preferences: every message is checked for its sender (the app's own page,
 * top frame) before anything else. Each page load is one ClientSession, as
 * a WebSocket is in browser mode: a reload, a navigation or a crashed
 * renderer ends the old page's blocked calls, watchers, lessons and repeats.
 */
export function connectIpc(ipc: IpcMainLike, service: LabService, contents: ContentsLike, onPreferences: (preferences: Preferences) => void): () => void {
  const open = (): ClientSession =>
    new ClientSession(service, (batch) => {
      if (!contents.isDestroyed()) contents.send(IPC_CHANNELS.events, batch);
    });
  let session = open();
  const renew = (): void => {
    session.close();
    session = open();
  };
  const onNavigation = (details: { isMainFrame: boolean; isSameDocument: boolean }): void => {
    if (details.isMainFrame && !details.isSameDocument) renew();
  };
  contents.on("did-start-navigation", onNavigation);
  contents.on("render-process-gone", renew);

  ipc.handle(IPC_CHANNELS.call, async (event, name, input) => {
    if (!isTrustedSender(event.senderFrame)) return { ok: false, error: invalidArgument("untrusted sender") };
    return session.call(name, input);
  });
  const ack = (event: Pick<IpcMainEvent, "senderFrame">, id: unknown): void => {
    if (isTrustedSender(event.senderFrame) && typeof id === "number") session.ack(id);
  };
  const preferences = (event: Pick<IpcMainEvent, "senderFrame">, value: unknown): void => {
    // A message from elsewhere, or a language the menu has no words for, changes nothing.
    if (!isTrustedSender(event.senderFrame)) return;
    const parsed = preferencesSchema.safeParse(value);
    if (parsed.success) onPreferences(parsed.data);
  };
  ipc.on(IPC_CHANNELS.ack, ack);
  ipc.on(IPC_CHANNELS.preferences, preferences);
  return () => {
    ipc.removeHandler(IPC_CHANNELS.call);
    ipc.off(IPC_CHANNELS.ack, ack);
    ipc.off(IPC_CHANNELS.preferences, preferences);
    contents.off("did-start-navigation", onNavigation);
    contents.off("render-process-gone", renew);
    session.close();
  };
}

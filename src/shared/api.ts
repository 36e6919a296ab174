import type { CommandInput, CommandName, CommandResult, Reply } from "./contract";
import type { EventBatch } from "./events";
import type { Language, Preferences, Theme } from "./preferences";

/**
 * What the renderer can do with the Lab, whichever transport carries it.
 * The Electron preload exposes exactly this object as `window.socketLab`.
 */
export interface LabApi {
  call<N extends CommandName>(name: N, input: CommandInput<N>): Promise<Reply<CommandResult<N>>>;
  /** Subscribes to event batches; returns the function that unsubscribes. */
  onEvents(listener: (batch: EventBatch) => void): () => void;
}

/** What the desktop menu asks the page to do (the page owns these views). */
export type MenuCommand =
  | { readonly kind: "open-scenario"; readonly name: string; readonly text: string }
  | { readonly kind: "save-scenario" }
  | { readonly kind: "export-log" }
  | { readonly kind: "language"; readonly language: Language }
  | { readonly kind: "theme"; readonly theme: Theme }
  | { readonly kind: "presenter" }
  | { readonly kind: "new-socket" }
  | { readonly kind: "lessons" }
  | { readonly kind: "hosts" }
  | { readonly kind: "share" }
  | { readonly kind: "about" };

/** The Electron preload's object: the Lab, plus the desktop menu's commands. */
export interface DesktopApi extends LabApi {
  onMenu(listener: (command: MenuCommand) => void): () => void;
  /** The page's language and theme, so the desktop menu speaks the one and the native parts wear the other. */
  setPreferences(preferences: Preferences): void;
}

/** Fixed IPC channel names; socket ids travel in the payload. */
export const IPC_CHANNELS = {
  call: "socket-lab:call",
  events: "socket-lab:events",
  /** The page applied an event batch (by its id): flow control, as over the WebSocket. */
  ack: "socket-lab:ack",
  menu: "socket-lab:menu",
  preferences: "socket-lab:preferences",
} as const;

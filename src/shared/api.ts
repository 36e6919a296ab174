import type { CommandInput, CommandName, CommandResult, Reply } from "./contract";
import type { EventBatch } from "./events";

/**
 * What the renderer can do with the Lab, whichever transport carries it.
 * The Electron preload exposes exactly this object as `window.socketLab`.
 */
export interface LabApi {
  call<N extends CommandName>(name: N, input: CommandInput<N>): Promise<Reply<CommandResult<N>>>;
  /** Subscribes to event batches; returns the function that unsubscribes. */
  onEvents(listener: (batch: EventBatch) => void): () => void;
}

/** Fixed IPC channel names; socket ids travel in the payload. */
export const IPC_CHANNELS = {
  call: "socket-lab:call",
  events: "socket-lab:events",
} as const;

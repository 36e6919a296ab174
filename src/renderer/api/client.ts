import type { LabApi } from "../../shared/api";

export type ConnectionStatus = "connecting" | "open" | "closed";

/** The renderer's one way to reach the Lab, whichever transport carries it. */
export interface LabClient extends LabApi {
  readonly transport: "ipc" | "websocket";
  onStatus(listener: (status: ConnectionStatus) => void): () => void;
}

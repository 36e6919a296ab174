import type { StateCreator } from "zustand";
import type { SocketSnapshot, TcpState } from "../../shared/socket-model";
import type { LabState } from "./store";

export interface SocketsSlice {
  readonly sockets: ReadonlyMap<number, SocketSnapshot>;
  /** The state each socket left in its last transition, to show "ESTABLISHED → CLOSE_WAIT". */
  readonly previousState: ReadonlyMap<number, TcpState>;
}

export const createSocketsSlice: StateCreator<LabState, [], [], SocketsSlice> = () => ({
  sockets: new Map(),
  previousState: new Map(),
});

import type { StateCreator } from "zustand";
import type { SocketSnapshot } from "../../shared/socket-model";
import type { LabState } from "./store";

export interface SocketsSlice {
  readonly sockets: ReadonlyMap<number, SocketSnapshot>;
}

export const createSocketsSlice: StateCreator<LabState, [], [], SocketsSlice> = () => ({
  sockets: new Map(),
});

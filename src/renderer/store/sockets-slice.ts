import type { StateCreator } from "zustand";
import type { SocketSnapshot, TcpState } from "../../shared/socket-model";
import type { EventReducer, LabState } from "./state/lab-state";
import type { ClosedSocket, SocketsSlice } from "./state/sockets";
import { advance, type KernelHistory } from "./kernel-history";

/** How many closed sockets the list keeps showing (the newest). */
export const CLOSED_SHOWN = 6;

export const createSocketsSlice: StateCreator<LabState, [], [], SocketsSlice> = () => ({
  sockets: new Map(),
  previousState: new Map(),
  closedSockets: new Map(),
  kernelHistory: new Map(),
  engine: null,
});

/** Moves a closed socket's last snapshot to `closedSockets`; a reused fd takes it off again. */
export const closedReducer: EventReducer = (events, state) => {
  let closed: Map<number, ClosedSocket> | null = null;
  // Snapshots seen in this batch: a socket may be created and closed in one.
  const latest = new Map<number, SocketSnapshot>();
  for (const event of events) {
    if (event.type === "created" || event.type === "state") {
      latest.set(event.fd, event.socket);
      if (event.type === "created" && (closed ?? state.closedSockets).has(event.fd)) {
        closed ??= new Map(state.closedSockets);
        closed.delete(event.fd);
      }
    } else if (event.type === "closed") {
      const socket = latest.get(event.fd) ?? state.sockets.get(event.fd);
      if (!socket) continue;
      closed ??= new Map(state.closedSockets);
      closed.delete(event.fd);
      closed.set(event.fd, { socket, t: event.t });
    }
  }
  if (!closed) return null;
  // Insertion order is close order: the oldest go first.
  for (const fd of [...closed.keys()].slice(0, Math.max(0, closed.size - CLOSED_SHOWN))) closed.delete(fd);
  return { closedSockets: closed };
};

/** The open sockets' table and the state each left, from created, state and closed events; closing the selected socket deselects it. */
export const socketsReducer: EventReducer = (events, state) => {
  // Copied on the first change only: a batch of data events leaves the socket table (and its views) alone.
  let sockets: Map<number, SocketSnapshot> | null = null;
  let previousState: Map<number, TcpState> | null = null;
  let selectedFd = state.selectedFd;
  for (const event of events) {
    if (event.type !== "created" && event.type !== "state" && event.type !== "closed") continue;
    sockets ??= new Map(state.sockets);
    previousState ??= new Map(state.previousState);
    const before = sockets.get(event.fd);
    if (event.type === "created") {
      sockets.set(event.fd, event.socket);
      previousState.delete(event.fd);
    } else if (event.type === "state") {
      sockets.set(event.fd, event.socket);
      if (before && before.state !== event.socket.state) previousState.set(event.fd, before.state);
    } else {
      sockets.delete(event.fd);
      previousState.delete(event.fd);
      if (selectedFd === event.fd) selectedFd = null;
    }
  }
  if (!sockets || !previousState) return null;
  return { sockets, previousState, ...(selectedFd !== state.selectedFd ? { selectedFd } : {}) };
};

/** The kernel states each socket went through (kernel-history.ts): follows created, state and closed events; a created fd (new, or reused) starts a history of its own. */
export const kernelHistoryReducer: EventReducer = (events, state) => {
  let histories: Map<number, KernelHistory> | null = null;
  const write = () => (histories ??= new Map(state.kernelHistory));
  for (const event of events) {
    if (event.type === "created") {
      const kernel = event.socket.kernel;
      if (kernel) write().set(event.fd, advance(undefined, kernel.state, event.t));
      else if ((histories ?? state.kernelHistory).has(event.fd)) write().delete(event.fd);
    } else if (event.type === "state") {
      const kernel = event.socket.kernel;
      if (!kernel) continue;
      const before = (histories ?? state.kernelHistory).get(event.fd);
      const after = advance(before, kernel.state, event.t);
      if (after !== before) write().set(event.fd, after);
    } else if (event.type === "closed" && (histories ?? state.kernelHistory).has(event.fd)) {
      write().delete(event.fd);
    }
  }
  return histories ? { kernelHistory: histories } : null;
};

import type { StateCreator } from "zustand";
import type { EngineName, SocketSnapshot, TcpState } from "../../shared/socket-model";
import type { EventReducer } from "./event-reducers";
import type { KernelHistory } from "./kernel-history";
import type { LabState } from "./store";

/** How many closed sockets the list keeps showing (the newest). */
export const CLOSED_SHOWN = 6;

export interface ClosedSocket {
  /** The socket as it last was before close(). */
  readonly socket: SocketSnapshot;
  /** Lab µs of the close. */
  readonly t: number;
}

/** What runs the Lab's sockets, as its snapshot says; `fallback` is why the portable engine runs where the kernel one was wanted. */
export interface EngineInfo {
  readonly name: EngineName;
  readonly fallback: string | null;
}

export interface SocketsSlice {
  readonly sockets: ReadonlyMap<number, SocketSnapshot>;
  /** The state each socket left in its last transition, to show "ESTABLISHED → CLOSE_WAIT". */
  readonly previousState: ReadonlyMap<number, TcpState>;
  /** Recently closed sockets, by fd, until their fd is reused: the list shows them dimmed. */
  readonly closedSockets: ReadonlyMap<number, ClosedSocket>;
  /** The kernel's states each open socket went through (kernel engine), by fd. */
  readonly kernelHistory: ReadonlyMap<number, KernelHistory>;
  /** Null until the first snapshot. */
  readonly engine: EngineInfo | null;
}

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

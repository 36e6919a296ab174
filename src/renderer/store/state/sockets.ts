import type { EngineName, SocketSnapshot, TcpState } from "../../../shared/socket-model";
import type { KernelHistory } from "../kernel-history";

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

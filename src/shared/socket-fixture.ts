import type { SocketSnapshot } from "./socket-model";

/** A socket as the Lab reports it, for tests: a fresh TCP socket unless `patch` says otherwise. */
export function socketSnapshot(patch: Partial<SocketSnapshot> = {}): SocketSnapshot {
  return {
    fd: 3,
    family: "AF_INET",
    type: "SOCK_STREAM",
    state: "CLOSE",
    local: null,
    remote: null,
    parent: null,
    auto: { accept: false, recv: false, echo: false, reply: null },
    shut: { rd: false, wr: false },
    peerFin: false,
    ended: null,
    recvQueue: { used: 0, capacity: 131072 },
    sendQueue: { used: 0, capacity: 16384 },
    acceptQueue: { used: 0, capacity: 0 },
    revents: 0,
    timeout: null,
    blocked: null,
    idleClose: null,
    drops: 0,
    framing: null,
    kernel: null,
    ...patch,
  };
}

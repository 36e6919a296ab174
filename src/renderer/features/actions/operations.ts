import type { SocketSnapshot } from "../../../shared/socket-model";
import type { Translate } from "../../../shared/i18n";
import { hadConnection, isFresh } from "../sockets/tcp-state";

export const OP_GROUPS = {
  connection: ["bind", "listen", "accept", "connect", "connect_ex", "getsockname", "getpeername"],
  data: ["send", "sendall", "sendto", "recv", "recvfrom"],
  options: ["settimeout", "setblocking", "setsockopt", "getsockopt"],
  close: ["shutdown", "close"],
  /** The Lab's own modes and policies: not Python, and not part of a scenario. */
  lab: ["auto", "idle_close"],
} as const;

export type OpGroup = keyof typeof OP_GROUPS;
export type OpId = (typeof OP_GROUPS)[OpGroup][number];

/** Words for the Lab's own operations; Python's calls keep their names. */
const LAB_OP_LABELS = {
  auto: "op.auto",
  idle_close: "op.idleClose",
  repeat: "op.repeat",
  join_group: "op.joinGroup",
  leave_group: "op.leaveGroup",
  multicast_interface: "op.multicastInterface",
} as const;

/** What a person calls an operation: Python's own name, or the words for one of the Lab's. */
export function opLabel(op: string, t: Translate): string {
  return op in LAB_OP_LABELS ? t(LAB_OP_LABELS[op as keyof typeof LAB_OP_LABELS]) : op;
}

/**
 * Whether an operation makes sense for this socket now. Calls that only fail
 * in a state are still offered where the failure teaches something (send
 * after SHUT_WR raises EPIPE; recv after RST raises ECONNRESET).
 */
export function applies(op: OpId, socket: SocketSnapshot): boolean {
  const udp = socket.type === "SOCK_DGRAM";
  const fresh = isFresh(socket);
  const connected = hadConnection(socket) || socket.state === "SYN_SENT";
  switch (op) {
    case "bind":
      return socket.local === null && (udp || fresh);
    case "listen":
      return !udp && fresh;
    case "accept":
      return !udp && socket.state === "LISTEN";
    case "connect":
    case "connect_ex":
      return udp || fresh;
    case "getpeername":
    case "send":
    case "sendall":
    case "recv":
    case "recvfrom":
    case "shutdown":
      return udp || connected;
    case "sendto":
      return udp;
    case "auto":
      return udp || connected || socket.state === "LISTEN";
    case "idle_close":
      return !udp && hadConnection(socket);
    case "getsockname":
    case "settimeout":
    case "setblocking":
    case "setsockopt":
    case "getsockopt":
    case "close":
      return true;
  }
}

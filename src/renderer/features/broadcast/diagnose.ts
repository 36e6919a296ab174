import type { Address, SocketSnapshot } from "../../../shared/socket-model";
import { isWildcard } from "../../model/broadcast/addresses";
import type { BroadcastEntry } from "../../model/broadcast/responders";

/**
 * Why a receiver got nothing (or got it and stayed silent), from what the
 * Lab can see: its bound address, the broadcast's destination, the groups it
 * joined. Each reason is a message key suffix the panel explains.
 */
export type ReceiverReason =
  /** Not bound, or bound to port 0: nobody could send to it. */
  | "notBound"
  /** A receiver of the other address family never sees this datagram. */
  | "otherFamily"
  | "wrongPort"
  /** Bound to one unicast address: Linux delivers broadcasts only to sockets bound to '' or to the broadcast address. */
  | "boundUnicast"
  | "notMember"
  /** It got the datagram, but neither auto-reply nor echo is on. */
  | "silent"
  /** Its receive queue was full: the Lab dropped datagrams. */
  | "dropping"
  /** Everything looks right: the datagram was lost or is still on its way. */
  | "unknown";

export interface Verdict {
  readonly fd: number;
  readonly got: boolean;
  readonly reasons: readonly ReceiverReason[];
}

const familyOfHost = (host: string) => (host.includes(":") ? "AF_INET6" : "AF_INET");

export function diagnoseReceiver(
  receiver: SocketSnapshot,
  entry: Pick<BroadcastEntry, "dst" | "cast" | "reached">,
  groups: readonly string[],
): Verdict {
  const got = entry.reached.includes(receiver.fd);
  const reasons: ReceiverReason[] = [];
  if (got) {
    if (receiver.auto.reply === null && !receiver.auto.echo) reasons.push("silent");
    if (receiver.drops > 0) reasons.push("dropping");
    return { fd: receiver.fd, got, reasons };
  }
  const local = receiver.local;
  if (!local || local[1] === 0) return { fd: receiver.fd, got, reasons: ["notBound"] };
  if (receiver.family !== familyOfHost(entry.dst[0])) reasons.push("otherFamily");
  if (local[1] !== entry.dst[1]) reasons.push("wrongPort");
  if (!isWildcard(local[0]) && local[0] !== entry.dst[0]) reasons.push("boundUnicast");
  if (entry.cast === "multicast" && !groups.includes(entry.dst[0])) reasons.push("notMember");
  if (receiver.drops > 0) reasons.push("dropping");
  return { fd: receiver.fd, got, reasons: reasons.length > 0 ? reasons : ["unknown"] };
}

/**
 * What a receiver's bound address means for broadcasts, before anything is
 * sent: '' receives every broadcast to its port; a unicast address (even
 * 127.0.0.1 for 127.255.255.255) receives none.
 */
export function bindNote(local: Address | null, broadcasts: ReadonlySet<string>): "wildcard" | "unicast" | "broadcastOnly" | "unbound" {
  if (!local || local[1] === 0) return "unbound";
  if (isWildcard(local[0])) return "wildcard";
  return broadcasts.has(local[0]) ? "broadcastOnly" : "unicast";
}

/** Errors a broadcast send meets, each with its own explanation and fix. */
export const EXPLAINED_SEND_ERRORS = ["EACCES", "ENETUNREACH", "EADDRNOTAVAIL", "EMSGSIZE", "EAFNOSUPPORT", "EHOSTUNREACH", "EPERM"] as const;
export type ExplainedSendError = (typeof EXPLAINED_SEND_ERRORS)[number];

export function explainedSendError(errno: string | null): ExplainedSendError | null {
  return EXPLAINED_SEND_ERRORS.find((known) => known === errno) ?? null;
}

import type { Direction, LabEvent } from "../../../shared/events";
import { SHUT_NAMES, type ShutName, type SocketSnapshot, type TcpState } from "../../../shared/socket-model";

/** Why a watched fd's flags changed, as far as the events around the change tell. */
export type Cause =
  | { readonly kind: "watch" }
  | { readonly kind: "data"; readonly dir: Direction; readonly len: number }
  | { readonly kind: "fin"; readonly dir: Direction }
  | { readonly kind: "rst" }
  | { readonly kind: "error"; readonly type: string; readonly errno: string | null }
  | { readonly kind: "closed" }
  | { readonly kind: "created" }
  | { readonly kind: "accepted"; readonly fd: number }
  | { readonly kind: "recv"; readonly bytes: number }
  | { readonly kind: "connection" }
  | { readonly kind: "accept" }
  | { readonly kind: "shutdown"; readonly how: ShutName }
  | { readonly kind: "state"; readonly from: TcpState; readonly to: TcpState }
  | { readonly kind: "drained" }
  /** Nothing was emitted with the change (a call like recv() or accept()); the next state event will tell. */
  | { readonly kind: "pending" }
  | { readonly kind: "unknown" };

/**
 * The event that caused the readiness event at `index`, when there is one.
 *
 * The Lab recomputes readiness synchronously right after it emits what
 * happened (data, FIN, an error, a close), so the cause sits immediately
 * before the readiness event, with gap-free seq numbers; frame events and
 * other watchers' reports may come in between. Walking back stops at the
 * first gap or unrelated event: anything further back happened earlier and
 * did not cause this change. A call that emits nothing (recv, accept) leaves
 * no such event; then the caller falls back to the next state snapshot.
 */
export function directCause(events: readonly LabEvent[], index: number): Cause | null {
  const readiness = events[index];
  if (!readiness || readiness.type !== "readiness") return null;
  const fd = readiness.fd;
  for (let j = index - 1; j >= 0; j--) {
    const e = events[j]!;
    if (e.seq !== events[j + 1]!.seq - 1) return null;
    if (e.type === "readiness" || e.type === "frame") continue;
    if (e.type === "created" && e.fd !== fd && e.socket.parent === fd) return { kind: "accepted", fd: e.fd };
    if (e.fd !== fd) return null;
    switch (e.type) {
      case "data":
        return { kind: "data", dir: e.dir, len: e.len };
      case "fin":
        return { kind: "fin", dir: e.dir };
      case "error":
        return e.error.errno === "ECONNRESET" ? { kind: "rst" } : { kind: "error", type: e.error.type, errno: e.error.errno };
      case "closed":
        return { kind: "closed" };
      case "created":
        return { kind: "created" };
      default:
        return null;
    }
  }
  return null;
}


/** What changed between two snapshots of one socket, for a change no event explained. */
export function snapshotCause(before: SocketSnapshot | undefined, after: SocketSnapshot): Cause {
  if (!before) return { kind: "unknown" };
  if (after.ended === "reset" && before.ended !== "reset") return { kind: "rst" };
  const rd = after.shut.rd && !before.shut.rd;
  const wr = after.shut.wr && !before.shut.wr;
  if (rd || wr) return { kind: "shutdown", how: SHUT_NAMES[rd && wr ? 2 : wr ? 1 : 0] };
  if (after.recvQueue.used < before.recvQueue.used) return { kind: "recv", bytes: before.recvQueue.used - after.recvQueue.used };
  if (after.acceptQueue.used > before.acceptQueue.used) return { kind: "connection" };
  if (after.acceptQueue.used < before.acceptQueue.used) return { kind: "accept" };
  if (after.peerFin && !before.peerFin) return { kind: "fin", dir: "in" };
  if (before.state !== after.state) return { kind: "state", from: before.state, to: after.state };
  if (after.sendQueue.used < before.sendQueue.used) return { kind: "drained" };
  return { kind: "unknown" };
}

import type { LabEvent } from "../../shared/events";
import type { HostSocket } from "../../shared/hosts";
import { toLogEntry, type LogEntry } from "../../shared/log-entry";
import type { SocketSnapshot } from "../../shared/socket-model";

function compact(s: SocketSnapshot): HostSocket {
  return { fd: s.fd, family: s.family, type: s.type, state: s.state, local: s.local, remote: s.remote, parent: s.parent, ended: s.ended };
}

/**
 * One host's sockets as its events tell them, and its events as log rows
 * (the row of an event needs the socket as it was just before it). A
 * snapshot taken while events flow is merged by seq: a socket an event
 * changed after the snapshot's seq keeps what the event said.
 */
export class SocketRows {
  private readonly sockets = new Map<number, HostSocket>();
  /** The seq of the event that last set or removed each fd's socket. */
  private readonly setAt = new Map<number, number>();

  /** The row for `event` (null for events that only change state), applying it to the table. */
  apply(event: LabEvent): LogEntry | null {
    const row = "fd" in event ? toLogEntry(event, this.sockets.get(event.fd)) : null;
    if (event.type === "created" || event.type === "state") {
      this.sockets.set(event.fd, compact(event.socket));
      this.setAt.set(event.fd, event.seq);
    } else if (event.type === "closed") {
      this.sockets.delete(event.fd);
      this.setAt.set(event.fd, event.seq);
    }
    return row;
  }

  /** Takes a snapshot taken at `seq`: every fd no later event spoke of is as the snapshot says. */
  merge(snapshot: readonly SocketSnapshot[], seq: number): void {
    const fresh = new Map(snapshot.map((s) => [s.fd, s]));
    for (const fd of new Set([...this.sockets.keys(), ...fresh.keys()])) {
      if ((this.setAt.get(fd) ?? 0) > seq) continue;
      const s = fresh.get(fd);
      if (s) this.sockets.set(fd, compact(s));
      else this.sockets.delete(fd);
    }
  }

  /** Forgets everything: the host's Lab is a new one. */
  clear(): void {
    this.sockets.clear();
    this.setAt.clear();
  }

  list(): HostSocket[] {
    return [...this.sockets.values()].sort((a, b) => a.fd - b.fd);
  }
}

import type { Address, KernelSocketRow, SocketSnapshot } from "../../shared/socket-model";
import { readKernelTable, type KernelTableRow } from "./engine/kernel/kernel-table";

/** Ports of closed sockets remembered, newest last: TIME_WAIT lasts 60 s, so a few hundred closes are plenty. */
const REMEMBERED_PORTS = 256;

const sameAddress = (a: Address | null, b: readonly [string, number]): boolean => a !== null && a[1] === b[1] && normalHost(a[0]) === normalHost(b[0]);

/** The kernel prints an IPv4 peer of an IPv6 socket as ::ffff:a.b.c.d. */
function normalHost(host: string): string {
  return host.startsWith("::ffff:") ? host.slice(7) : host;
}

/** The Lab socket a kernel row belongs to: same protocol, same local address, and for a connection the same peer. */
function ownerOf(row: KernelTableRow, sockets: readonly SocketSnapshot[]): number | null {
  const tcp = row.proto.startsWith("tcp");
  for (const s of sockets) {
    if ((s.type === "SOCK_STREAM") !== tcp || !sameAddress(s.local, row.local)) continue;
    if (!tcp) return s.fd;
    // A listener and the connections it accepted share the local address.
    if (row.state === "LISTEN" ? s.state === "LISTEN" : sameAddress(s.remote, row.remote)) return s.fd;
  }
  return null;
}

/**
 * The host kernel's view around the Lab: every socket in /proc/net on a port
 * the Lab uses or used, matched to the Lab's fds where it is one of them.
 * What is left unmatched is the kernel's own: TIME_WAIT after a close, or a
 * peer in another program.
 */
export class KernelSockets {
  private readonly closedPorts: number[] = [];

  /** A socket is closing: its ports stay of interest while the kernel may keep a remnant. */
  remember(snapshot: SocketSnapshot): void {
    const port = snapshot.local?.[1];
    if (!port) return;
    const at = this.closedPorts.indexOf(port);
    if (at >= 0) this.closedPorts.splice(at, 1);
    this.closedPorts.push(port);
    if (this.closedPorts.length > REMEMBERED_PORTS) this.closedPorts.shift();
  }

  rows(sockets: readonly SocketSnapshot[]): { rows: KernelSocketRow[] } | null {
    if (process.platform !== "linux") return null;
    const ports = new Set(this.closedPorts);
    for (const s of sockets) if (s.local?.[1]) ports.add(s.local[1]);
    if (ports.size === 0) return { rows: [] };
    return {
      rows: readKernelTable({ ports }).map((row) => ({
        proto: row.proto.startsWith("tcp") ? "tcp" : "udp",
        family: row.proto.endsWith("6") ? "AF_INET6" : "AF_INET",
        state: row.state,
        local: [row.local[0], row.local[1]],
        remote: [row.remote[0], row.remote[1]],
        recvQ: row.recvQ,
        sendQ: row.sendQ,
        timer: row.timer,
        fd: ownerOf(row, sockets),
      })),
    };
  }
}

/**
 * The kernel's socket table as /proc/net/{tcp,tcp6,udp,udp6} print it: what
 * `ss -tan` shows, and the only place a TIME_WAIT remnant is visible after
 * its fd is gone. Pure parser (tested on captured text) plus a reader.
 */
import { readFileSync } from "node:fs";
import { tcpStateName, type TcpState } from "./constants";
import { formatIPv6 } from "./sockaddr";

export type TableProto = "tcp" | "tcp6" | "udp" | "udp6";

/** /proc/net/tcp's `tr` column (net/ipv4/tcp_ipv4.c get_tcp4_sock / get_timewait4_sock). */
export type TimerKind = "retransmit" | "keepalive" | "time_wait" | "zero_window_probe";

const TIMER_KINDS: Readonly<Record<number, TimerKind>> = { 1: "retransmit", 2: "keepalive", 3: "time_wait", 4: "zero_window_probe" };

/**
 * `tm->when` is printed by jiffies_delta_to_clock_t: clock ticks of USER_HZ,
 * which the kernel ABI fixes at 100 on every Linux architecture (it is what
 * sysconf(_SC_CLK_TCK) and `getconf CLK_TCK` return), whatever CONFIG_HZ is.
 */
export const USER_HZ = 100;

export interface KernelTableRow {
  readonly proto: TableProto;
  /** UDP sockets print 7 (CLOSE) unconnected, 1 (ESTABLISHED) connected. */
  readonly state: TcpState;
  readonly local: readonly [host: string, port: number];
  readonly remote: readonly [host: string, port: number];
  /** Listener: connections in the accept queue. Otherwise unread bytes. */
  readonly recvQ: number;
  /** Bytes not yet acknowledged (TCP) or sent (UDP). A listener prints 0 here (`ss` shows its backlog via inet_diag; tcp_info.sacked has it). */
  readonly sendQ: number;
  readonly timer: { readonly kind: TimerKind; readonly secondsLeft: number } | null;
  /** 0 for a TIME_WAIT remnant: no file holds it any more. */
  readonly inode: number;
}

/** "0100007F:0CEA": the address is the in-memory bytes printed as host-order 32-bit words. */
function decodeEndpoint(text: string, v6: boolean): readonly [string, number] {
  const [hex, portHex] = text.split(":");
  if (hex === undefined || portHex === undefined) throw new RangeError(`bad endpoint: ${text}`);
  const bytes = Buffer.alloc(v6 ? 16 : 4);
  for (let word = 0; word < bytes.length / 4; word++) {
    // Each word was printed with %08X of a little-endian u32: reverse it back to memory order.
    bytes.writeUInt32LE(parseInt(hex.slice(word * 8, word * 8 + 8), 16), word * 4);
  }
  const host = v6 ? formatIPv6(bytes) : `${bytes[0]}.${bytes[1]}.${bytes[2]}.${bytes[3]}`;
  return [host, parseInt(portHex, 16)];
}

/** Parses one /proc/net file's text; the header line and malformed lines are skipped. */
export function parseKernelTable(proto: TableProto, text: string): KernelTableRow[] {
  const v6 = proto.endsWith("6");
  const rows: KernelTableRow[] = [];
  for (const line of text.split("\n")) {
    const f = line.trim().split(/\s+/);
    // sl local rem st tx:rx tr:when retrnsmt uid timeout inode ...
    if (f.length < 10 || !/^\d+:$/.test(f[0]!)) continue;
    const [txHex, rxHex] = f[4]!.split(":");
    const [trHex, whenHex] = f[5]!.split(":");
    const kind = TIMER_KINDS[parseInt(trHex ?? "0", 16)];
    rows.push({
      proto,
      state: tcpStateName(parseInt(f[3]!, 16)),
      local: decodeEndpoint(f[1]!, v6),
      remote: decodeEndpoint(f[2]!, v6),
      sendQ: parseInt(txHex ?? "0", 16),
      recvQ: parseInt(rxHex ?? "0", 16),
      timer: kind ? { kind, secondsLeft: parseInt(whenHex ?? "0", 16) / USER_HZ } : null,
      inode: Number(f[9]),
    });
  }
  return rows;
}

export interface TableQuery {
  readonly protos?: readonly TableProto[];
  /** Rows whose local or remote port is in the set (the Lab's own ports). Absent: every row. */
  readonly ports?: ReadonlySet<number>;
}

/** Reads the kernel's table now (this network namespace); a missing file (no IPv6) reads as empty. */
export function readKernelTable(query: TableQuery = {}): KernelTableRow[] {
  const rows: KernelTableRow[] = [];
  for (const proto of query.protos ?? (["tcp", "tcp6", "udp", "udp6"] as const)) {
    let text: string;
    try {
      text = readFileSync(`/proc/net/${proto}`, "utf8");
    } catch {
      continue;
    }
    for (const row of parseKernelTable(proto, text)) {
      if (!query.ports || query.ports.has(row.local[1]) || query.ports.has(row.remote[1])) rows.push(row);
    }
  }
  return rows;
}

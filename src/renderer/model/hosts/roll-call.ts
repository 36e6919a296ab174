import type { HostLogRow, HostSocket, HostStatus } from "../../../shared/hosts";
import type { KernelUdpStats, NetworkInterfaceInfo } from "../../../shared/socket-model";

/** How long after a send a receipt or an answer still counts as its (µs on the console's clock). */
export const ROLL_CALL_WINDOW_US = 2_000_000;

/**
 * How long before a send's stamp a receipt may be stamped: the sender's Lab
 * stamps its send after the system call returns, and on a LAN (or loopback)
 * a receiver's Lab may stamp the arrival first. Both stamps are moved onto
 * the console's clock, each within its uncertainty; this is the rest.
 */
export const STAMP_SLACK_US = 50_000;

const DATAGRAM_KINDS = new Set(["datagram", "broadcast", "multicast"]);

/** What the roll call knows of one host: its name, sockets, interfaces and counters (the local Lab's from the page). */
export interface RollCallHost {
  readonly name: string;
  readonly state: HostStatus["state"] | "local";
  readonly lostBecause: string | null;
  readonly sockets: readonly HostSocket[];
  readonly interfaces: readonly NetworkInterfaceInfo[] | null;
  readonly udp: KernelUdpStats | null;
}

/** Why a host did not hear a datagram, as far as its sockets, interfaces and counters tell. */
export type Silence =
  | { readonly code: "lost"; readonly why: string }
  | { readonly code: "no-socket"; readonly port: number }
  | { readonly code: "bound-elsewhere"; readonly port: number; readonly bound: readonly string[] }
  | { readonly code: "other-subnet"; readonly broadcast: string; readonly subnets: readonly string[] }
  | { readonly code: "nothing-arrived"; readonly port: number; readonly drops: number | null };

export type RollCallRow =
  | {
      readonly host: string;
      readonly heard: true;
      readonly fd: number;
      /** Console clock µs, and how far off it may be. */
      readonly t: number;
      readonly uncertainty: number;
      readonly dst: string | null;
      readonly ifname: string | null;
      readonly answer: { readonly fd: number; readonly t: number; readonly len: number | null; readonly text: string } | null;
    }
  | { readonly host: string; readonly heard: false; readonly why: Silence };

/** "10.0.0.7:9000" → ["10.0.0.7", 9000]; "[::1]:80" → ["::1", 80]. */
export function splitAddress(text: string | null): readonly [string, number] | null {
  if (!text) return null;
  const m = /^\[?([^\]]*)\]?:(\d+)$/.exec(text);
  return m ? [m[1]!, Number(m[2])] : null;
}

/** A datagram this row sent (the rows a roll call can be asked of). */
export function isSentDatagram(row: HostLogRow): boolean {
  return row.dir === "out" && DATAGRAM_KINDS.has(row.kind) && row.dst !== null;
}

const WILDCARDS = new Set(["0.0.0.0", "::", ""]);

function silence(host: RollCallHost, dstHost: string, port: number, broadcast: boolean): Silence {
  if (host.state === "lost" || host.state === "refused") return { code: "lost", why: host.lostBecause ?? host.state };
  const onPort = host.sockets.filter((s) => s.type === "SOCK_DGRAM" && s.local?.[1] === port);
  if (onPort.length === 0) return { code: "no-socket", port };
  // Linux delivers a datagram to a socket bound to the wildcard or to the very address it was sent to; one bound to the host's own unicast address never sees a broadcast.
  if (onPort.every((s) => !WILDCARDS.has(s.local![0]) && s.local![0] !== dstHost)) return { code: "bound-elsewhere", port, bound: onPort.map((s) => `${s.local![0]}:${port}`) };
  if (broadcast && dstHost !== "255.255.255.255" && host.interfaces && !host.interfaces.some((i) => i.broadcast === dstHost)) {
    return { code: "other-subnet", broadcast: dstHost, subnets: host.interfaces.filter((i) => i.family === "AF_INET" && !i.internal && i.cidr).map((i) => i.cidr!) };
  }
  return { code: "nothing-arrived", port, drops: host.udp?.rcvbufErrors ?? null };
}

/**
 * For a datagram one host sent, every host's answer to "did you hear it?":
 * a receipt on that host of the same bytes (length and preview) from the
 * same source port within the window, where it came in and to which address,
 * and a datagram it sent back to that port; or, for a host that heard
 * nothing, the likeliest reason its sockets, interfaces and counters give.
 */
export function rollCall(sent: HostLogRow, rows: readonly HostLogRow[], hosts: readonly RollCallHost[], windowUs = ROLL_CALL_WINDOW_US): RollCallRow[] {
  const to = splitAddress(sent.dst);
  const from = splitAddress(sent.src);
  if (!to) return [];
  const [dstHost, port] = to;
  const broadcast = sent.kind === "broadcast";
  const earliest = sent.t - sent.uncertainty - STAMP_SLACK_US;
  const latest = sent.t + windowUs;
  return hosts.map((host) => {
    const candidates = rows.filter(
      (r) =>
        r.host === host.name &&
        r.dir === "in" &&
        DATAGRAM_KINDS.has(r.kind) &&
        r.len === sent.len &&
        r.text === sent.text &&
        splitAddress(r.src)?.[1] === from?.[1] &&
        splitAddress(r.dst)?.[1] === port &&
        r.t + r.uncertainty >= earliest &&
        r.t - r.uncertainty <= latest,
    );
    // The one nearest the send, should the same bytes have gone out more than once.
    const receipt = candidates.sort((a, b) => Math.abs(a.t - sent.t) - Math.abs(b.t - sent.t))[0];
    if (!receipt) return { host: host.name, heard: false, why: silence(host, dstHost, port, broadcast) };
    // An answer goes out after the receipt on the same host: one clock, no slack.
    const answer = rows.find((r) => r.host === host.name && r.dir === "out" && DATAGRAM_KINDS.has(r.kind) && r.fd === receipt.fd && splitAddress(r.dst)?.[1] === from?.[1] && r.t >= receipt.t && r.t <= receipt.t + windowUs);
    return {
      host: host.name,
      heard: true,
      fd: receipt.fd,
      t: receipt.t,
      uncertainty: receipt.uncertainty,
      dst: receipt.dst,
      ifname: receipt.ifname,
      answer: answer ? { fd: answer.fd, t: answer.t, len: answer.len, text: answer.text } : null,
    };
  });
}

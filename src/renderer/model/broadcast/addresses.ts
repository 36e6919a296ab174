import type { NetworkInterfaceInfo } from "../../../shared/socket-model";

/** Python's '<broadcast>': the limited broadcast, never forwarded past the local link. */
export const LIMITED_BROADCAST = "255.255.255.255";

export type Cast = "unicast" | "broadcast" | "multicast";

function ipv4ToInt(address: string): number | null {
  const parts = address.split(".");
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return null;
  return parts.reduce((n, part) => ((n << 8) | Number(part)) >>> 0, 0);
}

function intToIpv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join(".");
}

/**
 * The subnet-directed broadcast (host bits all set) of an IPv4 address, or
 * null where a subnet has no broadcast (/31 and /32 links, RFC 3021). Unlike
 * the Lab's `broadcast` field this ignores IFF_BROADCAST: Linux gives `lo` no
 * broadcast flag, yet treats 127.255.255.255 as a broadcast (EACCES without
 * SO_BROADCAST, a copy to every socket bound to '' on the port).
 */
export function directedBroadcast(address: string, netmask: string): string | null {
  const a = ipv4ToInt(address);
  const m = ipv4ToInt(netmask);
  if (a === null || m === null || m >>> 0 >= 0xfffffffe) return null;
  return intToIpv4((a | ~m) >>> 0);
}

/** Every address a datagram to which is a broadcast on this host. */
export function broadcastTargets(interfaces: readonly NetworkInterfaceInfo[]): ReadonlySet<string> {
  const out = new Set([LIMITED_BROADCAST]);
  for (const i of interfaces) {
    if (i.family !== "AF_INET") continue;
    const directed = i.broadcast ?? directedBroadcast(i.address, i.netmask);
    if (directed) out.add(directed);
  }
  return out;
}

export function isMulticast(host: string): boolean {
  const n = ipv4ToInt(host);
  if (n !== null) return n >>> 28 === 0xe;
  return host.toLowerCase().startsWith("ff");
}

/**
 * How an outgoing datagram was delivered. The Lab's own `cast` misses
 * broadcasts to addresses without IFF_BROADCAST (loopback's 127.255.255.255),
 * so a destination in `targets` counts as a broadcast too.
 */
export function classify(dstHost: string, labCast: Cast | undefined, targets: ReadonlySet<string>): Cast {
  if (labCast === "broadcast" || labCast === "multicast") return labCast;
  if (targets.has(dstHost)) return "broadcast";
  if (isMulticast(dstHost)) return "multicast";
  return "unicast";
}

export function isWildcard(host: string): boolean {
  return host === "" || host === "0.0.0.0" || host === "::";
}

import { readFileSync } from "node:fs";
import { isIPv4 } from "node:net";
import { networkInterfaces } from "node:os";
import type { NetworkInterfaceInfo } from "../../shared/socket-model";

/** Linux's interface flags (include/uapi/linux/if.h) that matter for broadcast and multicast. */
const IFF = { UP: 0x1, BROADCAST: 0x2, LOOPBACK: 0x8, RUNNING: 0x40, MULTICAST: 0x1000 } as const;

function ipv4ToInt(address: string): number {
  return address.split(".").reduce((n, part) => ((n << 8) | Number(part)) >>> 0, 0);
}

function intToIpv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join(".");
}

function prefixLength(netmask: string): number {
  let bits = ipv4ToInt(netmask);
  let n = 0;
  while (bits & 0x80000000) {
    n += 1;
    bits = (bits << 1) >>> 0;
  }
  return n;
}

/** The subnet-directed broadcast address: the host bits all set (192.168.1.7/24 → 192.168.1.255). */
export function broadcastAddress(address: string, netmask: string): string {
  return intToIpv4((ipv4ToInt(address) | ~ipv4ToInt(netmask)) >>> 0);
}

function readSys(name: string, file: string): string | null {
  try {
    return readFileSync(`/sys/class/net/${name}/${file}`, "utf8").trim();
  } catch {
    return null;
  }
}

function flagsOf(name: string): string[] {
  const bits = parseInt(readSys(name, "flags") ?? "", 16);
  if (Number.isNaN(bits)) return [];
  const flags = Object.entries(IFF)
    .filter(([flag, bit]) => flag !== "RUNNING" && (bits & bit) !== 0)
    .map(([flag]) => flag);
  // sysfs "flags" never shows IFF_RUNNING (a carrier); operstate does.
  const state = readSys(name, "operstate");
  if (state === "up" || (state === "unknown" && (bits & IFF.UP) !== 0)) flags.push("RUNNING");
  return flags;
}

/** Every interface address of this host, with its computed broadcast address and flags. */
export function listInterfaces(): NetworkInterfaceInfo[] {
  const out: NetworkInterfaceInfo[] = [];
  for (const [name, addresses] of Object.entries(networkInterfaces())) {
    const flags = flagsOf(name);
    for (const a of addresses ?? []) {
      out.push({
        name,
        family: a.family === "IPv4" ? "AF_INET" : "AF_INET6",
        address: a.address,
        netmask: a.netmask,
        cidr: a.cidr,
        // Linux gives no broadcast address to loopback or point-to-point links.
        broadcast: a.family === "IPv4" && (flags.length === 0 || flags.includes("BROADCAST")) ? broadcastAddress(a.address, a.netmask) : null,
        internal: a.internal,
        flags,
      });
    }
  }
  return out;
}

/** How a destination address is delivered: one host, every host of a subnet, or a group. */
export function castOf(address: string, interfaces: readonly NetworkInterfaceInfo[]): "unicast" | "broadcast" | "multicast" {
  if (isIPv4(address)) {
    const first = Number(address.split(".")[0]);
    if (first >= 224 && first <= 239) return "multicast";
    // Linux treats every IPv4 subnet's all-ones address as broadcast (EACCES without SO_BROADCAST),
    // loopback's 127.255.255.255 included, though lo has no IFF_BROADCAST; /31 and /32 have none.
    const subnetBroadcast = (i: NetworkInterfaceInfo) =>
      i.family === "AF_INET" && prefixLength(i.netmask) < 31 && broadcastAddress(i.address, i.netmask) === address;
    if (address === "255.255.255.255" || interfaces.some(subnetBroadcast)) return "broadcast";
    return "unicast";
  }
  return address.toLowerCase().startsWith("ff") ? "multicast" : "unicast";
}

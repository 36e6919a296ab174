import { readFileSync } from "node:fs";

function readNumber(path: string, fallback: number): number {
  try {
    const value = Number(readFileSync(path, "utf8").trim().split(/\s+/)[0]);
    return Number.isFinite(value) && value > 0 ? value : fallback;
  } catch {
    return fallback;
  }
}

function readTriple(path: string, fallback: readonly [number, number, number]): readonly [number, number, number] {
  try {
    const parts = readFileSync(path, "utf8").trim().split(/\s+/).map(Number);
    return parts.length === 3 && parts.every(Number.isFinite) ? [parts[0]!, parts[1]!, parts[2]!] : fallback;
  } catch {
    return fallback;
  }
}

/**
 * The host's socket buffer sysctls, read once: they decide the defaults and
 * caps `getsockopt` reports, so the Lab agrees with a Python program on the
 * same machine. Fallbacks are Linux's stock values.
 */
export const KERNEL = {
  rmemMax: readNumber("/proc/sys/net/core/rmem_max", 212992),
  wmemMax: readNumber("/proc/sys/net/core/wmem_max", 212992),
  rmemDefault: readNumber("/proc/sys/net/core/rmem_default", 212992),
  wmemDefault: readNumber("/proc/sys/net/core/wmem_default", 212992),
  tcpRmem: readTriple("/proc/sys/net/ipv4/tcp_rmem", [4096, 131072, 6291456]),
  tcpWmem: readTriple("/proc/sys/net/ipv4/tcp_wmem", [4096, 16384, 4194304]),
} as const;

/** Linux's floor for SO_RCVBUF / SO_SNDBUF after doubling (SOCK_MIN_RCVBUF / SOCK_MIN_SNDBUF). */
export const MIN_RCVBUF = 2304;
export const MIN_SNDBUF = 4608;

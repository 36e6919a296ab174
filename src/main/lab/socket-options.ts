import { LabError, osError } from "../../shared/errors";
import { levelOf, READ_ONLY_SOCKOPTS, type SockoptLevel, type SockoptName } from "../../shared/scenario/sockopts";
import type { Family, SocketType } from "../../shared/socket-model";
import { KERNEL, MIN_RCVBUF, MIN_SNDBUF } from "./kernel-limits";

export type OptionValue = number | readonly [onoff: number, seconds: number];

/** Options whose value Linux reports as exactly 0 or 1, whatever non-zero was set. */
const BOOLEAN: ReadonlySet<SockoptName> = new Set([
  "SO_REUSEADDR",
  "SO_REUSEPORT",
  "SO_BROADCAST",
  "SO_KEEPALIVE",
  "TCP_NODELAY",
  "IP_MULTICAST_LOOP",
  "IPV6_V6ONLY",
]);

/** Linux's accepted ranges (do_ip_setsockopt, do_tcp_setsockopt); outside them setsockopt is EINVAL. */
const RANGES: Partial<Record<SockoptName, readonly [number, number]>> = {
  TCP_KEEPIDLE: [1, 32767],
  IP_TTL: [-1, 255],
  IP_MULTICAST_TTL: [0, 255],
};

function checkRange(name: SockoptName, value: number): void {
  const range = RANGES[name];
  const outside = range !== undefined && (value < range[0] || value > range[1] || (name === "IP_TTL" && value === 0));
  if (outside) throw new LabError(osError("EINVAL"));
}

function defaults(type: SocketType): Map<SockoptName, OptionValue> {
  const stream = type === "SOCK_STREAM";
  return new Map<SockoptName, OptionValue>([
    ["SO_REUSEADDR", 0],
    ["SO_REUSEPORT", 0],
    ["SO_BROADCAST", 0],
    ["SO_KEEPALIVE", 0],
    ["SO_LINGER", [0, 0]],
    ["SO_RCVBUF", stream ? KERNEL.tcpRmem[1] : KERNEL.rmemDefault],
    ["SO_SNDBUF", stream ? KERNEL.tcpWmem[1] : KERNEL.wmemDefault],
    ["TCP_NODELAY", 0],
    ["TCP_KEEPIDLE", 7200],
    ["IP_TTL", 64],
    ["IP_MULTICAST_TTL", 1],
    ["IP_MULTICAST_LOOP", 1],
    ["IPV6_V6ONLY", 0],
  ]);
}

/**
 * A socket's options with Linux's rules: SO_RCVBUF/SO_SNDBUF are doubled and
 * clamped to the sysctls, booleans read back as 0/1, SO_ERROR and SO_TYPE are
 * read-only, TCP options exist only on TCP sockets and IPv6 ones only on
 * AF_INET6 sockets.
 */
export class SocketOptions {
  private readonly values: Map<SockoptName, OptionValue>;

  constructor(
    private readonly type: SocketType,
    private readonly family: Family,
  ) {
    this.values = defaults(type);
  }

  /** Checks and stores a value; returns what getsockopt will now report. `bound`: IPV6_V6ONLY is fixed once bound. */
  set(level: SockoptLevel, name: SockoptName, value: OptionValue, bound = false): OptionValue {
    // Linux answers a TCP or IPv6 option on the wrong kind of socket with ENOPROTOOPT on set (EOPNOTSUPP on get).
    this.check(level, name, "ENOPROTOOPT");
    if (READ_ONLY_SOCKOPTS.has(name)) throw new LabError(osError("ENOPROTOOPT"));
    if (name === "IPV6_V6ONLY" && bound) throw new LabError(osError("EINVAL"));
    if (typeof value === "number") checkRange(name, value);
    let stored: OptionValue;
    if (name === "SO_LINGER") {
      if (typeof value === "number") throw new LabError(osError("EINVAL", "SO_LINGER takes [onoff, seconds]"));
      stored = [value[0] ? 1 : 0, value[1]];
    } else {
      if (typeof value !== "number") throw new LabError(osError("EINVAL", `${name} takes an integer`));
      if (name === "SO_RCVBUF") stored = Math.max(MIN_RCVBUF, Math.min(value, KERNEL.rmemMax) * 2);
      else if (name === "SO_SNDBUF") stored = Math.max(MIN_SNDBUF, Math.min(value, KERNEL.wmemMax) * 2);
      else if (BOOLEAN.has(name)) stored = value ? 1 : 0;
      // -1 restores the default TTL, as on Linux.
      else if (name === "IP_TTL" && value === -1) stored = 64;
      else stored = value;
    }
    this.values.set(name, stored);
    return stored;
  }

  /** The stored value (SO_ERROR and SO_TYPE are answered by the socket). */
  get(level: SockoptLevel, name: SockoptName): OptionValue {
    this.check(level, name, "EOPNOTSUPP");
    if (name === "SO_TYPE") return this.type === "SOCK_STREAM" ? 1 : 2;
    return this.values.get(name) ?? 0;
  }

  /** Reads a number option without the level checks, for the socket's own use. */
  number(name: SockoptName): number {
    const value = this.values.get(name);
    return typeof value === "number" ? value : 0;
  }

  linger(): readonly [number, number] {
    const value = this.values.get("SO_LINGER");
    return typeof value === "object" ? value : [0, 0];
  }

  private check(level: SockoptLevel, name: SockoptName, wrongKind: "ENOPROTOOPT" | "EOPNOTSUPP"): void {
    if (levelOf(name) !== level) throw new LabError(osError("ENOPROTOOPT"));
    if (level === "IPPROTO_TCP" && this.type !== "SOCK_STREAM") throw new LabError(osError(wrongKind));
    if (level === "IPPROTO_IPV6" && this.family !== "AF_INET6") throw new LabError(osError(wrongKind));
  }
}

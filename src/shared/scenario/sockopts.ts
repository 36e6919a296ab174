/**
 * Socket options a scenario may set or read, by level. Kept to those the
 * tutorial uses or the Lab can honour on top of Node; each name is the
 * constant of the same name in CPython's `socket` module.
 */
export const SOCKOPT_LEVELS = {
  SOL_SOCKET: [
    "SO_REUSEADDR",
    "SO_REUSEPORT",
    "SO_BROADCAST",
    "SO_RCVBUF",
    "SO_SNDBUF",
    "SO_KEEPALIVE",
    "SO_LINGER",
    "SO_ERROR",
    "SO_TYPE",
  ],
  IPPROTO_TCP: ["TCP_NODELAY", "TCP_KEEPIDLE"],
  IPPROTO_IP: ["IP_TTL", "IP_MULTICAST_TTL", "IP_MULTICAST_LOOP"],
  IPPROTO_IPV6: ["IPV6_V6ONLY"],
} as const;

export type SockoptLevel = keyof typeof SOCKOPT_LEVELS;
export type SockoptName = (typeof SOCKOPT_LEVELS)[SockoptLevel][number];

export const SOCKOPT_LEVEL_NAMES = Object.keys(SOCKOPT_LEVELS) as [SockoptLevel, ...SockoptLevel[]];
export const SOCKOPT_NAMES = Object.values(SOCKOPT_LEVELS).flat() as [SockoptName, ...SockoptName[]];

/** Linux refuses to set these (ENOPROTOOPT); the schema says so up front. */
export const READ_ONLY_SOCKOPTS: ReadonlySet<SockoptName> = new Set(["SO_ERROR", "SO_TYPE"]);

export function levelOf(name: SockoptName): SockoptLevel {
  return SOCKOPT_LEVEL_NAMES.find((level) => (SOCKOPT_LEVELS[level] as readonly string[]).includes(name))!;
}

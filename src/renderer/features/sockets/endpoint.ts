import type { Address } from "../../../shared/socket-model";

/** `host:port` for labels (`[::1]:80` for IPv6), `—` for a socket without that address. */
export function endpoint(address: Address | null): string {
  if (!address) return "—";
  const [host, port] = address;
  return host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`;
}

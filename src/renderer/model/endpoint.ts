import { formatAddress, type Address } from "../../shared/socket-model";

/** `host:port` for labels (`[::1]:80` for IPv6), `—` for a socket without that address. */
export function endpoint(address: Address | null): string {
  return formatAddress(address) ?? "—";
}

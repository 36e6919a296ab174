import { networkInterfaces } from "node:os";

/** The address a console on the LAN reaches: the listen address, or this machine's first IPv4 address on a wildcard. */
export function advertised(listen: string): string {
  if (listen !== "0.0.0.0" && listen !== "::") return listen;
  const lan = Object.values(networkInterfaces())
    .flatMap((list) => list ?? [])
    .find((a) => a.family === "IPv4" && !a.internal);
  return lan?.address ?? "127.0.0.1";
}

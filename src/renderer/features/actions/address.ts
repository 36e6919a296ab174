import type { Address, SocketSnapshot, SocketType } from "../../../shared/socket-model";

/** An address as typed: both fields are text until the form is submitted. */
export interface AddressDraft {
  readonly host: string;
  readonly port: string;
}

/** A port as typed, 0 to 65535, or null. */
export function parsePort(text: string): number | null {
  const number = Number(text.trim());
  return /^\d{1,5}$/.test(text.trim()) && number <= 65535 ? number : null;
}

export function parseAddress({ host, port }: AddressDraft): Address | null {
  const number = parsePort(port);
  if (host.trim() === "" || number === null) return null;
  return [host.trim(), number];
}

/** Where to reach a socket bound to `address`: a wildcard bind is reached over loopback. */
export function reachable([host, port]: Address): AddressDraft {
  const target = host === "0.0.0.0" ? "127.0.0.1" : host === "::" ? "::1" : host;
  return { host: target, port: String(port) };
}

/** Sockets in this Lab that a socket of `type` can connect or send to: listeners, or bound UDP sockets. */
export function targetsFor(sockets: Iterable<SocketSnapshot>, type: SocketType, except?: number): SocketSnapshot[] {
  return [...sockets].filter(
    (s) => s.fd !== except && s.type === type && s.local !== null && s.local[1] !== 0 && (type === "SOCK_DGRAM" || s.state === "LISTEN"),
  );
}

/** The first target's address, or a fallback, as the starting value of an address form. */
export function firstTarget(targets: readonly SocketSnapshot[], fallback: AddressDraft): AddressDraft {
  const local = targets[0]?.local;
  return local ? reachable(local) : fallback;
}

import type { Address } from "../socket-model";

/**
 * `"$srv.port"` / `"$srv.host"` stand for a socket's bound address
 * (getsockname) at the moment the step runs, so a scenario can bind to port
 * 0 and still connect to the port the OS picked. `"$rx.from"` is a whole
 * address: the one rx's last recvfrom returned, as the tutorial's receiver
 * answers `S.sendto(b"ACK", addr)` whoever sent it.
 */
export type HostRef = `$${string}.host`;
export type PortRef = `$${string}.port`;
export type FromRef = `$${string}.from`;

export interface Reference {
  readonly name: string;
  readonly field: "host" | "port" | "from";
}

const REFERENCE = /^\$([A-Za-z_][A-Za-z0-9_]*)\.(host|port|from)$/;

export function parseReference(text: string): Reference | null {
  const match = REFERENCE.exec(text);
  if (!match) return null;
  return { name: match[1]!, field: match[2] as Reference["field"] };
}

export function isHostRef(value: unknown): value is HostRef {
  return typeof value === "string" && parseReference(value)?.field === "host";
}

export function isPortRef(value: unknown): value is PortRef {
  return typeof value === "string" && parseReference(value)?.field === "port";
}

export function isFromRef(value: unknown): value is FromRef {
  return typeof value === "string" && parseReference(value)?.field === "from";
}

/** An address as a scenario writes it: `[host, port]`, either item a reference, or `"$name.from"`. */
export type AddressSpec = readonly [host: string, port: number | PortRef] | FromRef;

/**
 * Where a runner finds the address a reference reads: the socket's bound
 * address for "host" and "port", the address its last recvfrom returned for
 * "from".
 */
export type AddressOf = (ref: Reference) => Address;

export function resolveAddress(spec: AddressSpec, addressOf: AddressOf): Address {
  if (typeof spec === "string") return addressOf(parseReference(spec)!);
  const [host, port] = spec;
  const hostRef = parseReference(host);
  return [hostRef ? addressOf(hostRef)[0] : host, typeof port === "number" ? port : addressOf(parseReference(port)!)[1]];
}

/**
 * Replaces every reference string inside an `expect` value, so a scenario can
 * expect `getpeername` to be `["127.0.0.1", "$srv.port"]`. A reference with
 * nothing to read (`addressOf` gives null: its socket closed, no recvfrom
 * yet) stays the string it is, so the expectation fails, as in the exported
 * program.
 */
export function resolveValueReferences(value: unknown, addressOf: (ref: Reference) => Address | null): unknown {
  if (typeof value === "string") {
    const ref = parseReference(value);
    const address = ref ? addressOf(ref) : null;
    if (!ref || !address) return value;
    return ref.field === "from" ? [address[0], address[1]] : ref.field === "host" ? address[0] : address[1];
  }
  if (Array.isArray(value)) return value.map((item) => resolveValueReferences(item, addressOf));
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveValueReferences(v, addressOf)]));
  }
  return value;
}

/** Every reference inside a value (an address spec, an expected value), for checking that each names a known socket. */
export function referencesIn(value: unknown): Reference[] {
  if (typeof value === "string") {
    const ref = parseReference(value);
    return ref ? [ref] : [];
  }
  if (Array.isArray(value)) return value.flatMap(referencesIn);
  if (typeof value === "object" && value !== null) return Object.values(value).flatMap(referencesIn);
  return [];
}

/** The variable an exported program keeps `name`'s last recvfrom address in: what "$name.from" reads there. */
export const fromVariable = (name: string): string => `${name}_from`;

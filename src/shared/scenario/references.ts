import type { Address } from "../socket-model";

/**
 * `"$srv.port"` / `"$srv.host"` stand for a socket's bound address
 * (getsockname) at the moment the step runs, so a scenario can bind to port
 * 0 and still connect to the port the OS picked.
 */
export type HostRef = `$${string}.host`;
export type PortRef = `$${string}.port`;

export interface Reference {
  readonly name: string;
  readonly field: "host" | "port";
}

const REFERENCE = /^\$([A-Za-z_][A-Za-z0-9_]*)\.(host|port)$/;

export function parseReference(text: string): Reference | null {
  const match = REFERENCE.exec(text);
  if (!match) return null;
  return { name: match[1]!, field: match[2] as "host" | "port" };
}

export function isHostRef(value: unknown): value is HostRef {
  return typeof value === "string" && parseReference(value)?.field === "host";
}

export function isPortRef(value: unknown): value is PortRef {
  return typeof value === "string" && parseReference(value)?.field === "port";
}

/** `[host, port]` as a scenario writes it: either item may be a reference. */
export type AddressSpec = readonly [host: string, port: number | PortRef];

/** Where a runner finds the bound address of a named socket. */
export type BoundAddressOf = (name: string) => Address;

export function resolveAddress(spec: AddressSpec, boundAddressOf: BoundAddressOf): Address {
  const [host, port] = spec;
  return [resolveHost(host, boundAddressOf), typeof port === "number" ? port : boundAddressOf(parseReference(port)!.name)[1]];
}

function resolveHost(host: string, boundAddressOf: BoundAddressOf): string {
  const ref = parseReference(host);
  return ref ? boundAddressOf(ref.name)[0] : host;
}

/**
 * Replaces every reference string inside an `expect` value, so a scenario can
 * expect `getpeername` to be `["127.0.0.1", "$srv.port"]`.
 */
export function resolveValueReferences(value: unknown, boundAddressOf: BoundAddressOf): unknown {
  if (typeof value === "string") {
    const ref = parseReference(value);
    if (!ref) return value;
    const [host, port] = boundAddressOf(ref.name);
    return ref.field === "host" ? host : port;
  }
  if (Array.isArray(value)) return value.map((item) => resolveValueReferences(item, boundAddressOf));
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveValueReferences(v, boundAddressOf)]));
  }
  return value;
}

/** Every reference inside a value, for checking that each names a known socket. */
export function referencesIn(value: unknown): Reference[] {
  if (typeof value === "string") {
    const ref = parseReference(value);
    return ref ? [ref] : [];
  }
  if (Array.isArray(value)) return value.flatMap(referencesIn);
  if (typeof value === "object" && value !== null) return Object.values(value).flatMap(referencesIn);
  return [];
}

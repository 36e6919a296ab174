import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { isIP } from "node:net";
import { hostname, networkInterfaces } from "node:os";

export function newToken(): string {
  return randomBytes(24).toString("base64url");
}

/** Constant-time: hashing first makes both sides the same length. */
export function tokenMatches(expected: string, given: string | null): boolean {
  if (given === null) return false;
  const a = createHash("sha256").update(expected).digest();
  const b = createHash("sha256").update(given).digest();
  return timingSafeEqual(a, b);
}

export function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || (isIP(host) === 4 && host.startsWith("127."));
}

function urlHost(address: string): string {
  return isIP(address) === 6 ? `[${address}]` : address;
}

/** Listening on every interface: IPv4's or IPv6's wildcard. */
function isWildcard(host: string): boolean {
  return host === "0.0.0.0" || host === "::";
}

/** Every name that reaches the host: a wildcard host is reached by every interface, and by the machine's own name. */
function namesOf(host: string): string[] {
  const loopback = ["127.0.0.1", "localhost", "::1"];
  let names: string[];
  if (isLoopback(host)) names = [host, ...loopback];
  else if (isWildcard(host)) {
    const addresses = Object.values(networkInterfaces()).flatMap((list) => (list ?? []).map((a) => a.address));
    names = [...loopback, hostname(), ...addresses];
  } else names = [host];
  // Browsers lowercase the host in both headers; a machine name may not be.
  return [...new Set(names.map((name) => name.toLowerCase()))];
}

/** host:port as Host and Origin carry it: on HTTP's default port 80 a browser leaves the port out (other clients may not). */
function authorities(host: string, port: number): string[] {
  return namesOf(host)
    .map(urlHost)
    .flatMap((name) => (port === 80 ? [name, `${name}:80`] : [`${name}:${port}`]));
}

/** The page origins that may open the WebSocket: the host's own page, by any name that reaches it. */
export function allowedOrigins(host: string, port: number): Set<string> {
  return new Set(authorities(host, port).map((authority) => `http://${authority}`));
}

/**
 * The Host header values this server answers to: the names its origins use.
 * A page on another name (DNS rebinding: evil.example resolving to
 * 127.0.0.1) sends that name, and gets nothing.
 */
export function allowedHosts(host: string, port: number): Set<string> {
  return new Set(authorities(host, port));
}

export function pageUrl(host: string, port: number, token: string): string {
  const shown = isWildcard(host) ? "127.0.0.1" : host;
  return `http://${urlHost(shown)}:${port}/?token=${token}`;
}

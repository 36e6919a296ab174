import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { isIP } from "node:net";
import { networkInterfaces } from "node:os";

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

/**
 * The page origins that may open the WebSocket: the host's own address, by
 * any name that reaches it. A wildcard host is reached by every interface.
 */
export function allowedOrigins(host: string, port: number): Set<string> {
  const loopback = ["127.0.0.1", "localhost", "::1"];
  let names: string[];
  if (isLoopback(host)) names = [...new Set([host, ...loopback])];
  else if (host === "0.0.0.0" || host === "::") {
    const all = Object.values(networkInterfaces()).flatMap((list) => (list ?? []).map((a) => a.address));
    names = [...loopback, ...all];
  } else names = [host];
  return new Set(names.map((name) => `http://${urlHost(name)}:${port}`));
}

/**
 * The Host header values this server answers to: the names its origins use,
 * as host:port. A page on another name (DNS rebinding: evil.example resolving
 * to 127.0.0.1) sends that name, and gets nothing.
 */
export function allowedHosts(host: string, port: number): Set<string> {
  return new Set([...allowedOrigins(host, port)].map((origin) => origin.slice("http://".length).toLowerCase()));
}

export function pageUrl(host: string, port: number, token: string): string {
  const shown = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host;
  return `http://${urlHost(shown)}:${port}/?token=${token}`;
}

import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import type { Lab } from "../../src/main/lab/lab";
import type { SocketSnapshot } from "../../src/shared/socket-model";

/** Every figure a reliability test measured, printed in one greppable form. */
export function report(test: string, figures: Record<string, unknown>): void {
  console.log(`[reliability] ${test} ${JSON.stringify(figures)}`);
}

/** Why a test part cannot run, said out loud (a silent skip is a defect). */
export function sayWhySkipped(test: string, reason: string): void {
  console.warn(`[reliability] SKIPPED ${test}: ${reason}`);
}

/** Open file descriptors of this process. */
export function fdCount(): number {
  return readdirSync("/proc/self/fd").length;
}

/** process.getActiveResourcesInfo() as counts per resource type. */
export function activeResources(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const type of process.getActiveResourcesInfo()) counts[type] = (counts[type] ?? 0) + 1;
  return counts;
}

/** Resource types with more live instances now than in `baseline`. */
export function resourcesAbove(baseline: Record<string, number>, now = activeResources()): Record<string, number> {
  const extra: Record<string, number> = {};
  for (const [type, n] of Object.entries(now)) if (n > (baseline[type] ?? 0)) extra[type] = n - (baseline[type] ?? 0);
  return extra;
}

const gc = (globalThis as { gc?: () => void }).gc;

/** True when the worker runs with --expose-gc (the reliability config asks for it). */
export const HAS_GC = typeof gc === "function";

/** Full collections until the heap stops shrinking, then RSS in bytes. */
export async function settledRss(): Promise<{ rss: number; heapUsed: number }> {
  for (let i = 0; i < 4; i++) {
    gc?.();
    await new Promise((resolve) => setImmediate(resolve));
  }
  const usage = process.memoryUsage();
  return { rss: usage.rss, heapUsed: usage.heapUsed };
}

export const MB = 1024 * 1024;

/**
 * Polls `check` (every `everyMs`) until it returns true or `withinMs` passes.
 * Returns how long it took, or null when it never held: the caller asserts.
 */
export async function settle(check: () => boolean | Promise<boolean>, withinMs: number, everyMs = 20): Promise<number | null> {
  const start = performance.now();
  for (;;) {
    if (await check()) return performance.now() - start;
    if (performance.now() - start > withinMs) return null;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

export async function snapshotOf(lab: Lab): Promise<SocketSnapshot[]> {
  return (await lab.call("snapshot", {})).sockets;
}

/** A promise that settles within `ms`, or rejects naming what hung. */
export function within<T>(promise: Promise<T>, ms: number, what: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`hung for more than ${ms} ms: ${what()}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Whether this process can create network namespaces (root, `ip` present,
 * kernel allows it): null if it can, else the reason it cannot.
 */
export function netnsUnavailable(): string | null {
  if (process.platform !== "linux") return `network namespaces are Linux-only (platform ${process.platform})`;
  if (process.getuid?.() !== 0) return `creating a network namespace needs root (uid ${process.getuid?.()})`;
  const probe = `slabrel-probe-${process.pid}`;
  try {
    execFileSync("ip", ["netns", "add", probe], { stdio: "pipe" });
    execFileSync("ip", ["netns", "del", probe], { stdio: "pipe" });
    return null;
  } catch (err) {
    return `ip netns add failed: ${(err as Error).message.split("\n")[0]}`;
  }
}

/** A fresh network namespace with only loopback up; delete it with removeNetns. */
export function createNetns(purpose: string): string {
  const name = `slabrel-${purpose}-${process.pid}-${Date.now() % 100000}`;
  execFileSync("ip", ["netns", "add", name], { stdio: "pipe" });
  execFileSync("ip", ["netns", "exec", name, "ip", "link", "set", "lo", "up"], { stdio: "pipe" });
  return name;
}

export function removeNetns(name: string): void {
  try {
    execFileSync("ip", ["netns", "del", name], { stdio: "pipe" });
  } catch {
    // Already gone.
  }
}

const text = (hex: string): string => Buffer.from(hex, "hex").toString();

/** A listener, a client, accept, bytes both ways, close: the Lab still does TCP end to end. */
export async function tcpRoundTrip(lab: Lab): Promise<void> {
  const { fd: server } = await lab.call("socket", { family: "AF_INET", type: "SOCK_STREAM" });
  await lab.call("settimeout", { fd: server, seconds: 5 });
  await lab.call("bind", { fd: server, address: ["127.0.0.1", 0] });
  await lab.call("listen", { fd: server, backlog: 5 });
  const port = (await lab.call("getsockname", { fd: server }))[1];
  const { fd: client } = await lab.call("socket", { family: "AF_INET", type: "SOCK_STREAM" });
  await lab.call("settimeout", { fd: client, seconds: 5 });
  await lab.call("connect", { fd: client, address: ["127.0.0.1", port] });
  const { fd: conn } = await lab.call("accept", { fd: server });
  await lab.call("sendall", { fd: client, data: "ping" });
  const got = text((await lab.call("recv", { fd: conn, bufsize: 64 })).hex);
  if (got !== "ping") throw new Error(`TCP round trip: sent ping, received ${JSON.stringify(got)}`);
  await lab.call("sendall", { fd: conn, data: "pong" });
  const back = text((await lab.call("recv", { fd: client, bufsize: 64 })).hex);
  if (back !== "pong") throw new Error(`TCP round trip: sent pong, received ${JSON.stringify(back)}`);
  for (const fd of [client, conn, server]) await lab.call("close", { fd });
}

/** Two UDP sockets, a datagram each way, close. */
export async function udpRoundTrip(lab: Lab): Promise<void> {
  const { fd: a } = await lab.call("socket", { family: "AF_INET", type: "SOCK_DGRAM" });
  const { fd: b } = await lab.call("socket", { family: "AF_INET", type: "SOCK_DGRAM" });
  for (const fd of [a, b]) {
    await lab.call("settimeout", { fd, seconds: 5 });
    await lab.call("bind", { fd, address: ["127.0.0.1", 0] });
  }
  const addrA = await lab.call("getsockname", { fd: a });
  const addrB = await lab.call("getsockname", { fd: b });
  await lab.call("sendto", { fd: a, data: "ping", address: addrB });
  const first = await lab.call("recvfrom", { fd: b, bufsize: 64 });
  if (text(first.data.hex) !== "ping" || first.address?.[1] !== addrA[1]) throw new Error(`UDP round trip: got ${JSON.stringify(first)}`);
  await lab.call("sendto", { fd: b, data: "pong", address: addrA });
  const second = await lab.call("recvfrom", { fd: a, bufsize: 64 });
  if (text(second.data.hex) !== "pong" || second.address?.[1] !== addrB[1]) throw new Error(`UDP round trip: got ${JSON.stringify(second)}`);
  for (const fd of [a, b]) await lab.call("close", { fd });
}

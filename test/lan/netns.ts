import { execFileSync, spawn, spawnSync, type ChildProcess, type SpawnOptions } from "node:child_process";
import { readFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { it, type TestContext } from "vitest";

/**
 * A private LAN made of Linux network namespaces, for tests that need a real
 * broadcast domain with several hosts:
 *
 *   netns <prefix>-sw:  br0 (a bridge, STP and IGMP snooping off)
 *                        ├─ p-a ══ veth ══ eth0 in netns <prefix>-a  10.213.7.1/24
 *                        ├─ p-b ══ veth ══ eth0 in netns <prefix>-b  10.213.7.2/24
 *                        └─ p-c ══ veth ══ eth0 in netns <prefix>-c  10.213.7.3/24
 *
 * The bridge lives in a namespace of its own, so the host's network namespace
 * gains no interface, no address and no route, and no datagram of the tests
 * can leave the bridge: the subnet exists only behind it. Deleting the
 * namespaces deletes the bridge and every veth pair with them.
 *
 * Names carry the pid of the process that made them (`slab<pid>-…`), so
 * parallel runs never collide; leftovers of dead processes (an aborted run)
 * are deleted before a new LAN is made.
 */

export const SUBNET = "10.213.7";
export const PREFIX_LEN = 24;
/** What `ip addr ... broadcast +` gives for the subnet, and what the Lab must compute. */
export const SUBNET_BROADCAST = `${SUBNET}.255`;

const NAME_PREFIX = "slab";
const IP = "ip";

export interface LanHost {
  /** Short name: "a", "b", "c". */
  readonly name: string;
  /** The network namespace the host lives in. */
  readonly netns: string;
  /** The interface name inside the namespace. */
  readonly dev: "eth0";
  /** Its IPv4 address on the LAN. */
  readonly address: string;
}

export interface Lan {
  readonly hosts: Readonly<Record<"a" | "b" | "c", LanHost>>;
  /** More hosts, h1…hN at .11 onwards, when createLan was asked for them (a classroom's worth of agents). */
  readonly more: readonly LanHost[];
  /** Every namespace of this LAN, switch included. */
  readonly namespaces: readonly string[];
  /** Deletes everything; safe to call more than once. */
  destroy(): void;
}

function ip(args: readonly string[]): string {
  try {
    return execFileSync(IP, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: 10_000 });
  } catch (err) {
    const stderr = (err as { stderr?: string }).stderr?.trim();
    throw new Error(`ip ${args.join(" ")} failed: ${stderr || (err as Error).message}`, { cause: err });
  }
}

function listNamespaces(): string[] {
  const out = spawnSync(IP, ["netns", "list"], { encoding: "utf8" });
  if (out.status !== 0) return [];
  // Lines look like "slab123-a (id: 4)" or just "slab123-a".
  return out.stdout
    .split("\n")
    .map((line) => line.trim().split(/\s+/)[0] ?? "")
    .filter((name) => name !== "");
}

/** Kills what an aborted run left running in one of its namespaces (its agents and receivers). */
function killProcessesIn(name: string): void {
  const out = spawnSync(IP, ["netns", "pids", name], { encoding: "utf8", timeout: 10_000 });
  for (const pid of out.stdout?.split("\n").map(Number).filter((n) => Number.isInteger(n) && n > 0) ?? []) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // Already gone.
    }
  }
}

function deleteNamespace(name: string): void {
  // Best effort: a namespace a still-running process holds disappears when it exits.
  spawnSync(IP, ["netns", "delete", name], { stdio: "ignore", timeout: 10_000 });
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Deletes namespaces left by runs whose process is gone (never those of a live parallel run). */
export function removeLeftovers(): string[] {
  const removed: string[] = [];
  for (const name of listNamespaces()) {
    const match = new RegExp(`^${NAME_PREFIX}(\\d+)-`).exec(name);
    if (!match) continue;
    const pid = Number(match[1]);
    if (pid === process.pid || processAlive(pid)) continue;
    killProcessesIn(name);
    deleteNamespace(name);
    removed.push(name);
  }
  return removed;
}

/**
 * Why LAN tests cannot run here, or null when they can. Checked up front so a
 * skip always says why: not root, no iproute2, namespaces refused (e.g. an
 * unprivileged container), or no python3 for the tutorial's receiver.
 */
export function lanUnavailable(): string | null {
  if (process.platform !== "linux") return `network namespaces need Linux (this is ${process.platform})`;
  const uid = process.getuid?.() ?? -1;
  if (uid !== 0) return `not root (uid ${uid}): creating network namespaces, veth pairs and a bridge needs root`;
  const version = spawnSync(IP, ["-V"], { encoding: "utf8" });
  if (version.error || version.status !== 0) return "`ip` (iproute2) is not installed: apt-get install iproute2";
  const probe = `${NAME_PREFIX}${process.pid}-probe`;
  const added = spawnSync(IP, ["netns", "add", probe], { encoding: "utf8" });
  if (added.status !== 0) return `\`ip netns add\` is not available here: ${(added.stderr || String(added.error)).trim()}`;
  const veth = spawnSync(IP, ["-n", probe, "link", "add", "v0", "type", "veth", "peer", "name", "v1"], { encoding: "utf8" });
  const bridge = spawnSync(IP, ["-n", probe, "link", "add", "br0", "type", "bridge"], { encoding: "utf8" });
  deleteNamespace(probe);
  if (veth.status !== 0) return `veth pairs are not available: ${veth.stderr.trim()}`;
  if (bridge.status !== 0) return `bridges are not available: ${bridge.stderr.trim()}`;
  const python = spawnSync("python3", ["-c", "import socket"], { encoding: "utf8" });
  if (python.error || python.status !== 0) return "python3 is not installed (the tutorial's receiver runs in CPython): apt-get install python3";
  return null;
}

async function waitUntil(what: string, check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(20);
  }
}

function operstate(netns: string, dev: string): string {
  const out = JSON.parse(ip(["-n", netns, "-j", "link", "show", "dev", dev])) as { operstate?: string }[];
  return out[0]?.operstate ?? "UNKNOWN";
}

/** Builds the LAN (hosts a, b, c and `more` others); on any failure, removes what it had made and rethrows. */
export async function createLan(more = 0): Promise<Lan> {
  removeLeftovers();
  const base = `${NAME_PREFIX}${process.pid}`;
  const sw = `${base}-sw`;
  const hosts = {
    a: { name: "a", netns: `${base}-a`, dev: "eth0", address: `${SUBNET}.1` },
    b: { name: "b", netns: `${base}-b`, dev: "eth0", address: `${SUBNET}.2` },
    c: { name: "c", netns: `${base}-c`, dev: "eth0", address: `${SUBNET}.3` },
  } as const satisfies Record<string, LanHost>;
  const others: LanHost[] = Array.from({ length: more }, (_, i) => ({ name: `h${i + 1}`, netns: `${base}-h${i + 1}`, dev: "eth0", address: `${SUBNET}.${11 + i}` }));
  const all = [...Object.values(hosts), ...others];
  const namespaces = [sw, ...all.map((h) => h.netns)];

  let destroyed = false;
  const destroy = (): void => {
    if (destroyed) return;
    destroyed = true;
    process.off("exit", destroy);
    for (const ns of namespaces) deleteNamespace(ns);
  };
  // Last resort if the test process exits without its afterAll (the next run removes the rest).
  process.on("exit", destroy);

  try {
    for (const ns of namespaces) ip(["netns", "add", ns]);
    ip(["-n", sw, "link", "set", "lo", "up"]);
    // No STP (ports forward at once) and no IGMP snooping (the bridge floods multicast,
    // so membership is decided by each host's kernel, which is what the tests look at).
    ip(["-n", sw, "link", "add", "br0", "type", "bridge", "stp_state", "0", "forward_delay", "0", "mcast_snooping", "0"]);
    ip(["-n", sw, "link", "set", "br0", "up"]);
    for (const host of all) {
      const port = `p-${host.name}`;
      ip(["-n", sw, "link", "add", port, "type", "veth", "peer", "name", host.dev, "netns", host.netns]);
      ip(["-n", sw, "link", "set", port, "master", "br0"]);
      ip(["-n", sw, "link", "set", port, "up"]);
      ip(["-n", host.netns, "link", "set", "lo", "up"]);
      ip(["-n", host.netns, "addr", "add", `${host.address}/${PREFIX_LEN}`, "broadcast", "+", "dev", host.dev]);
      ip(["-n", host.netns, "link", "set", host.dev, "up"]);
      // A LAN host usually has a default route, which also carries 255.255.255.255 and
      // multicast. These hosts have none, so they get just those two routes: without the
      // first, sendto('<broadcast>') fails with ENETUNREACH; without the second, joining
      // a group without naming the interface fails with ENODEV.
      ip(["-n", host.netns, "route", "add", "255.255.255.255/32", "dev", host.dev]);
      ip(["-n", host.netns, "route", "add", "224.0.0.0/4", "dev", host.dev]);
    }
    await waitUntil(
      "the LAN's links to come up",
      () => all.every((h) => operstate(h.netns, h.dev) === "UP" && operstate(sw, `p-${h.name}`) === "UP"),
      5000,
    );
  } catch (err) {
    destroy();
    throw err;
  }
  return { hosts, more: others, namespaces, destroy };
}

/** Starts `command args` inside a host's namespace (`ip netns exec`), from the repository root. */
export function spawnIn(netns: string, command: string, args: readonly string[], options: SpawnOptions = {}): ChildProcess {
  return spawn(IP, ["netns", "exec", netns, command, ...args], { stdio: ["pipe", "pipe", "pipe"], ...options });
}

let unavailableReason: string | null | undefined;

/** A LAN test: skipped, saying why, where namespaces cannot be made (lanUnavailable, asked once). */
export function lanTest(name: string, body: () => Promise<void>, timeoutMs?: number): void {
  it(
    name,
    async (ctx: TestContext) => {
      unavailableReason ??= lanUnavailable();
      if (unavailableReason) {
        console.log(`[lan] skipped "${name}": ${unavailableReason}`);
        ctx.skip(unavailableReason);
      }
      await body();
    },
    timeoutMs,
  );
}

/** Reads a file as a process in `netns` sees it (null: this process's own namespace). */
function readIn(netns: string | null, path: string): string {
  if (netns === null) return readFileSync(path, "utf8");
  return execFileSync(IP, ["netns", "exec", netns, "cat", path], { encoding: "utf8", timeout: 5_000 });
}

/** Whether some UDP socket in `netns` (null: here) is bound to `port`, from the kernel's own table: a probe bind of ours could steal the port. */
export function udpBound(netns: string | null, port: number): boolean {
  const hex = `:${port.toString(16).toUpperCase().padStart(4, "0")}`;
  return readIn(netns, "/proc/net/udp").split("\n").slice(1).some((line) => line.trim().split(/\s+/)[1]?.endsWith(hex));
}

/** Whether a socket in `netns` has joined IPv4 `group` on some interface (/proc/net/igmp lists groups as little-endian hex). */
export function joinedIn(netns: string, group: string): boolean {
  const hex = group.split(".").reverse().map((o) => Number(o).toString(16).toUpperCase().padStart(2, "0")).join("");
  return readIn(netns, "/proc/net/igmp").split("\n").some((line) => line.trim().startsWith(hex));
}

/**
 * Waits until `ready()` holds, checking every 25 ms for at most `withinMs`,
 * then fails naming `what`: a program is listening once the kernel says so,
 * not after a guessed sleep that a loaded machine outlasts.
 */
export async function until(ready: () => boolean, what: string, withinMs = 15_000): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (!ready()) {
    if (Date.now() > deadline) throw new Error(`not ready within ${withinMs} ms: ${what}`);
    await sleep(25);
  }
}

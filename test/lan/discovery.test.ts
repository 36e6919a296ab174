import { spawnSync } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect } from "vitest";
import { JsonLinesProcess } from "./json-lines";
import { createLan, joinedIn, lanUnavailable, spawnIn, udpBound, until, type Lan, type LanHost, lanTest as lanTestWithin } from "./netns";

/**
 * `socket-lab discover` on a real LAN (three network namespaces on one
 * bridge, see netns.ts). A and B run responders written for these tests
 * (discovery-responder.ts): A an mDNS responder that adds SRV/TXT/A to its
 * answers, an SSDP device, an LLMNR and a NetBIOS name; B an mDNS responder
 * that answers only what it is asked (so the discoverer must ask for SRV, TXT
 * and A itself), an SSDP device and a WS-Discovery camera. C runs the
 * discoverer, the real CLI, and must find each with the right protocol,
 * address, interface and names.
 */

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const CLI = fileURLToPath(new URL("../../src/main/cli/index.ts", import.meta.url));
const RESPONDER = fileURLToPath(new URL("./discovery-responder.ts", import.meta.url));
const TSX = import.meta.resolve("tsx");
const MDNS_GROUP = "224.0.0.251";
const SSDP_GROUP = "239.255.255.250";


/** Each discovery test starts processes in namespaces: more time than a unit test gets. */
const lanTest = (name: string, body: () => Promise<void>) => lanTestWithin(name, body, 30_000);
const unavailable = lanUnavailable();
if (unavailable) console.log(`[lan] every discovery LAN test is skipped: ${unavailable}`);


type Got = { got: { protocol: string; from: [string, number]; what: unknown } };
type Line = { ready?: boolean } & Partial<Got>;

class Responder extends JsonLinesProcess<Line> {
  static async start(host: LanHost, config: Record<string, unknown>): Promise<Responder> {
    const child = spawnIn(host.netns, process.execPath, ["--import", TSX, RESPONDER, JSON.stringify({ address: host.address, ...config })], { cwd: ROOT });
    const r = new Responder(`responder on ${host.name}`, child);
    await r.waitFor("ready", (l) => l.ready === true, 15_000);
    return r;
  }
  queriesFrom(address: string): Got["got"][] {
    return this.lines.flatMap((l) => (l.got && l.got.from[0] === address ? [l.got] : []));
  }
}

interface DeviceLine {
  protocol: string;
  address: string;
  ifname: string | null;
  name: string | null;
  names: string[];
  services: string[];
  rtt_ms: number | null;
  answered: boolean;
  announced: boolean;
  queried: boolean;
  dst: string[];
  instances?: { fqdn: string; name: string; type: string; host: string | null; port: number | null; txt: string[] }[];
  usn?: string;
  usns?: string[];
  locations?: string[];
  server?: string;
}

/** Runs the CLI in a host's namespace; resolves with its exit status and output (bounded by `timeout` and a kill). */
function discoverIn(host: LanHost, args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawnIn(host.netns, process.execPath, ["--import", TSX, CLI, "discover", ...args], { cwd: ROOT });
    let stdout = "";
    let stderr = "";
    child.stdout!.setEncoding("utf8").on("data", (c: string) => (stdout += c));
    child.stderr!.setEncoding("utf8").on("data", (c: string) => (stderr += c));
    const killer = setTimeout(() => child.kill("SIGKILL"), 25_000);
    child.on("exit", (code) => {
      clearTimeout(killer);
      resolve({ code, stdout, stderr });
    });
  });
}

function devices(stdout: string): DeviceLine[] {
  return stdout
    .split("\n")
    .filter((l) => l.startsWith("{") && !l.startsWith('{"datagram"'))
    .map((l) => JSON.parse(l) as DeviceLine);
}

function one(list: DeviceLine[], protocol: string, address: string): DeviceLine {
  const found = list.filter((d) => d.protocol === protocol && d.address === address);
  expect(found, `${protocol} lines for ${address} in ${JSON.stringify(list.map((d) => [d.protocol, d.address]))}`).toHaveLength(1);
  return found[0]!;
}

describe("socket-lab discover on a real LAN (network namespaces)", () => {
  let lan: Lan | undefined;
  const children: { stop(): Promise<void> }[] = [];
  let ra: Responder;
  let rb: Responder;

  beforeAll(async () => {
    if (unavailable) return;
    lan = await createLan();
    const started = await Promise.allSettled([
      Responder.start(lan.hosts.a, { host: "host-a", mdns: "full", ssdp: true, llmnr: true, nbns: true }),
      Responder.start(lan.hosts.b, { host: "host-b", mdns: "minimal", ssdp: true, wsd: true }),
    ]);
    for (const s of started) if (s.status === "fulfilled") children.push(s.value);
    for (const s of started) if (s.status === "rejected") throw s.reason;
    [ra, rb] = started.map((s) => (s as PromiseFulfilledResult<Responder>).value) as [Responder, Responder];
  }, 40_000);

  afterAll(async () => {
    await Promise.allSettled(children.map((c) => c.stop()));
    lan?.destroy();
  }, 15_000);

  lanTest("C finds A and B by mDNS/DNS-SD, SSDP, WS-Discovery, LLMNR and NetBIOS, with addresses, interface, names and RTTs", async () => {
    const { a, b, c } = lan!.hosts;
    const run = await discoverIn(c, ["--timeout", "2.5", "--name", "host-a", "--iface", "eth0"]);
    expect(run.code, run.stderr).toBe(0);
    const list = devices(run.stdout);
    expect(run.stderr, "every protocol was answered: no hint").not.toMatch(/no device answered/);
    expect(list.filter((d) => d.address === c.address), "C does not list itself").toEqual([]);
    for (const d of list) expect(d.ifname, `${d.protocol} ${d.address}`).toBe("eth0");

    // A's mDNS answer carried SRV, TXT and A as additional records.
    const mdnsA = one(list, "mdns", a.address);
    expect(mdnsA).toMatchObject({ answered: true, dst: ["unicast"] });
    expect(mdnsA.services).toContain("_http._tcp.local");
    expect(mdnsA.names).toEqual(expect.arrayContaining(["Device host-a", "host-a.local"]));
    expect(mdnsA.instances).toEqual([{ fqdn: "Device host-a._http._tcp.local", name: "Device host-a", type: "_http._tcp.local", host: "host-a.local", port: 8080, txt: ["host=host-a", "path=/"] }]);
    // B answered only what it was asked: the instance, its SRV/TXT and its host's A came from follow-up queries.
    const mdnsB = one(list, "mdns", b.address);
    expect(mdnsB.instances).toEqual([{ fqdn: "Device host-b._ipp._tcp.local", name: "Device host-b", type: "_ipp._tcp.local", host: "host-b.local", port: 631, txt: ["host=host-b", "path=/"] }]);
    expect(mdnsB.names).toContain("host-b.local");
    const asked = rb.queriesFrom(c.address).filter((q) => q.protocol === "mdns").flatMap((q) => q.what as string[]);
    expect(asked).toEqual(expect.arrayContaining(["_services._dns-sd._udp.local PTR", "_ipp._tcp.local PTR", "Device host-b._ipp._tcp.local SRV", "Device host-b._ipp._tcp.local TXT", "host-b.local A"]));

    for (const [host, r] of [
      [a, ra],
      [b, rb],
    ] as const) {
      const ssdp = one(list, "ssdp", host.address);
      expect(ssdp).toMatchObject({ answered: true, dst: ["unicast"], server: "Linux/6.1 UPnP/1.1 TestDevice/1.0" });
      expect(ssdp.services).toEqual(expect.arrayContaining(["upnp:rootdevice"]));
      expect(ssdp.usns?.some((u) => u.endsWith("::upnp:rootdevice"))).toBe(true);
      expect(ssdp.locations).toEqual([`http://${host.address}:49152/${host === a ? "host-a" : "host-b"}.xml`]);
      // Both search targets went out (sent twice: once more after a second).
      expect(r.queriesFrom(c.address).filter((q) => q.protocol === "ssdp").map((q) => q.what)).toEqual(expect.arrayContaining(["ssdp:all", "upnp:rootdevice"]));
    }

    const wsd = one(list, "wsd", b.address);
    expect(wsd).toMatchObject({ answered: true, dst: ["unicast"], services: ["dn:NetworkVideoTransmitter"], names: ["Camera host-b"], locations: [`http://${b.address}:8000/onvif/device_service`] });
    expect(wsd.usn).toMatch(/^urn:uuid:/);
    expect(list.some((d) => d.protocol === "wsd" && d.address === a.address), "A has no WS-Discovery target").toBe(false);

    const llmnr = one(list, "llmnr", a.address);
    expect(llmnr).toMatchObject({ answered: true, names: ["host-a"], dst: ["unicast"] });
    // NetBIOS: A answered the broadcast name query, and the node status request sent to it once it was found.
    const nbns = one(list, "nbns", a.address);
    expect(nbns).toMatchObject({ answered: true, dst: ["unicast"] });
    expect(nbns.names).toEqual(["HOST-A"]);
    expect(ra.queriesFrom(c.address).filter((q) => q.protocol === "nbns").map((q) => q.what)).toEqual(expect.arrayContaining(["HOST-A 32", "* 33"]));

    // Every answer to a probe has a round-trip time, and on a bridge between namespaces it is short.
    for (const d of list) {
      expect(d.rtt_ms, `${d.protocol} ${d.address} rtt`).not.toBeNull();
      expect(d.rtt_ms!).toBeGreaterThan(0);
      expect(d.rtt_ms!).toBeLessThan(1500);
    }
  });

  lanTest("on the portable engine (no IP_PKTINFO) the same devices are found, the interface worked out from the probe's socket", async () => {
    const { a, b, c } = lan!.hosts;
    const run = await discoverIn(c, ["--engine", "portable", "--timeout", "1.5", "--protocols", "mdns,ssdp,wsd,llmnr", "--name", "nobody"]);
    expect(run.code, run.stderr).toBe(0);
    // Nobody is called "nobody": LLMNR got no answer, and stderr says what to check.
    expect(run.stderr.split("\n").filter((l) => l.includes("no device answered"))).toEqual([expect.stringMatching(/^socket-lab: discover: LLMNR: no device answered\. What to check: The name is not the device's/)]);
    const found = devices(run.stdout).map((d) => [d.protocol, d.address, d.ifname, d.answered, d.dst.join()]);
    expect(found.sort()).toEqual(
      [
        ["mdns", a.address, "eth0", true, "unicast"],
        ["mdns", b.address, "eth0", true, "unicast"],
        ["ssdp", a.address, "eth0", true, "unicast"],
        ["ssdp", b.address, "eth0", true, "unicast"],
        ["wsd", b.address, "eth0", true, "unicast"],
      ].sort(),
    );
  });

  lanTest("a probe as a scenario: discover --scenario mdns, run by socket-lab run and, exported, by CPython, gets a device's unicast answer", async () => {
    const { a, b, c } = lan!.hosts;
    const made = spawnSync("ip", ["netns", "exec", c.netns, process.execPath, "--import", TSX, CLI, "discover", "--scenario", "mdns", "--iface", "eth0", "--timeout", "2"], { cwd: ROOT, encoding: "utf8", timeout: 20_000 });
    expect(made.status, made.stderr).toBe(0);
    const file = join(await mkdtemp(join(tmpdir(), "socket-lab-discover-")), "mdns.json");
    await writeFile(file, made.stdout);
    const ran = spawnSync("ip", ["netns", "exec", c.netns, process.execPath, "--import", TSX, CLI, "run", file], { cwd: ROOT, encoding: "utf8", timeout: 20_000 });
    expect(ran.status, ran.stderr).toBe(0);
    const lines = ran.stdout.trim().split("\n").map((l) => JSON.parse(l) as { op: string; ok: boolean; value?: unknown });
    const got = lines.find((l) => l.op === "recvfrom");
    expect(got, ran.stdout).toMatchObject({ ok: true, value: [{ hex: expect.any(String) }, [expect.stringMatching(new RegExp(`^(${a.address}|${b.address})$`)), 5353]] });

    const program = spawnSync("ip", ["netns", "exec", c.netns, process.execPath, "--import", TSX, CLI, "export-python", file], { cwd: ROOT, encoding: "utf8", timeout: 20_000 });
    expect(program.status, program.stderr).toBe(0);
    const py = spawnSync("ip", ["netns", "exec", c.netns, "python3", "-"], { input: program.stdout, encoding: "utf8", timeout: 20_000 });
    expect(py.status, py.stderr).toBe(0);
    // The REPL's repr of recvfrom: the answer's bytes and who sent it, one of the two responders, from 5353.
    expect(py.stdout).toMatch(new RegExp(`\\('(${a.address}|${b.address})', 5353\\)\\)`));
    expect(py.stdout).toContain("_services\\x07_dns-sd");
  });

  lanTest("passive mode on C sends nothing, sees B's unprompted mDNS announcement (multicast) and A's queries", async () => {
    const { a, b, c } = lan!.hosts;
    const announcer = await Responder.start(b, { host: "announcer-b", mdns: "full", announce: { every_ms: 150, count: 40 } });
    children.push(announcer);
    const before = { a: ra.lines.length, b: rb.lines.length };
    const passive = discoverIn(c, ["--passive", "--timeout", "5", "--protocols", "mdns,ssdp,wsd"]);
    // While C listens, A probes: C must see A's queries as they cross the LAN.
    await until(() => joinedIn(c.netns, MDNS_GROUP) && joinedIn(c.netns, SSDP_GROUP) && udpBound(c.netns, 5353) && udpBound(c.netns, 1900), "C's passive discover listening on mDNS and SSDP");
    const probing = await discoverIn(a, ["--timeout", "0.5", "--protocols", "mdns,ssdp"]);
    expect(probing.code, probing.stderr).toBe(0);
    const run = await passive;
    await announcer.stop();
    expect(run.code, run.stderr).toBe(0);
    const list = devices(run.stdout);

    const fromB = one(list, "mdns", b.address);
    expect(fromB).toMatchObject({ announced: true, answered: false, dst: ["multicast"], rtt_ms: null, ifname: "eth0" });
    expect(fromB.names).toEqual(expect.arrayContaining(["Device announcer-b", "announcer-b.local"]));
    expect(one(list, "mdns", a.address)).toMatchObject({ queried: true, answered: false });
    expect(one(list, "ssdp", a.address)).toMatchObject({ queried: true, answered: false });

    // Nothing came from C: no responder got a query from it during the passive run.
    expect(ra.lines.slice(before.a).filter((l) => l.got?.from[0] === c.address)).toEqual([]);
    expect(rb.lines.slice(before.b).filter((l) => l.got?.from[0] === c.address)).toEqual([]);
  });

  lanTest("--packets prints every datagram as it arrives; an undecodable one is shown with its bytes and why, and discovery goes on", async () => {
    const { a, c } = lan!.hosts;
    const passive = discoverIn(c, ["--passive", "--packets", "--timeout", "3", "--protocols", "ssdp"]);
    await until(() => joinedIn(c.netns, SSDP_GROUP) && udpBound(c.netns, 1900), "C's passive discover listening on SSDP");
    // Garbage to the SSDP group from A, then a real NOTIFY.
    const py = [
      "import socket",
      "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)",
      `s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_IF, socket.inet_aton('${a.address}'))`,
      "s.sendto(b'NOTIFY * HTTP/1.1\\r\\nHOST 239.255.255.250\\r\\n\\r\\n', ('239.255.255.250', 1900))",
      "s.sendto(b'NOTIFY * HTTP/1.1\\r\\nHOST: 239.255.255.250:1900\\r\\nNT: upnp:rootdevice\\r\\nNTS: ssdp:alive\\r\\nUSN: uuid:abc::upnp:rootdevice\\r\\nLOCATION: http://x/\\r\\n\\r\\n', ('239.255.255.250', 1900))",
    ].join("\n");
    const sent = spawnSync("ip", ["netns", "exec", a.netns, "python3", "-c", py], { encoding: "utf8", timeout: 10_000 });
    expect(sent.status, sent.stderr).toBe(0);
    const run = await passive;
    expect(run.code, run.stderr).toBe(0);
    const datagrams = run.stdout
      .split("\n")
      .filter((l) => l.startsWith('{"datagram"'))
      .map((l) => (JSON.parse(l) as { datagram: Record<string, unknown> }).datagram)
      .filter((d) => (d.src as [string, number])[0] === a.address);
    expect(datagrams).toHaveLength(2);
    expect(datagrams[0]).toMatchObject({ protocol: "ssdp", undecodable: true, reason: expect.stringMatching(/header line without a name and colon/), hex: expect.stringMatching(/^4e4f54494659/) });
    expect(datagrams[1]).toMatchObject({ protocol: "ssdp", kind: "announcement", cast: "multicast", ifname: "eth0", dst: ["239.255.255.250", 1900] });
    expect(one(devices(run.stdout), "ssdp", a.address)).toMatchObject({ announced: true, usn: "uuid:abc::upnp:rootdevice" });
  });
});

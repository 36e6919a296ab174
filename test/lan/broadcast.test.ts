import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect } from "vitest";
import type { LabEvent } from "../../src/shared/events";
import { LabAgent, PythonReceiver } from "./agent-client";
import { createLan, lanUnavailable, SUBNET_BROADCAST, type Lan, lanTest } from "./netns";

/**
 * The tutorial's broadcast ("广播数据") on a real LAN: three hosts A, B and C
 * in network namespaces on one bridge (see netns.ts). A runs the Lab as the
 * sender; B runs the Lab as a receiver; C runs the tutorial's receiver in
 * CPython. Every datagram crosses real veth links and a real bridge.
 */

const TUTORIAL_PORT = 12345;
const MULTICAST_PORT = 12346;
const REUSE_PORT = 12347;
const UNICAST_BOUND_PORT = 12348;
const GROUP = "239.1.2.3";
const SCENARIO = fileURLToPath(new URL("./fixtures/tutorial-broadcast.json", import.meta.url));

/** How long a datagram that should arrive may take (it takes well under a millisecond). */
const ARRIVES_S = 2;
/** How long to wait for one that must not arrive, where no sentinel can prove its absence. */
const ABSENT_S = 0.3;

const unavailable = lanUnavailable();
if (unavailable) console.log(`[lan] every LAN test is skipped: ${unavailable}`);


type Address = readonly [string, number];
type DataEvent = Extract<LabEvent, { type: "data" }>;

function isData(e: LabEvent): e is DataEvent {
  return e.type === "data";
}

function valueOf<T>(result: PromiseSettledResult<T>): T {
  if (result.status === "rejected") throw result.reason;
  return result.value;
}

const byHost = (x: { from: Address | null }, y: { from: Address | null }) => String(x.from).localeCompare(String(y.from));

describe("broadcast and multicast between hosts on a real LAN (network namespaces)", () => {
  let lan: Lan | undefined;
  let a: LabAgent;
  let b: LabAgent;
  let c: PythonReceiver;
  /** Every child process, stopped in afterAll whatever happened. */
  const children: { stop(): Promise<void> }[] = [];
  let A: string, B: string, C: string;
  /** B's Lab socket playing the tutorial's receiver: ('', 12345), auto-reply "ACK". */
  let bTutorial: number;

  beforeAll(async () => {
    if (unavailable) return;
    lan = await createLan();
    ({ a: { address: A }, b: { address: B }, c: { address: C } } = lan.hosts);
    // Started together (each takes a few hundred ms); whatever did start is stopped in afterAll.
    const [ra, rb, rc] = await Promise.allSettled([LabAgent.start(lan.hosts.a), LabAgent.start(lan.hosts.b), PythonReceiver.start(lan.hosts.c, TUTORIAL_PORT)]);
    for (const r of [ra, rb, rc]) if (r.status === "fulfilled") children.push(r.value);
    a = valueOf(ra);
    b = valueOf(rb);
    c = valueOf(rc);

    // The tutorial's receiver (接受方), in B's Lab.
    bTutorial = await b.udpSocket({ reuseaddr: true, broadcast: true, bind: ["", TUTORIAL_PORT] });
    await b.call("auto", { fd: bTutorial, reply: "ACK" });
  }, 30_000);

  afterAll(async () => {
    await Promise.allSettled(children.map((child) => child.stop()));
    lan?.destroy();
  }, 15_000);

  /** The `expected` datagrams `fd` receives, and proof that no other comes within ABSENT_S seconds. */
  async function receiveExactly(agent: LabAgent, fd: number, expected: number): Promise<{ text: string; from: Address | null }[]> {
    const got: { text: string; from: Address | null }[] = [];
    for (let i = 0; i < expected; i++) got.push(await agent.recvfromWithin(fd, ARRIVES_S));
    await agent.call("settimeout", { fd, seconds: ABSENT_S });
    const extra = await agent.callError("recvfrom", { fd, bufsize: 8192 });
    expect(extra, `no datagram beyond the ${expected} expected`).toMatchObject({ type: "TimeoutError", errno: null });
    return got;
  }

  for (const kind of ["subnet-directed", "'<broadcast>'"] as const) {
    lanTest(`A's ${kind} broadcast reaches B (Lab) and C (CPython), and A gets exactly their unicast ACKs`, async () => {
      // The subnet broadcast address as the Lab computes it for A's interface.
      const ifaces = await a.call("interfaces", {});
      const mine = ifaces.find((i) => i.address === A);
      expect(mine, `A's interface with ${A}`).toMatchObject({ name: "eth0", family: "AF_INET", netmask: "255.255.255.0", broadcast: SUBNET_BROADCAST });
      const destination = kind === "subnet-directed" ? mine!.broadcast! : "<broadcast>";
      const onWire = kind === "subnet-directed" ? SUBNET_BROADCAST : "255.255.255.255";

      const fd = await a.udpSocket({ broadcast: true });
      const eventsBefore = a.events.length;
      expect(await a.call("sendto", { fd, data: "Hi there!", address: [destination, TUTORIAL_PORT] })).toBe(9);
      const [, port] = await a.call("getsockname", { fd });

      const acks = await receiveExactly(a, fd, 2);
      expect(acks.sort(byHost)).toEqual([
        { text: "ACK", from: [B, TUTORIAL_PORT] },
        { text: "ACK", from: [C, TUTORIAL_PORT] },
      ]);

      // Both receivers saw A's datagram, from A's own address (not a broadcast one).
      await c.waitForDatagram("Hi there!", [A, port]);
      await b.waitForEvent(`B's receiver getting "Hi there!" from ${A}:${port}`, (e) => isData(e) && e.fd === bTutorial && e.dir === "in" && e.src?.[0] === A && e.src[1] === port);

      // The Lab's log in A: one datagram out, marked as a broadcast, then the two ACKs in.
      const logged = a.events.slice(eventsBefore).filter((e): e is DataEvent => isData(e) && e.fd === fd);
      expect(logged.filter((e) => e.dir === "out")).toEqual([expect.objectContaining({ len: 9, dst: [onWire, TUTORIAL_PORT], cast: "broadcast" })]);
      expect(logged.filter((e) => e.dir === "in").map((e) => [e.src, e.len]).sort()).toEqual([
        [[B, TUTORIAL_PORT], 3],
        [[C, TUTORIAL_PORT], 3],
      ]);
      await a.call("close", { fd });
    });
  }

  lanTest("without SO_BROADCAST, sending to a broadcast address fails with PermissionError EACCES and nothing leaves", async () => {
    const fd = await a.udpSocket();
    const eventsBefore = a.events.length;
    expect(await a.call("getsockopt", { fd, level: "SOL_SOCKET", name: "SO_BROADCAST" })).toBe(0);
    for (const destination of [SUBNET_BROADCAST, "<broadcast>"]) {
      const error = await a.callError("sendto", { fd, data: "refused", address: [destination, TUTORIAL_PORT] });
      expect(error, `sendto ${destination}`).toMatchObject({ type: "PermissionError", errno: "EACCES" });
    }
    const after = a.events.slice(eventsBefore);
    expect(after.some((e) => isData(e) && e.fd === fd && e.dir === "out"), "a data event for a refused send").toBe(false);
    expect(after.filter((e) => e.type === "error" && e.fd === fd).map((e) => e.type === "error" && [e.op, e.error.errno])).toEqual([
      ["sendto", "EACCES"],
      ["sendto", "EACCES"],
    ]);

    // With the option the same call works; C gets that datagram, and never got the refused ones
    // (datagrams from one sender on one path arrive in order, so this is proof, not a guess).
    await a.call("setsockopt", { fd, level: "SOL_SOCKET", name: "SO_BROADCAST", value: 1 });
    expect(await a.call("sendto", { fd, data: "allowed", address: [SUBNET_BROADCAST, TUTORIAL_PORT] })).toBe(7);
    await c.waitForDatagram("allowed", [A, (await a.call("getsockname", { fd }))[1]]);
    expect(c.received.map((d) => d.got)).not.toContain("refused");
    await a.call("close", { fd });
  });

  lanTest("two receivers on one host with SO_REUSEADDR each get a copy of a broadcast (and a third without it gets EADDRINUSE)", async () => {
    const r1 = await b.udpSocket({ reuseaddr: true, broadcast: true, bind: ["", REUSE_PORT] });
    const r2 = await b.udpSocket({ reuseaddr: true, broadcast: true, bind: ["", REUSE_PORT] });
    const r3 = await b.udpSocket();
    expect(await b.callError("bind", { fd: r3, address: ["", REUSE_PORT] })).toMatchObject({ type: "OSError", errno: "EADDRINUSE" });

    const fd = await a.udpSocket({ broadcast: true });
    await a.call("sendto", { fd, data: "Hi there!", address: [SUBNET_BROADCAST, REUSE_PORT] });
    const [, port] = await a.call("getsockname", { fd });
    for (const r of [r1, r2]) expect(await b.recvfromWithin(r, ARRIVES_S), `receiver fd ${r}`).toEqual({ text: "Hi there!", from: [A, port] });

    for (const s of [r1, r2, r3]) await b.call("close", { fd: s });
    await a.call("close", { fd });
  });

  lanTest("a socket bound to the host's unicast address does not receive the subnet broadcast; one bound to '' does", async () => {
    // Linux delivers a broadcast only to sockets bound to the wildcard (or to that broadcast
    // address): a socket bound to 10.213.7.2 matches unicast to 10.213.7.2 and nothing else.
    const specific = await b.udpSocket({ reuseaddr: true, broadcast: true, bind: [B, UNICAST_BOUND_PORT] });
    const wildcard = await b.udpSocket({ reuseaddr: true, broadcast: true, bind: ["", UNICAST_BOUND_PORT] });

    const fd = await a.udpSocket({ broadcast: true });
    await a.call("sendto", { fd, data: "Hi there!", address: [SUBNET_BROADCAST, UNICAST_BOUND_PORT] });
    await a.call("sendto", { fd, data: "Hi there!", address: ["<broadcast>", UNICAST_BOUND_PORT] });
    const [, port] = await a.call("getsockname", { fd });
    expect(await b.recvfromWithin(wildcard, ARRIVES_S)).toEqual({ text: "Hi there!", from: [A, port] });
    expect(await b.recvfromWithin(wildcard, ARRIVES_S)).toEqual({ text: "Hi there!", from: [A, port] });

    // A unicast datagram sent after the broadcasts is the first thing the specific socket
    // reads: the broadcasts, sent earlier on the same path, never reached it.
    await a.call("sendto", { fd, data: "unicast", address: [B, UNICAST_BOUND_PORT] });
    expect(await b.recvfromWithin(specific, ARRIVES_S)).toEqual({ text: "unicast", from: [A, port] });

    for (const s of [specific, wildcard]) await b.call("close", { fd: s });
    await a.call("close", { fd });
  });

  lanTest("multicast: B (Lab) and C (CPython) join a group and receive; after B leaves, only C does", async () => {
    const group = { group: GROUP, iface: C };
    const cGroup = await PythonReceiver.start(lan!.hosts.c, MULTICAST_PORT, group);
    children.push(cGroup);

    const rx = await b.udpSocket({ reuseaddr: true, bind: ["", MULTICAST_PORT] });
    await b.call("join_group", { fd: rx, group: GROUP, iface: B });

    const tx = await a.udpSocket({ bind: ["", 0] });
    await a.call("multicast_interface", { fd: tx, iface: A });
    await a.call("setsockopt", { fd: tx, level: "IPPROTO_IP", name: "IP_MULTICAST_TTL", value: 1 });
    expect(await a.call("getsockopt", { fd: tx, level: "IPPROTO_IP", name: "IP_MULTICAST_TTL" })).toBe(1);
    const [, port] = await a.call("getsockname", { fd: tx });
    const eventsBefore = a.events.length;

    await a.call("sendto", { fd: tx, data: "to the group", address: [GROUP, MULTICAST_PORT] });
    expect(await b.recvfromWithin(rx, ARRIVES_S)).toEqual({ text: "to the group", from: [A, port] });
    await cGroup.waitForDatagram("to the group", [A, port]);
    expect(a.events.slice(eventsBefore).filter((e) => isData(e) && e.fd === tx && e.dir === "out")).toEqual([
      expect.objectContaining({ dst: [GROUP, MULTICAST_PORT], cast: "multicast" }),
    ]);

    await b.call("leave_group", { fd: rx, group: GROUP, iface: B });
    await a.call("sendto", { fd: tx, data: "after B left", address: [GROUP, MULTICAST_PORT] });
    await cGroup.waitForDatagram("after B left", [A, port]);
    // B's socket is still bound to the port: a unicast sent after the group datagram is the
    // first thing it reads, so the group datagram did not reach it.
    await a.call("sendto", { fd: tx, data: "unicast", address: [B, MULTICAST_PORT] });
    expect(await b.recvfromWithin(rx, ARRIVES_S)).toEqual({ text: "unicast", from: [A, port] });

    await b.call("close", { fd: rx });
    await a.call("close", { fd: tx });
    await cGroup.stop();
  });

  lanTest("the tutorial's sender as a scenario file, run by the Lab's scenario runner in A, gets ACKs from B and C", async () => {
    const eventsBefore = a.events.length;
    const result = await a.runScenario(SCENARIO);
    const failed = result.lines.filter((l) => !l.ok || l.expect_failed);
    expect(failed, "steps that failed").toEqual([]);
    expect(result.ok).toBe(true);

    // The order of the ACKs is the network's: compare the set of senders.
    const acks = result.lines.filter((l) => l.op === "recvfrom").map((l) => (l.ok ? l.value : l.error));
    expect(acks).toHaveLength(2);
    const ack = { hex: Buffer.from("ACK").toString("hex") };
    expect([...acks].sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)))).toEqual([
      [ack, [B, TUTORIAL_PORT]],
      [ack, [C, TUTORIAL_PORT]],
    ]);
    expect(a.events.slice(eventsBefore).filter((e) => isData(e) && e.dir === "out")).toEqual([
      expect.objectContaining({ len: 9, dst: ["255.255.255.255", TUTORIAL_PORT], cast: "broadcast" }),
    ]);
  });
});

import { afterAll, describe, expect, it } from "vitest";
import { Lab } from "../../src/main/lab/lab";
import type { SocketSnapshot } from "../../src/shared/socket-model";
import { activeResources, fdCount, report, resourcesAbove, settle, snapshotOf, tcpRoundTrip } from "./helpers";

/**
 * Part 3: 1,000 TCP connections open at once in one Lab: a listener in
 * auto-accept mode, 1,000 Lab clients connected concurrently, each sending a
 * few bytes. The snapshot must track all 2,001 sockets with the right states,
 * pairings and queues; then everything closes cleanly (FIN, not RST) and the
 * process is back to its baseline fds and handles.
 */

const N = Number(process.env.RELIABILITY_CONNECTIONS ?? 1000);

const lab = new Lab();
afterAll(() => lab.closeAll());

const message = (i: number): string => `hello from client ${i}\n`;

describe("1,000 concurrent TCP connections", () => {
  it(`${N} clients connect to one auto-accepting listener, are tracked exactly, and close cleanly`, async () => {
    await tcpRoundTrip(lab);
    const tcpHandles = (): number => process.getActiveResourcesInfo().filter((r) => r.startsWith("TCP")).length;
    expect(await settle(() => tcpHandles() === 0, 10_000)).not.toBeNull();
    const fdBaseline = fdCount();
    const resourceBaseline = activeResources();
    const t0 = performance.now();

    const { fd: server } = await lab.call("socket", { family: "AF_INET", type: "SOCK_STREAM" });
    await lab.call("bind", { fd: server, address: ["127.0.0.1", 0] });
    await lab.call("listen", { fd: server, backlog: 1024 });
    await lab.call("auto", { fd: server, accept: true });
    const address = await lab.call("getsockname", { fd: server });

    const clients: number[] = [];
    for (let i = 0; i < N; i++) {
      const { fd } = await lab.call("socket", { family: "AF_INET", type: "SOCK_STREAM" });
      await lab.call("settimeout", { fd, seconds: 20 });
      clients.push(fd);
    }
    // All connects in flight at once.
    await Promise.all(clients.map((fd) => lab.call("connect", { fd, address })));
    const connectedMs = performance.now() - t0;
    await Promise.all(clients.map((fd, i) => lab.call("sendall", { fd, data: message(i) })));

    // Every client's local port, to pair accepted sockets with their clients.
    const clientByPort = new Map<number, number>();
    for (const [i, fd] of clients.entries()) clientByPort.set((await lab.call("getsockname", { fd }))[1], i);
    expect(clientByPort.size, "clients share a local port").toBe(N);

    const accepted = (sockets: SocketSnapshot[]) => sockets.filter((s) => s.parent === server);
    const allArrived = (sockets: SocketSnapshot[]) => {
      const conns = accepted(sockets);
      return conns.length === N && conns.every((s) => s.recvQueue.used === Buffer.byteLength(message(clientByPort.get(s.remote?.[1] ?? -1) ?? -1)));
    };
    let sockets: SocketSnapshot[] = [];
    const trackedMs = await settle(async () => allArrived((sockets = await snapshotOf(lab))), 30_000);
    expect(trackedMs, `accepted ${accepted(sockets).length} of ${N}, or their bytes did not all arrive`).not.toBeNull();
    const allTrackedMs = performance.now() - t0;

    // The snapshot: one listener, N clients, N accepted; unique fds; states and pairings right.
    expect(sockets.length).toBe(2 * N + 1);
    expect(new Set(sockets.map((s) => s.fd)).size).toBe(2 * N + 1);
    const listener = sockets.find((s) => s.fd === server)!;
    expect(listener).toMatchObject({ state: "LISTEN", local: address, acceptQueue: { used: 0 } });
    const clientSet = new Set(clients);
    const clientSnaps = sockets.filter((s) => clientSet.has(s.fd));
    expect(clientSnaps).toHaveLength(N);
    for (const s of clientSnaps) {
      expect(s).toMatchObject({ type: "SOCK_STREAM", state: "ESTABLISHED", remote: address, parent: null, sendQueue: { used: 0 } });
    }
    const conns = accepted(sockets);
    const pairedClients = new Set<number>();
    for (const s of conns) {
      expect(s).toMatchObject({ type: "SOCK_STREAM", state: "ESTABLISHED", local: address });
      const i = clientByPort.get(s.remote![1]);
      expect(i, `accepted fd ${s.fd} has no client at ${JSON.stringify(s.remote)}`).toBeDefined();
      pairedClients.add(i!);
    }
    expect(pairedClients.size, "accepted sockets pair one-to-one with clients").toBe(N);

    // The bytes each accepted socket holds are its own client's.
    for (const s of conns) {
      const i = clientByPort.get(s.remote![1])!;
      const got = Buffer.from((await lab.call("recv", { fd: s.fd, bufsize: 4096 })).hex, "hex").toString();
      expect(got).toBe(message(i));
    }

    // Clean close: clients first (FIN), every accepted socket sees it (CLOSE_WAIT), then they close.
    const closeStart = performance.now();
    for (const fd of clients) await lab.call("close", { fd });
    const finMs = await settle(async () => {
      const now = await snapshotOf(lab);
      return now.length === N + 1 && accepted(now).every((s) => s.state === "CLOSE_WAIT" && s.peerFin);
    }, 30_000);
    const afterFin = await snapshotOf(lab);
    expect(finMs, `states after the clients closed: ${JSON.stringify(countStates(afterFin))}`).not.toBeNull();
    for (const s of accepted(afterFin)) await lab.call("close", { fd: s.fd });
    await lab.call("close", { fd: server });
    expect(await snapshotOf(lab)).toEqual([]);
    const closedMs = performance.now() - closeStart;

    const fdPeak = fdCount();
    const settledMs = await settle(() => fdCount() <= fdBaseline && Object.keys(resourcesAbove(resourceBaseline)).length === 0, 20_000);
    report("tcp-concurrent", {
      connections: N,
      allConnectedMs: Math.round(connectedMs),
      allTrackedWithBytesMs: Math.round(allTrackedMs),
      closeAllMs: Math.round(closedMs),
      fdBaseline,
      fdRightAfterClose: fdPeak,
      fdAfter: fdCount(),
      fdSettledMs: settledMs === null ? null : Math.round(settledMs),
      resourcesAboveBaseline: resourcesAbove(resourceBaseline),
      events: lab.events.lastSeq,
    });
    expect(settledMs, `fds ${fdCount()} (baseline ${fdBaseline}); handles above baseline ${JSON.stringify(resourcesAbove(resourceBaseline))}`).not.toBeNull();
  });
});

function countStates(sockets: SocketSnapshot[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const s of sockets) counts[s.state] = (counts[s.state] ?? 0) + 1;
  return counts;
}

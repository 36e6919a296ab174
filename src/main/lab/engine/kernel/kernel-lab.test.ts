/**
 * The Lab on the kernel engine, end to end through `lab.call`: what the
 * program and the log see is what the kernel holds.
 */
import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import type { LabEvent } from "../../../../shared/events";
import { Lab } from "../../lab";
import { connectedPair, recordEvents } from "../../test-helpers";
import { kernelEngineSupport } from "./libc";

let lab: Lab;
afterEach(() => lab?.closeAll());

const dataIn = (events: LabEvent[], fd: number) => events.filter((e): e is Extract<LabEvent, { type: "data" }> => e.type === "data" && e.dir === "in" && e.fd === fd);

describe.runIf(kernelEngineSupport().ok)("the Lab on the kernel engine", () => {
  it("is the engine a Lab picks on Linux, and the snapshot says so", async () => {
    lab = new Lab();
    expect((await lab.call("snapshot", {})).engine).toEqual({ name: "kernel", fallback: null });
  });

  it("raises what CPython raises for an option at the wrong level: SO_LINGER's number at IPPROTO_TCP is TCP_CONGESTION, which names no algorithm", async () => {
    lab = new Lab();
    const { fd } = await lab.call("socket", { family: "AF_INET", type: "SOCK_STREAM" });
    // Python: s.setsockopt(socket.IPPROTO_TCP, socket.SO_LINGER, 290166) → FileNotFoundError: [Errno 2] No such file or directory
    await expect(lab.call("setsockopt", { fd, level: "IPPROTO_TCP", name: "SO_LINGER", value: 290166 })).rejects.toMatchObject({
      info: { type: "FileNotFoundError", errno: "ENOENT", message: "No such file or directory" },
    });
  });

  it("a listener's kernel view: the accept queue against the backlog the kernel applies", async () => {
    lab = new Lab();
    const { fd: server } = await lab.call("socket", { family: "AF_INET", type: "SOCK_STREAM" });
    await lab.call("bind", { fd: server, address: ["127.0.0.1", 0] });
    await lab.call("listen", { fd: server, backlog: 3 });
    const port = (await lab.call("getsockname", { fd: server }))[1];
    const { fd: client } = await lab.call("socket", { family: "AF_INET", type: "SOCK_STREAM" });
    await lab.call("connect", { fd: client, address: ["127.0.0.1", port] });
    const listener = (await lab.call("snapshot", {})).sockets.find((s) => s.fd === server)!;
    expect(listener.kernel).toMatchObject({ state: "LISTEN", listen: { queued: 1, backlog: 3 }, tcp: null });
    expect(listener.acceptQueue).toEqual({ used: 1, capacity: 3 });
  });

  it("a UDP socket's snapshot and log follow every call that changes its names or buffers, though it keeps them between datagrams", async () => {
    lab = new Lab();
    const events = recordEvents(lab);
    const snap = async (fd: number) => (await lab.call("snapshot", {})).sockets.find((s) => s.fd === fd)!;
    const { fd: rx } = await lab.call("socket", { family: "AF_INET", type: "SOCK_DGRAM" });
    expect((await snap(rx)).local).toBeNull();
    await lab.call("bind", { fd: rx, address: ["127.0.0.1", 0] });
    const rxPort = (await lab.call("getsockname", { fd: rx }))[1];
    expect((await snap(rx)).local).toEqual(["127.0.0.1", rxPort]);
    // The state event the bind scheduled says so too (the page's socket list shows it).
    await expect.poll(() => events.findLast((e) => e.type === "state" && e.fd === rx)).toMatchObject({ socket: { local: ["127.0.0.1", rxPort] } });
    const { fd: tx } = await lab.call("socket", { family: "AF_INET", type: "SOCK_DGRAM" });
    expect((await snap(tx)).local).toBeNull();
    // The first sendto binds the sender: its snapshot and its datagram's row name the port the kernel picked.
    await lab.call("sendto", { fd: tx, data: "a", address: ["127.0.0.1", rxPort] });
    const txAddress = await lab.call("getsockname", { fd: tx });
    expect((await snap(tx)).local).toEqual(txAddress);
    const out = events.filter((e): e is Extract<LabEvent, { type: "data" }> => e.type === "data" && e.dir === "out" && e.fd === tx);
    expect(out.at(-1)!.src).toEqual(txAddress);
    await lab.call("connect", { fd: tx, address: ["127.0.0.1", rxPort] });
    expect(await snap(tx)).toMatchObject({ state: "ESTABLISHED", remote: ["127.0.0.1", rxPort] });
    await lab.call("send", { fd: tx, data: "b" });
    expect(out.at(-1)!.dst).toEqual(["127.0.0.1", rxPort]);
    const before = (await snap(rx)).recvQueue.capacity;
    await lab.call("setsockopt", { fd: rx, level: "SOL_SOCKET", name: "SO_RCVBUF", value: 65536 });
    const after = (await snap(rx)).recvQueue.capacity;
    expect(after).toBe(Number(await lab.call("getsockopt", { fd: rx, level: "SOL_SOCKET", name: "SO_RCVBUF" })));
    expect(after).not.toBe(before);
  });

  it("logs bytes on arrival but leaves them in the kernel's queue until recv, once each", async () => {
    lab = new Lab();
    const events = recordEvents(lab);
    const { client, conn } = await connectedPair(lab);
    await lab.call("sendall", { fd: client, data: "one," });
    await lab.call("sendall", { fd: client, data: "two" });
    await expect.poll(() => dataIn(events, conn).map((e) => e.preview).join("")).toBe("one,two");
    const queued = (await lab.call("snapshot", {})).sockets.find((s) => s.fd === conn)!.recvQueue.used;
    expect(queued).toBe(7);
    expect(await lab.call("recv", { fd: conn, bufsize: 100 })).toEqual({ hex: Buffer.from("one,two").toString("hex") });
    await lab.call("sendall", { fd: client, data: "three" });
    expect(await lab.call("recv", { fd: conn, bufsize: 100 })).toEqual({ hex: Buffer.from("three").toString("hex") });
    await new Promise((r) => setTimeout(r, 50));
    // Every byte logged exactly once, whether the monitor or the recv saw it first.
    expect(dataIn(events, conn).map((e) => e.preview).join("")).toBe("one,twothree");
  });

  it("a manual-mode receiver that never reads closes the kernel's window: the peer's sends back up", async () => {
    lab = new Lab();
    const { fd: server } = await lab.call("socket", { family: "AF_INET", type: "SOCK_STREAM" });
    await lab.call("bind", { fd: server, address: ["127.0.0.1", 0] });
    await lab.call("listen", { fd: server, backlog: 1 });
    const port = (await lab.call("getsockname", { fd: server }))[1];
    const raw = net.connect(port, "127.0.0.1");
    raw.on("error", () => {});
    const { fd: conn } = await lab.call("accept", { fd: server });
    raw.write(Buffer.alloc(32 * 1024 * 1024, 0x61));
    const gauge = async () => (await lab.call("snapshot", {})).sockets.find((s) => s.fd === conn)!.recvQueue;
    // The queue grows to what the kernel allows, then stops: the bytes left wait in the peer.
    let last = -1;
    await expect.poll(async () => {
      const used = (await gauge()).used;
      const settled = used > 0 && used === last;
      last = used;
      return settled;
    }, { timeout: 10_000, interval: 200 }).toBe(true);
    expect(raw.writableLength).toBeGreaterThan(0);
    raw.destroy();
  });

  it("counts what the kernel drops from a full UDP queue (SO_RXQ_OVFL), and every datagram is either logged or counted", async () => {
    lab = new Lab();
    const { fd: receiver } = await lab.call("socket", { family: "AF_INET", type: "SOCK_DGRAM" });
    await lab.call("setsockopt", { fd: receiver, level: "SOL_SOCKET", name: "SO_RCVBUF", value: 4096 });
    await lab.call("bind", { fd: receiver, address: ["127.0.0.1", 0] });
    const port = (await lab.call("getsockname", { fd: receiver }))[1];
    const events = recordEvents(lab);
    const { fd: sender } = await lab.call("socket", { family: "AF_INET", type: "SOCK_DGRAM" });
    const burst = 200;
    await Promise.all(Array.from({ length: burst }, () => lab.call("sendto", { fd: sender, data: { hex: "ab".repeat(500) }, address: ["127.0.0.1", port] })));
    await new Promise((r) => setTimeout(r, 100));
    const logged = dataIn(events, receiver).length;
    expect(logged).toBeGreaterThan(0);
    expect(logged).toBeLessThan(burst);
    // The kernel reports its count on the next datagram it queues: empty the queue, send one more.
    for (let i = 0; i < logged; i++) await lab.call("recvfrom", { fd: receiver, bufsize: 1000 });
    await lab.call("sendto", { fd: sender, data: "last", address: ["127.0.0.1", port] });
    const drops = async () => (await lab.call("snapshot", {})).sockets.find((s) => s.fd === receiver)!.kernel?.drops;
    await expect.poll(drops).toBe(burst - logged);
  });

  it("a loopback broadcast arrives with its real destination, the interface and cast 'broadcast'", async () => {
    lab = new Lab();
    const events = recordEvents(lab);
    const { fd: rx } = await lab.call("socket", { family: "AF_INET", type: "SOCK_DGRAM" });
    await lab.call("bind", { fd: rx, address: ["", 0] });
    const port = (await lab.call("getsockname", { fd: rx }))[1];
    const { fd: tx } = await lab.call("socket", { family: "AF_INET", type: "SOCK_DGRAM" });
    await lab.call("setsockopt", { fd: tx, level: "SOL_SOCKET", name: "SO_BROADCAST", value: 1 });
    await lab.call("sendto", { fd: tx, data: "Hi there!", address: ["127.255.255.255", port] });
    await expect.poll(() => dataIn(events, rx).length).toBe(1);
    expect(dataIn(events, rx)[0]).toMatchObject({ dst: ["127.255.255.255", port], cast: "broadcast", ifname: "lo" });
    expect((await lab.call("recvfrom", { fd: rx, bufsize: 100 })).data).toEqual({ hex: Buffer.from("Hi there!").toString("hex") });
  });

  it("the log's state rows are the kernel's: FIN_WAIT1 → FIN_WAIT2 after SHUT_WR, the peer's CLOSE_WAIT, then CLOSE on both, with a TIME_WAIT the kernel holds apart", async () => {
    lab = new Lab();
    const events = recordEvents(lab);
    const { client, conn } = await connectedPair(lab);
    const socket = async (fd: number) => (await lab.call("snapshot", {})).sockets.find((s) => s.fd === fd)!;
    const established = (await socket(client)).kernel!;
    expect(established).toMatchObject({ state: "ESTABLISHED", listen: null, drops: null });
    expect(established.tcp!.rtt).toBeGreaterThan(0);
    expect(established.tcp!.mss).toBeGreaterThan(0);

    await lab.call("shutdown", { fd: client, how: 1 });
    // The peer's kernel delays its ACK of a FIN by a few ms (it hopes to send it with an answer): the Lab reads
    // FIN_WAIT1 first unless the machine keeps it from running that long (the next test holds FIN_WAIT1 for sure).
    await expect.poll(() => rows(events, client)).toMatch(/^ESTABLISHED → (FIN_WAIT1 → )?FIN_WAIT2$/);
    await expect.poll(() => rows(events, conn)).toBe("ESTABLISHED → CLOSE_WAIT");
    expect(states(events, client).every((s) => s.state === s.kernel?.state)).toBe(true);

    await lab.call("shutdown", { fd: conn, how: 1 });
    // On loopback this side's ACK of the peer's FIN comes within the peer's shutdown call: LAST_ACK is seldom read.
    await expect.poll(() => rows(events, conn)).toMatch(/^ESTABLISHED → CLOSE_WAIT → (LAST_ACK → )?CLOSE$/);
    await expect.poll(() => rows(events, client)).toMatch(/^ESTABLISHED → (FIN_WAIT1 → )?FIN_WAIT2 → CLOSE$/);
    // CLOSE for both, as tcp_info says; how each ended is the Lab's to say (the kernel keeps this side's TIME_WAIT apart).
    expect(await socket(client)).toMatchObject({ state: "CLOSE", ended: "time-wait", remote: (await socket(conn)).local });
    expect(await socket(conn)).toMatchObject({ state: "CLOSE", ended: "last-ack" });
    await lab.call("close", { fd: client });
    const table = await lab.call("kernel_sockets", {});
    expect(table?.rows.some((r) => r.state === "TIME_WAIT" && r.fd === null)).toBe(true);
  });

  it("FIN_WAIT1 lasts while the FIN waits behind bytes the peer has no room for; the peer's reads let it go, and the ACK's edge brings FIN_WAIT2", async () => {
    lab = new Lab();
    const events = recordEvents(lab);
    const { fd: server } = await lab.call("socket", { family: "AF_INET", type: "SOCK_STREAM" });
    // Small buffers (the accepted socket inherits the listener's), so that a few sends fill both.
    await lab.call("setsockopt", { fd: server, level: "SOL_SOCKET", name: "SO_RCVBUF", value: 4096 });
    await lab.call("bind", { fd: server, address: ["127.0.0.1", 0] });
    await lab.call("listen", { fd: server, backlog: 1 });
    const port = (await lab.call("getsockname", { fd: server }))[1];
    const { fd: client } = await lab.call("socket", { family: "AF_INET", type: "SOCK_STREAM" });
    await lab.call("setsockopt", { fd: client, level: "SOL_SOCKET", name: "SO_SNDBUF", value: 4096 });
    await lab.call("connect", { fd: client, address: ["127.0.0.1", port] });
    const { fd: conn } = await lab.call("accept", { fd: server });
    await lab.call("settimeout", { fd: client, seconds: 0 });
    let sent = 0;
    for (;;) {
      const n = await lab.call("send", { fd: client, data: { hex: "61".repeat(16384) } }).catch(() => 0);
      if (n === 0) break;
      sent += n;
    }
    await lab.call("shutdown", { fd: client, how: 1 });
    await new Promise((r) => setTimeout(r, 100));
    expect(rows(events, client)).toBe("ESTABLISHED → FIN_WAIT1");
    for (let read = 0; read < sent; ) read += (await lab.call("recv", { fd: conn, bufsize: 65536 })).hex.length / 2;
    expect(await lab.call("recv", { fd: conn, bufsize: 1 })).toEqual({ hex: "" });
    await expect.poll(() => rows(events, client)).toBe("ESTABLISHED → FIN_WAIT1 → FIN_WAIT2");
    expect(rows(events, conn)).toBe("ESTABLISHED → CLOSE_WAIT");
  });

  it("an RST leaves CLOSE with the ending 'reset'; a refused connect leaves CLOSE with none", async () => {
    lab = new Lab();
    const events = recordEvents(lab);
    const { server, client, conn, port } = await connectedPair(lab);
    await lab.call("setsockopt", { fd: client, level: "SOL_SOCKET", name: "SO_LINGER", value: [1, 0] });
    await lab.call("close", { fd: client });
    await expect.poll(() => rows(events, conn)).toBe("ESTABLISHED → CLOSE");
    expect(states(events, conn).at(-1)).toMatchObject({ ended: "reset", peerFin: false });

    await lab.call("close", { fd: server });
    const { fd: late } = await lab.call("socket", { family: "AF_INET", type: "SOCK_STREAM" });
    expect(await lab.call("connect_ex", { fd: late, address: ["127.0.0.1", port] })).toBe(111);
    const refused = (await lab.call("snapshot", {})).sockets.find((s) => s.fd === late)!;
    expect(refused).toMatchObject({ state: "CLOSE", ended: null });
  });
});

function states(events: LabEvent[], fd: number) {
  return events.flatMap((e) => ((e.type === "state" || e.type === "created") && e.fd === fd ? [e.socket] : []));
}

/**
 * A connection's states as the log's state rows give them (each change between successive snapshots), from
 * ESTABLISHED on: a loaded machine may or may not let the Lab read the handshake's SYN_SENT.
 */
function rows(events: LabEvent[], fd: number): string {
  const out: string[] = [];
  for (const s of states(events, fd)) if (out.at(-1) !== s.state) out.push(s.state);
  return out.slice(Math.max(0, out.indexOf("ESTABLISHED"))).join(" → ");
}

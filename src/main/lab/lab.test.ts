import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { fromHex, toHex } from "../../shared/bytes";
import { Lab } from "./lab";
import { connectedPair, errorOf, recordEvents } from "./test-helpers";

const text = (hex: { hex: string }) => Buffer.from(fromHex(hex.hex)).toString();
let lab: Lab;

afterEach(() => lab?.closeAll());

describe("Lab on real loopback sockets", () => {
  it("hands out fds lowest-first from 3 and reuses a closed one", async () => {
    lab = new Lab();
    const a = await lab.call("socket", { family: "AF_INET", type: "SOCK_STREAM" });
    const b = await lab.call("socket", { family: "AF_INET", type: "SOCK_STREAM" });
    expect([a.fd, b.fd]).toEqual([3, 4]);
    await lab.call("close", { fd: 3 });
    expect((await lab.call("socket", { family: "AF_INET", type: "SOCK_STREAM" })).fd).toBe(3);
  });

  it("connects, sends, receives and closes, with events in order", async () => {
    lab = new Lab();
    const events = recordEvents(lab);
    const { client, conn, port } = await connectedPair(lab);
    expect(await lab.call("send", { fd: client, data: "hello" })).toBe(5);
    expect(text(await lab.call("recv", { fd: conn, bufsize: 1024 }))).toBe("hello");
    await lab.call("close", { fd: client });
    expect(await lab.call("recv", { fd: conn, bufsize: 1024 })).toEqual({ hex: "" });

    const seqs = events.map((e) => e.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    const ts = events.map((e) => e.t);
    expect([...ts].sort((x, y) => x - y)).toEqual(ts);
    const story = events.filter((e) => e.type !== "state").map((e) => `${e.type}:${e.fd}${"dir" in e ? `:${e.dir}` : ""}`);
    // Each recv() says what it returned after the arrival it read: the bytes, then b'' after the FIN.
    expect(story).toEqual(["created:3", "created:4", "created:5", "data:4:out", "data:5:in", "read:5", "closed:4", "fin:5:in", "read:5"]);
    const dataIn = events.find((e) => e.type === "data" && e.dir === "in");
    expect(dataIn).toMatchObject({ len: 5, preview: "hello", src: ["127.0.0.1", expect.any(Number)], dst: ["127.0.0.1", port] });
    const states = events.filter((e) => e.type === "state" && e.fd === conn).map((e) => (e.type === "state" ? e.socket.state : ""));
    expect(states.at(-1)).toBe("CLOSE_WAIT");
  });

  it("works over IPv6 loopback", async () => {
    lab = new Lab();
    const { client, conn, peer } = await connectedPair(lab, "::1");
    expect(peer[0]).toBe("::1");
    await lab.call("send", { fd: conn, data: { hex: "00ff" } });
    expect(await lab.call("recv", { fd: client, bufsize: 10 })).toEqual({ hex: "00ff" });
  });

  it("auto-accept gives each connection an fd and auto-recv logs bytes without queueing them", async () => {
    lab = new Lab();
    const events = recordEvents(lab);
    const { fd: server } = await lab.call("socket", { family: "AF_INET", type: "SOCK_STREAM" });
    await lab.call("bind", { fd: server, address: ["127.0.0.1", 0] });
    await lab.call("listen", { fd: server, backlog: 5 });
    await lab.call("auto", { fd: server, accept: true, recv: true });
    const port = (await lab.call("snapshot", {})).sockets[0]!.local![1];

    const raw = net.connect(port, "127.0.0.1");
    await new Promise((resolve) => raw.once("connect", resolve));
    raw.write("ping");
    await expect.poll(() => events.some((e) => e.type === "data" && e.dir === "in" && e.preview === "ping")).toBe(true);
    const accepted = (await lab.call("snapshot", {})).sockets.find((s) => s.parent === server)!;
    expect(accepted).toMatchObject({ state: "ESTABLISHED", auto: { recv: true }, recvQueue: { used: 0 } });
    raw.destroy();
  });

  it("raises Python's errors: ECONNREFUSED, EADDRINUSE, EBADF, ENOTCONN, EPIPE", async () => {
    lab = new Lab();
    const { server, port } = await connectedPair(lab);
    const { fd } = await lab.call("socket", { family: "AF_INET", type: "SOCK_STREAM" });
    const free = net.createServer();
    await new Promise<void>((r) => free.listen(0, "127.0.0.1", r));
    const closedPort = (free.address() as net.AddressInfo).port;
    await new Promise((r) => free.close(r));

    expect(await errorOf(lab.call("connect", { fd, address: ["127.0.0.1", closedPort] }))).toEqual({ type: "ConnectionRefusedError", errno: "ECONNREFUSED" });
    const other = await lab.call("socket", { family: "AF_INET", type: "SOCK_STREAM" });
    expect(await errorOf(lab.call("bind", { fd: other.fd, address: ["127.0.0.1", port] }))).toEqual({ type: "OSError", errno: "EADDRINUSE" });
    expect(await errorOf(lab.call("recv", { fd: 99, bufsize: 1 }))).toEqual({ type: "OSError", errno: "EBADF" });
    expect(await errorOf(lab.call("recv", { fd: server, bufsize: 1 }))).toEqual({ type: "OSError", errno: "ENOTCONN" });
    expect(await errorOf(lab.call("send", { fd: other.fd, data: "x" }))).toEqual({ type: "BrokenPipeError", errno: "EPIPE" });
    expect(await errorOf(lab.call("bind", { fd: other.fd, address: ["::1", 0] }))).toEqual({ type: "gaierror", errno: "EAI_ADDRFAMILY" });
  });

  it("times out a blocking recv with TimeoutError and leaves the socket usable", async () => {
    lab = new Lab();
    const { client, conn } = await connectedPair(lab);
    await lab.call("settimeout", { fd: conn, seconds: 0.05 });
    expect(await errorOf(lab.call("recv", { fd: conn, bufsize: 10 }))).toEqual({ type: "TimeoutError", errno: null });
    await lab.call("send", { fd: client, data: "late" });
    expect(text(await lab.call("recv", { fd: conn, bufsize: 10 }))).toBe("late");
  });

  it.each(["kernel", "portable"] as const)("accept() returns a blocking socket whatever the listener's timeout, as CPython's does (%s engine)", async (engine) => {
    lab = new Lab({ engine });
    const { fd: server } = await lab.call("socket", { family: "AF_INET", type: "SOCK_STREAM" });
    await lab.call("bind", { fd: server, address: ["127.0.0.1", 0] });
    await lab.call("listen", { fd: server, backlog: 5 });
    await lab.call("settimeout", { fd: server, seconds: 0.5 });
    const port = (await lab.call("getsockname", { fd: server }))[1];
    const { fd: client } = await lab.call("socket", { family: "AF_INET", type: "SOCK_STREAM" });
    await lab.call("connect", { fd: client, address: ["127.0.0.1", port] });
    const { fd: conn } = await lab.call("accept", { fd: server });
    expect((await lab.call("snapshot", {})).sockets.find((s) => s.fd === conn)!.timeout).toBeNull();
  });

  it("the portable engine names its model's states as Linux does, as near as Node sees: no ACK, so FIN_WAIT1 until the peer's FIN and LAST_ACK for good", async () => {
    lab = new Lab({ engine: "portable" });
    const socket = async (fd: number) => (await lab.call("snapshot", {})).sockets.find((s) => s.fd === fd)!;
    const { fd: udp } = await lab.call("socket", { family: "AF_INET", type: "SOCK_DGRAM" });
    expect(await socket(udp)).toMatchObject({ state: "CLOSE", ended: null, kernel: null });
    const { server, client, conn } = await connectedPair(lab);
    expect(await socket(server)).toMatchObject({ state: "LISTEN", ended: null });
    expect(await socket(client)).toMatchObject({ state: "ESTABLISHED", ended: null });
    await lab.call("shutdown", { fd: client, how: 1 });
    await expect.poll(async () => (await socket(conn)).state).toBe("CLOSE_WAIT");
    expect((await socket(client)).state).toBe("FIN_WAIT1");
    await lab.call("shutdown", { fd: conn, how: 1 });
    // This side's FIN went first: Linux's fd reads CLOSE, its connection held in TIME_WAIT by the kernel.
    await expect.poll(async () => socket(client)).toMatchObject({ state: "CLOSE", ended: "time-wait" });
    expect(await socket(conn)).toMatchObject({ state: "LAST_ACK", ended: null });

    const { fd: fresh } = await lab.call("socket", { family: "AF_INET", type: "SOCK_STREAM" });
    expect(await socket(fresh)).toMatchObject({ state: "CLOSE", ended: null });
    const reset = await connectedPair(lab);
    await lab.call("setsockopt", { fd: reset.client, level: "SOL_SOCKET", name: "SO_LINGER", value: [1, 0] });
    await lab.call("close", { fd: reset.client });
    await expect.poll(async () => socket(reset.conn)).toMatchObject({ state: "CLOSE", ended: "reset" });
  });

  it("a blocked recv wakes when data arrives", async () => {
    lab = new Lab();
    const { client, conn } = await connectedPair(lab);
    const pending = lab.call("recv", { fd: conn, bufsize: 10 });
    await lab.call("send", { fd: client, data: { hex: toHex(Buffer.from("wake")) } });
    expect(text(await pending)).toBe("wake");
  });

  it("stops reading when the receive queue is full, so the peer's sends back up", async () => {
    // The portable engine's own queue; the kernel engine leaves this to the kernel (engine/kernel/kernel-lab.test.ts).
    lab = new Lab({ engine: "portable" });
    const { fd: server } = await lab.call("socket", { family: "AF_INET", type: "SOCK_STREAM" });
    await lab.call("bind", { fd: server, address: ["127.0.0.1", 0] });
    await lab.call("listen", { fd: server, backlog: 1 });
    const port = (await lab.call("snapshot", {})).sockets[0]!.local![1];
    const raw = net.connect(port, "127.0.0.1");
    raw.on("error", () => {});
    const { fd: conn } = await lab.call("accept", { fd: server });
    // More than the kernel's socket buffers on both ends can hold.
    const total = 32 * 1024 * 1024;
    raw.write(Buffer.alloc(total, 0x61));
    const recvQueue = async () => (await lab.call("snapshot", {})).sockets.find((s) => s.fd === conn)!.recvQueue;
    await expect.poll(async () => (await recvQueue()).used, { timeout: 10_000 }).toBeGreaterThanOrEqual(131072);
    // The queue stops near SO_RCVBUF (one read of overshoot at most) and the rest waits in the peer.
    expect((await recvQueue()).used).toBeLessThan(131072 + 65536);
    expect(raw.writableLength).toBeGreaterThan(0);
    raw.destroy();
  });
});

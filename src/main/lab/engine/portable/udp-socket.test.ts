import { afterEach, describe, expect, it } from "vitest";
import { Lab } from "../../lab";
import { errorOf, recordEvents } from "../../test-helpers";

let lab: Lab;
afterEach(() => lab?.closeAll());

async function udp(bindTo?: readonly [string, number]) {
  const { fd } = await lab.call("socket", { family: "AF_INET", type: "SOCK_DGRAM" });
  if (bindTo) await lab.call("bind", { fd, address: bindTo });
  return fd;
}

describe("UDP sockets", () => {
  it("keeps datagram boundaries and truncates a short recvfrom, as Linux does", async () => {
    lab = new Lab();
    const receiver = await udp(["127.0.0.1", 0]);
    const port = (await lab.call("getsockname", { fd: receiver }))[1];
    const sender = await udp();
    expect(await lab.call("sendto", { fd: sender, data: "hello world", address: ["127.0.0.1", port] })).toBe(11);
    expect(await lab.call("sendto", { fd: sender, data: "second", address: ["127.0.0.1", port] })).toBe(6);
    const from = await lab.call("getsockname", { fd: sender });
    expect(from[1]).toBeGreaterThan(0);
    expect(await lab.call("recvfrom", { fd: receiver, bufsize: 5 })).toEqual({ data: { hex: "68656c6c6f" }, address: ["127.0.0.1", from[1]] });
    expect(await lab.call("recv", { fd: receiver, bufsize: 100 })).toEqual({ hex: Buffer.from("second").toString("hex") });
  });

  it("raises EDESTADDRREQ, EOPNOTSUPP, EMSGSIZE and EACCES where Linux does", async () => {
    lab = new Lab();
    const fd = await udp();
    expect(await errorOf(lab.call("send", { fd, data: "x" }))).toEqual({ type: "OSError", errno: "EDESTADDRREQ" });
    expect(await errorOf(lab.call("listen", { fd, backlog: 1 }))).toEqual({ type: "OSError", errno: "EOPNOTSUPP" });
    expect(await errorOf(lab.call("accept", { fd }))).toEqual({ type: "OSError", errno: "EOPNOTSUPP" });
    expect(await errorOf(lab.call("sendto", { fd, data: { hex: "00".repeat(65508) }, address: ["127.0.0.1", 9] }))).toEqual({ type: "OSError", errno: "EMSGSIZE" });
    expect(await errorOf(lab.call("sendto", { fd, data: "Hi there!", address: ["<broadcast>", 9] }))).toEqual({ type: "PermissionError", errno: "EACCES" });
  });

  it("a non-blocking recvfrom on an empty queue is EAGAIN, and the socket stays usable", async () => {
    lab = new Lab();
    const fd = await udp(["127.0.0.1", 0]);
    await lab.call("setblocking", { fd, flag: false });
    expect(await errorOf(lab.call("recvfrom", { fd, bufsize: 10 }))).toEqual({ type: "BlockingIOError", errno: "EAGAIN" });
    const port = (await lab.call("getsockname", { fd }))[1];
    const other = await udp();
    await lab.call("connect", { fd: other, address: ["127.0.0.1", port] });
    expect(await lab.call("send", { fd: other, data: "ok" })).toBe(2);
    await lab.call("setblocking", { fd, flag: true });
    expect((await lab.call("recvfrom", { fd, bufsize: 10 })).data).toEqual({ hex: "6f6b" });
  });

  it("counts the datagrams it drops when its receive queue is full, and says so", async () => {
    // The portable engine's own queue; the kernel engine leaves this to the kernel (engine/kernel/kernel-lab.test.ts).
    lab = new Lab({ engine: "portable" });
    const events = recordEvents(lab);
    const receiver = await udp(["127.0.0.1", 0]);
    const port = (await lab.call("getsockname", { fd: receiver }))[1];
    const capacity = (await lab.call("snapshot", {})).sockets[0]!.recvQueue.capacity;
    const sender = await udp();
    const datagrams = Math.ceil(capacity / 1000) + 40;
    const received = () => events.filter((e) => e.type === "data" && e.dir === "in" && e.fd === receiver).length;
    // In small bursts, each drained by the Lab before the next: the kernel's own buffer never overflows.
    for (let i = 0; i < datagrams; i++) {
      await lab.call("sendto", { fd: sender, data: { hex: "ab".repeat(1000) }, address: ["127.0.0.1", port] });
      if (i % 20 === 19) await expect.poll(received).toBe(i + 1);
    }
    const snap = async () => (await lab.call("snapshot", {})).sockets.find((s) => s.fd === receiver)!;
    await expect.poll(received).toBe(datagrams);
    // Every datagram that arrived is either queued or counted as the Lab's drop.
    const kept = Math.floor(capacity / 1000);
    expect((await snap()).recvQueue.used).toBe(kept * 1000);
    expect((await snap()).drops).toBe(datagrams - kept);
  });
});

import { afterEach, describe, expect, it } from "vitest";
import { Lab } from "./lab";
import { broadcastAddress, castOf } from "./interfaces";
import { recordEvents } from "./test-helpers";

let lab: Lab;
afterEach(() => lab?.closeAll());

describe("broadcast helpers", () => {
  it("computes the subnet-directed broadcast address from address and netmask", () => {
    expect(broadcastAddress("192.168.1.7", "255.255.255.0")).toBe("192.168.1.255");
    expect(broadcastAddress("10.1.2.3", "255.0.0.0")).toBe("10.255.255.255");
    expect(broadcastAddress("172.16.5.4", "255.255.240.0")).toBe("172.16.15.255");
    expect(broadcastAddress("127.0.0.1", "255.0.0.0")).toBe("127.255.255.255");
  });

  it("tells unicast, broadcast and multicast destinations apart", () => {
    const ifaces = [{ name: "eth0", family: "AF_INET" as const, address: "192.168.1.7", netmask: "255.255.255.0", cidr: null, broadcast: "192.168.1.255", internal: false, flags: [] }];
    expect(castOf("255.255.255.255", ifaces)).toBe("broadcast");
    expect(castOf("192.168.1.255", ifaces)).toBe("broadcast");
    expect(castOf("192.168.1.8", ifaces)).toBe("unicast");
    const lo = { ...ifaces[0]!, name: "lo", address: "127.0.0.1", netmask: "255.0.0.0", broadcast: null, internal: true };
    expect(castOf("127.255.255.255", [lo])).toBe("broadcast");
    expect(castOf("239.1.2.3", ifaces)).toBe("multicast");
    expect(castOf("ff02::1", ifaces)).toBe("multicast");
  });

  it("lists interfaces with loopback among them", async () => {
    lab = new Lab();
    const list = await lab.call("interfaces", {});
    const lo = list.find((i) => i.address === "127.0.0.1");
    expect(lo).toMatchObject({ family: "AF_INET", internal: true, netmask: "255.0.0.0" });
  });

  it("an auto-reply receiver answers each datagram by unicast, like the tutorial's ACK receiver", async () => {
    lab = new Lab();
    const events = recordEvents(lab);
    const { fd: receiver } = await lab.call("socket", { family: "AF_INET", type: "SOCK_DGRAM" });
    await lab.call("bind", { fd: receiver, address: ["127.0.0.1", 0] });
    await lab.call("auto", { fd: receiver, reply: "ACK" });
    const port = (await lab.call("getsockname", { fd: receiver }))[1];
    const { fd: sender } = await lab.call("socket", { family: "AF_INET", type: "SOCK_DGRAM" });
    await lab.call("sendto", { fd: sender, data: "Hi there!", address: ["127.0.0.1", port] });
    const reply = await lab.call("recvfrom", { fd: sender, bufsize: 1024 });
    expect(reply).toEqual({ data: { hex: Buffer.from("ACK").toString("hex") }, address: ["127.0.0.1", port] });
    expect(events.some((e) => e.type === "data" && e.dir === "out" && e.fd === sender && e.cast === "unicast")).toBe(true);
  });

  it("repeats a send N times with progress events, and can be cancelled", async () => {
    lab = new Lab();
    const events = recordEvents(lab);
    const { fd: rx } = await lab.call("socket", { family: "AF_INET", type: "SOCK_DGRAM" });
    await lab.call("bind", { fd: rx, address: ["127.0.0.1", 0] });
    const port = (await lab.call("getsockname", { fd: rx }))[1];
    const { fd: tx } = await lab.call("socket", { family: "AF_INET", type: "SOCK_DGRAM" });
    const { job } = await lab.call("repeat", { fd: tx, data: "beacon", address: ["127.0.0.1", port], count: 3, interval_ms: 5 });
    const progress = () => events.flatMap((e) => (e.type === "job" && e.job === job ? [[e.sent, e.done]] : []));
    await expect.poll(progress).toEqual([[0, false], [1, false], [2, false], [3, true]]);
    const long = await lab.call("repeat", { fd: tx, data: "x", address: ["127.0.0.1", port], count: 1000, interval_ms: 50 });
    await lab.call("cancel_job", { job: long.job });
    await expect(lab.call("cancel_job", { job: long.job })).rejects.toMatchObject({ info: { errno: "EINVAL" } });
  });

  it("reads the kernel's UDP counters on Linux", async () => {
    lab = new Lab();
    const stats = await lab.call("kernel_udp_stats", {});
    expect(stats).not.toBeNull();
    expect(stats!.rcvbufErrors).toBeGreaterThanOrEqual(0);
    expect(stats!.inDatagrams).toBeGreaterThan(0);
  });
});

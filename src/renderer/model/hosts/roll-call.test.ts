import { describe, expect, it } from "vitest";
import type { HostLogRow, HostSocket } from "../../../shared/hosts";
import type { NetworkInterfaceInfo } from "../../../shared/socket-model";
import { isSentDatagram, rollCall, splitAddress, type RollCallHost } from "./roll-call";

let next = 0;
const row = (over: Partial<HostLogRow>): HostLogRow => ({ i: next++, host: "local", t: 1_000_000, hostT: 0, uncertainty: 300, seq: 1, fd: 3, kind: "datagram", dir: "in", src: null, dst: null, len: 9, text: "Hi there!", span: null, ifname: null, ...over });
const udp = (local: [string, number], fd = 3): HostSocket => ({ fd, family: "AF_INET", type: "SOCK_DGRAM", state: "CLOSE", local, remote: null, parent: null, ended: null });
const iface = (address: string, broadcast: string): NetworkInterfaceInfo => ({ name: "eth0", family: "AF_INET", address, netmask: "255.255.255.0", cidr: `${address}/24`, broadcast, internal: false, flags: ["UP", "BROADCAST"] });
const host = (name: string, over: Partial<RollCallHost> = {}): RollCallHost => ({ name, state: "connected", lostBecause: null, sockets: [], interfaces: [iface("10.0.0.2", "10.0.0.255")], udp: null, ...over });

const sent = row({ host: "local", dir: "out", kind: "broadcast", src: "0.0.0.0:40000", dst: "10.0.0.255:12345", t: 1_000_000, uncertainty: 0 });

describe("the roll call of a broadcast across hosts", () => {
  it("finds each receipt by bytes and source port within the window, where it arrived, and the answer to the sender's port", () => {
    const rows = [
      sent,
      row({ host: "b", kind: "broadcast", src: "10.0.0.1:40000", dst: "10.0.0.255:12345", ifname: "eth0", t: 1_001_500 }),
      row({ host: "b", dir: "out", kind: "datagram", src: "0.0.0.0:12345", dst: "10.0.0.1:40000", len: 10, text: "ACK from b", t: 1_002_000 }),
      // The same bytes to another port, and a receipt long after the window: neither counts.
      row({ host: "c", kind: "broadcast", src: "10.0.0.1:40000", dst: "10.0.0.255:9999", t: 1_001_000 }),
      row({ host: "d", kind: "broadcast", src: "10.0.0.1:40000", dst: "10.0.0.255:12345", t: 9_000_000 }),
    ];
    const [b, c, d] = rollCall(sent, rows, [host("b", { sockets: [udp(["0.0.0.0", 12345])] }), host("c", { sockets: [udp(["0.0.0.0", 9999])] }), host("d", { sockets: [udp(["0.0.0.0", 12345])] })]);
    expect(b).toMatchObject({ heard: true, fd: 3, dst: "10.0.0.255:12345", ifname: "eth0", answer: { text: "ACK from b", len: 10 } });
    expect(c).toEqual({ host: "c", heard: false, why: { code: "no-socket", port: 12345 } });
    expect(d).toMatchObject({ heard: false, why: { code: "nothing-arrived", port: 12345, drops: null } });
  });

  it("says why a host heard nothing: bound to its own address, another subnet, the kernel's drops, or not connected", () => {
    const [bound, subnet, drops, lost] = rollCall(sent, [sent], [
      host("b", { sockets: [udp(["10.0.0.2", 12345])] }),
      host("c", { sockets: [udp(["0.0.0.0", 12345])], interfaces: [iface("192.168.5.9", "192.168.5.255")] }),
      host("d", { sockets: [udp(["", 12345])], udp: { inDatagrams: 10, rcvbufErrors: 4, inErrors: 4, noPorts: 0 } }),
      host("e", { state: "lost", lostBecause: "no answer for 2.6 s" }),
    ]);
    expect(bound).toMatchObject({ heard: false, why: { code: "bound-elsewhere", bound: ["10.0.0.2:12345"] } });
    expect(subnet).toMatchObject({ heard: false, why: { code: "other-subnet", broadcast: "10.0.0.255", subnets: ["192.168.5.9/24"] } });
    expect(drops).toMatchObject({ heard: false, why: { code: "nothing-arrived", drops: 4 } });
    expect(lost).toMatchObject({ heard: false, why: { code: "lost", why: "no answer for 2.6 s" } });
  });

  it("takes a receipt stamped a little before the send (the sender stamps after its system call), not one from long before", () => {
    const early = row({ host: "b", kind: "broadcast", src: "10.0.0.1:40000", dst: "10.0.0.255:12345", t: sent.t - 3_000 });
    const stale = row({ host: "c", kind: "broadcast", src: "10.0.0.1:40000", dst: "10.0.0.255:12345", t: sent.t - 400_000 });
    const [b, c] = rollCall(sent, [stale, early, sent], [host("b", { sockets: [udp(["0.0.0.0", 12345])] }), host("c", { sockets: [udp(["0.0.0.0", 12345])] })]);
    expect(b).toMatchObject({ heard: true, t: sent.t - 3_000 });
    expect(c).toMatchObject({ heard: false, why: { code: "nothing-arrived" } });
  });

  it("asks only of sent datagrams, and reads IPv6 addresses", () => {
    expect(isSentDatagram(sent)).toBe(true);
    expect(isSentDatagram(row({ dir: "in" }))).toBe(false);
    expect(isSentDatagram(row({ dir: "out", kind: "data", dst: "10.0.0.1:80" }))).toBe(false);
    expect(splitAddress("[::1]:80")).toEqual(["::1", 80]);
    expect(splitAddress("10.0.0.1:9")).toEqual(["10.0.0.1", 9]);
    expect(splitAddress(null)).toBeNull();
  });
});

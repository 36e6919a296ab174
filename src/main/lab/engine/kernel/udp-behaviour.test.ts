/**
 * What a received datagram can say on the kernel engine and not on Node's
 * dgram: the address it was sent to and the interface it came in on
 * (IP_PKTINFO / IPV6_RECVPKTINFO), the kernel's receive time, truncation,
 * and how many datagrams the full queue dropped.
 */
import { afterEach, describe, expect, test } from "vitest";
import { AF, IP, IPV6, LEVEL, MSG, POLL, SO, SOCK } from "./constants";
import { encodeCmsg } from "./msghdr";
import { errnoOf } from "./errno";
import * as k from "./syscalls";
import { FdScope, waitFor } from "./test-support";

const scope = new FdScope();
afterEach(() => scope.closeAll());

function udp(family: k.Family, host: string): { fd: number; port: number } {
  const fd = scope.track(k.socket(family, SOCK.SOCK_DGRAM));
  k.bind(fd, k.sockaddr(family, host, 0));
  return { fd, port: k.getsockname(fd)!.port };
}

describe("datagram ancillary data", () => {
  test("a datagram to 127.255.255.255: EACCES without SO_BROADCAST; with it, IP_PKTINFO says dst 127.255.255.255 on \"lo\"", () => {
    const rx = udp(AF.AF_INET, "0.0.0.0");
    k.setsockoptInt(rx.fd, LEVEL.IPPROTO_IP, IP.IP_PKTINFO, 1);
    k.setsockoptInt(rx.fd, LEVEL.SOL_SOCKET, SO.SO_TIMESTAMPNS, 1);
    const tx = udp(AF.AF_INET, "127.0.0.1");
    const to = k.sockaddr(AF.AF_INET, "127.255.255.255", rx.port);

    let refused: string | null = null;
    try {
      k.sendto(tx.fd, Buffer.from("ping"), to);
    } catch (error) {
      refused = errnoOf(error);
    }
    expect(refused).toBe("EACCES");

    k.setsockoptInt(tx.fd, LEVEL.SOL_SOCKET, SO.SO_BROADCAST, 1);
    const before = BigInt(Date.now()) * 1_000_000n;
    expect(k.sendto(tx.fd, Buffer.from("ping"), to)).toBe(4);
    expect(waitFor(rx.fd, POLL.POLLIN) & POLL.POLLIN).toBeTruthy();
    const got = k.recvmsg(rx.fd, 100);
    expect(got.data.toString()).toBe("ping");
    expect(got.address).toEqual({ family: AF.AF_INET, host: "127.0.0.1", port: tx.port });
    expect(got.ancillary.dst).toBe("127.255.255.255");
    expect(got.ifname).toBe("lo");
    expect(got.ancillary.ifindex).toBe(k.ifNameToIndex("lo"));
    // The kernel's receive stamp lies between our send and now (2 s slack for a busy machine's clock reads).
    const stamp = got.ancillary.timestampNs ?? 0n;
    expect(stamp >= before - 2_000_000_000n && stamp <= BigInt(Date.now()) * 1_000_000n + 2_000_000_000n).toBe(true);

    // The same socket told apart a unicast datagram: the destination is what differs.
    k.sendto(tx.fd, Buffer.from("uni"), k.sockaddr(AF.AF_INET, "127.0.0.1", rx.port));
    waitFor(rx.fd, POLL.POLLIN);
    expect(k.recvmsg(rx.fd, 100).ancillary.dst).toBe("127.0.0.1");
  });

  test("IPV6_RECVPKTINFO on ::1 gives dst ::1 and the interface \"lo\"", () => {
    const rx = udp(AF.AF_INET6, "::1");
    k.setsockoptInt(rx.fd, LEVEL.IPPROTO_IPV6, IPV6.IPV6_RECVPKTINFO, 1);
    const tx = udp(AF.AF_INET6, "::1");
    k.sendto(tx.fd, Buffer.from("six"), k.sockaddr(AF.AF_INET6, "::1", rx.port));
    expect(waitFor(rx.fd, POLL.POLLIN) & POLL.POLLIN).toBeTruthy();
    const got = k.recvmsg(rx.fd, 100);
    expect([got.data.toString(), got.ancillary.dst, got.ifname, got.address?.port]).toEqual(["six", "::1", "lo", tx.port]);
  });

  test("a datagram longer than the buffer: MSG_TRUNC tells its real length and the rest is gone; SIOCINQ is the next datagram's size", () => {
    const rx = udp(AF.AF_INET, "127.0.0.1");
    const tx = udp(AF.AF_INET, "127.0.0.1");
    const to = k.sockaddr(AF.AF_INET, "127.0.0.1", rx.port);
    k.sendto(tx.fd, Buffer.alloc(50, 1), to);
    k.sendto(tx.fd, Buffer.alloc(7, 2), to);
    waitFor(rx.fd, POLL.POLLIN);
    expect(k.inq(rx.fd)).toBe(50);
    const got = k.recvmsg(rx.fd, 10, MSG.MSG_TRUNC);
    expect([got.data.length, got.length, (got.msgFlags & MSG.MSG_TRUNC) !== 0]).toEqual([10, 50, true]);
    expect(k.recv(rx.fd, 100)).toEqual(Buffer.alloc(7, 2));
    let empty: string | null = null;
    try {
      k.recv(rx.fd, 100);
    } catch (error) {
      empty = errnoOf(error);
    }
    expect(empty).toBe("EAGAIN");
  });

  test("SO_RXQ_OVFL tells how many datagrams a full receive queue dropped (bounded: 200 sends)", () => {
    const rx = udp(AF.AF_INET, "127.0.0.1");
    k.setsockoptInt(rx.fd, LEVEL.SOL_SOCKET, SO.SO_RCVBUF, 4096);
    k.setsockoptInt(rx.fd, LEVEL.SOL_SOCKET, SO.SO_RXQ_OVFL, 1);
    const tx = udp(AF.AF_INET, "127.0.0.1");
    const to = k.sockaddr(AF.AF_INET, "127.0.0.1", rx.port);
    for (let i = 0; i < 200; i++) k.sendto(tx.fd, Buffer.alloc(1000, i), to);
    waitFor(rx.fd, POLL.POLLIN);
    let received = 0;
    for (;;) {
      try {
        k.recvmsg(rx.fd, 2000);
        received += 1;
      } catch (error) {
        if (errnoOf(error) === "EAGAIN") break;
        throw error;
      }
    }
    expect(received).toBeGreaterThan(0);
    expect(received).toBeLessThan(200);
    // The count travels on each datagram as of when it was queued: the next one carries the total so far.
    k.sendto(tx.fd, Buffer.from("after"), to);
    waitFor(rx.fd, POLL.POLLIN);
    const after = k.recvmsg(rx.fd, 2000);
    expect(after.data.toString()).toBe("after");
    expect(after.ancillary.dropped).toBe(200 - received);
  });

  test("sendmsg gathers its iovecs into one datagram; an IP_PKTINFO control message picks the source 127.0.0.2; recvfrom tells it", () => {
    const rx = udp(AF.AF_INET, "127.0.0.1");
    const tx = udp(AF.AF_INET, "0.0.0.0");
    const to = k.sockaddr(AF.AF_INET, "127.0.0.1", rx.port);
    expect(k.sendmsg(tx.fd, [Buffer.from("gat"), Buffer.from("her")], { address: to })).toBe(6);
    waitFor(rx.fd, POLL.POLLIN);
    expect(k.recvfrom(rx.fd, 100)).toEqual({ data: Buffer.from("gather"), address: { family: AF.AF_INET, host: "127.0.0.1", port: tx.port } });

    // struct in_pktinfo { ifindex 0 (any); ipi_spec_dst = the source to use; ipi_addr unused }
    const pktinfo = Buffer.from([0, 0, 0, 0, 127, 0, 0, 2, 0, 0, 0, 0]);
    k.sendmsg(tx.fd, [Buffer.from("src")], { address: to, control: encodeCmsg(LEVEL.IPPROTO_IP, IP.IP_PKTINFO, pktinfo) });
    waitFor(rx.fd, POLL.POLLIN);
    expect(k.recvfrom(rx.fd, 100).address?.host).toBe("127.0.0.2");
  });

  test("multicast and v6-only options read back the kernel's defaults and what was set", () => {
    const v4 = udp(AF.AF_INET, "127.0.0.1").fd;
    expect(k.getsockoptInt(v4, LEVEL.IPPROTO_IP, IP.IP_MULTICAST_TTL)).toBe(1);
    expect(k.getsockoptInt(v4, LEVEL.IPPROTO_IP, IP.IP_MULTICAST_LOOP)).toBe(1);
    k.setsockoptInt(v4, LEVEL.IPPROTO_IP, IP.IP_MULTICAST_TTL, 5);
    expect(k.getsockoptInt(v4, LEVEL.IPPROTO_IP, IP.IP_MULTICAST_TTL)).toBe(5);
    const v6 = scope.track(k.socket(AF.AF_INET6, SOCK.SOCK_DGRAM));
    k.setsockoptInt(v6, LEVEL.IPPROTO_IPV6, IPV6.IPV6_V6ONLY, 1);
    expect(k.getsockoptInt(v6, LEVEL.IPPROTO_IPV6, IPV6.IPV6_V6ONLY)).toBe(1);
    expect(k.getsockoptInt(v6, LEVEL.SOL_SOCKET, SO.SO_TYPE)).toBe(SOCK.SOCK_DGRAM);
  });

  test("poll on an fd that was closed reports POLLNVAL (the stale-fd light)", () => {
    const fd = k.socket(AF.AF_INET, SOCK.SOCK_DGRAM);
    k.close(fd);
    expect(k.pollSync([{ fd, events: POLL.POLLIN }], 0)).toEqual([POLL.POLLNVAL]);
  });
});

describe("recvmmsg batches (the auto modes' reader)", () => {
  test("reads queued datagrams in order, a batch at a time, each whole with its sender and interface; none left is EAGAIN", () => {
    const rx = udp(AF.AF_INET, "127.0.0.1");
    k.setsockoptInt(rx.fd, LEVEL.IPPROTO_IP, IP.IP_PKTINFO, 1);
    k.setsockoptInt(rx.fd, LEVEL.SOL_SOCKET, SO.SO_RCVBUF, 4 * 1024 * 1024);
    const tx = udp(AF.AF_INET, "127.0.0.1");
    const to = k.sockaddr(AF.AF_INET, "127.0.0.1", rx.port);
    const sizes = Array.from({ length: 40 }, (_, i) => (i === 7 ? 60_000 : i + 1));
    sizes.forEach((n, i) => k.sendto(tx.fd, Buffer.alloc(n, i), to));

    const got: k.RecvmsgResult[] = [];
    let calls = 0;
    while (got.length < sizes.length && calls < 20) {
      const batch = k.recvBatch(rx.fd);
      expect(batch.length).toBeGreaterThan(0);
      expect(batch.length).toBeLessThanOrEqual(16);
      got.push(...batch);
      calls++;
    }
    expect(calls).toBeLessThan(sizes.length);
    expect(got.map((d) => d.length)).toEqual(sizes);
    got.forEach((d, i) => expect(d.data.equals(Buffer.alloc(sizes[i]!, i))).toBe(true));
    expect(got[7]!.msgFlags & MSG.MSG_TRUNC).toBe(0);
    expect(got.every((d) => d.address?.port === tx.port && d.ifname === "lo" && d.ancillary.dst === "127.0.0.1")).toBe(true);
    expect(errnoOf(catchError(() => k.recvBatch(rx.fd)))).toBe("EAGAIN");
  });
});

function catchError(call: () => unknown): unknown {
  try {
    call();
  } catch (error) {
    return error;
  }
  return null;
}

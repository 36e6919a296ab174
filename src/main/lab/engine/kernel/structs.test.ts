import { describe, expect, test } from "vitest";
import { IP, LEVEL, SO } from "./constants";
import { buildMsghdr, decodeAncillary, encodeCmsg, msghdrResult, parseCmsgs, MSGHDR_SIZE } from "./msghdr";
import { decodeRevents, decodeTcpInfo, encodePollfds, TCP_INFO_SIZE } from "./structs";

describe("struct layouts (LP64 Linux, offsets checked with gcc's offsetof)", () => {
  test("pollfd: int fd, short events, short revents", () => {
    const b = encodePollfds([{ fd: 7, events: 0x2001 }]);
    expect(b.toString("hex")).toBe("07000000" + "0120" + "0000");
    b.writeUInt16LE(0x2011, 6);
    expect(decodeRevents(b, 1)).toEqual([0x2011]);
  });

  test("tcp_info: state at 0, unacked/sacked at 24/28, rtt/rttvar at 68/72, ssthresh/cwnd at 76/80", () => {
    const b = Buffer.alloc(TCP_INFO_SIZE);
    b[0] = 10;
    b[2] = 3;
    [24, 28, 68, 72, 76, 80].forEach((off, i) => b.writeUInt32LE(100 + i, off));
    expect(decodeTcpInfo(b)).toMatchObject({ state: "LISTEN", retransmits: 3, unacked: 100, sacked: 101, rtt: 102, rttvar: 103, sndSsthresh: 104, sndCwnd: 105 });
  });

  test("msghdr: name, iov, control pointers and lengths at 0/8/16/24/32/40", () => {
    // Fake addresses, handed out in call order: the layout is what is under test.
    const addresses = new Map<Buffer, bigint>();
    const address = (b: Buffer): bigint => {
      if (!addresses.has(b)) addresses.set(b, BigInt(0x1000 * (addresses.size + 1)));
      return addresses.get(b)!;
    };
    const name = Buffer.alloc(28);
    const data = Buffer.alloc(64);
    const control = Buffer.alloc(48);
    const { msghdr, iovecs } = buildMsghdr({ name, iov: [data], control }, address);
    expect(msghdr).toHaveLength(MSGHDR_SIZE);
    expect(msghdr.readBigUInt64LE(0)).toBe(addresses.get(name));
    expect(msghdr.readUInt32LE(8)).toBe(28);
    expect(msghdr.readBigUInt64LE(16)).toBe(addresses.get(iovecs));
    expect(msghdr.readBigUInt64LE(24)).toBe(1n);
    expect(msghdr.readBigUInt64LE(32)).toBe(addresses.get(control));
    expect(msghdrResult(msghdr)).toEqual({ namelen: 28, controllen: 48, flags: 0 });
    expect([iovecs.readBigUInt64LE(0), iovecs.readBigUInt64LE(8)]).toEqual([addresses.get(data), 64n]);
  });

  test("cmsg walk: aligned messages in order; in_pktinfo's ipi_addr is the destination", () => {
    const pktinfo = Buffer.from([1, 0, 0, 0, 127, 0, 0, 1, 127, 255, 255, 255]);
    const drops = Buffer.alloc(4);
    drops.writeUInt32LE(9);
    const control = Buffer.concat([encodeCmsg(LEVEL.IPPROTO_IP, IP.IP_PKTINFO, pktinfo), encodeCmsg(LEVEL.SOL_SOCKET, SO.SO_RXQ_OVFL, drops)]);
    // CMSG_SPACE(12) = 32, CMSG_SPACE(4) = 24.
    expect(control).toHaveLength(56);
    const cmsgs = parseCmsgs(control, control.length);
    expect(cmsgs.map((c) => [c.level, c.type, c.data.length])).toEqual([
      [LEVEL.IPPROTO_IP, IP.IP_PKTINFO, 12],
      [LEVEL.SOL_SOCKET, SO.SO_RXQ_OVFL, 4],
    ]);
    expect(decodeAncillary(cmsgs)).toEqual({ ifindex: 1, dst: "127.255.255.255", dropped: 9 });
    // A truncated control buffer stops the walk instead of reading past it.
    expect(parseCmsgs(control, 40)).toHaveLength(1);
  });
});

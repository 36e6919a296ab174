/**
 * struct msghdr, iovec and the control messages recvmsg returns, as Buffers.
 * msghdr holds raw pointers, so building one needs the address of each Buffer
 * (koffi.address); the caller keeps the Buffers referenced for the call.
 * LP64 layout: msghdr 56 bytes, iovec 16, cmsghdr 16 with data 8-aligned.
 */
import { IP, IPV6, LEVEL, SO } from "./constants";
import { formatIPv6 } from "./sockaddr";

export const MSGHDR_SIZE = 56;
const IOVEC_SIZE = 16;
const CMSGHDR_SIZE = 16;

/** CMSG_ALIGN: control messages start on size_t boundaries. */
function align(n: number): number {
  return (n + 7) & ~7;
}

/** CMSG_SPACE for one message of `len` data bytes. */
export function cmsgSpace(len: number): number {
  return CMSGHDR_SIZE + align(len);
}

export interface MsghdrParts {
  readonly name: Buffer | null;
  readonly iov: readonly Buffer[];
  readonly control: Buffer | null;
}

export interface BuiltMsghdr {
  readonly msghdr: Buffer;
  /** The iovec array; referenced here so it outlives the call. */
  readonly iovecs: Buffer;
}

export function buildMsghdr(parts: MsghdrParts, address: (buf: Buffer) => bigint): BuiltMsghdr {
  const iovecs = Buffer.alloc(IOVEC_SIZE * Math.max(1, parts.iov.length));
  parts.iov.forEach((b, i) => {
    iovecs.writeBigUInt64LE(b.length ? address(b) : 0n, i * IOVEC_SIZE);
    iovecs.writeBigUInt64LE(BigInt(b.length), i * IOVEC_SIZE + 8);
  });
  const m = Buffer.alloc(MSGHDR_SIZE);
  if (parts.name) {
    m.writeBigUInt64LE(address(parts.name), 0);
    m.writeUInt32LE(parts.name.length, 8);
  }
  m.writeBigUInt64LE(address(iovecs), 16);
  m.writeBigUInt64LE(BigInt(parts.iov.length), 24);
  if (parts.control) {
    m.writeBigUInt64LE(address(parts.control), 32);
    m.writeBigUInt64LE(BigInt(parts.control.length), 40);
  }
  return { msghdr: m, iovecs };
}

/** Makes a reused msghdr ready for the next call: the one iovec's length, and the name and control lengths recvmsg overwrote. */
export function resetMsghdr(built: BuiltMsghdr, iovLength: number, nameLength: number, controlLength: number): void {
  built.iovecs.writeBigUInt64LE(BigInt(iovLength), 8);
  built.msghdr.writeUInt32LE(nameLength, 8);
  built.msghdr.writeBigUInt64LE(BigInt(controlLength), 40);
  built.msghdr.writeInt32LE(0, 48);
}

/** What recvmsg wrote back into the msghdr. */
export function msghdrResult(m: Buffer): { namelen: number; controllen: number; flags: number } {
  return { namelen: m.readUInt32LE(8), controllen: Number(m.readBigUInt64LE(40)), flags: m.readInt32LE(48) };
}

export interface Cmsg {
  readonly level: number;
  readonly type: number;
  readonly data: Buffer;
}

/** Walks CMSG_FIRSTHDR / CMSG_NXTHDR over `controllen` bytes. */
export function parseCmsgs(control: Buffer, controllen: number): Cmsg[] {
  const out: Cmsg[] = [];
  let at = 0;
  while (at + CMSGHDR_SIZE <= controllen) {
    const len = Number(control.readBigUInt64LE(at));
    if (len < CMSGHDR_SIZE || at + len > controllen) break;
    out.push({ level: control.readInt32LE(at + 8), type: control.readInt32LE(at + 12), data: control.subarray(at + CMSGHDR_SIZE, at + len) });
    at += align(len);
  }
  return out;
}

/** Builds one control message (tests, and sendmsg with IP_PKTINFO later). */
export function encodeCmsg(level: number, type: number, data: Buffer): Buffer {
  const out = Buffer.alloc(cmsgSpace(data.length));
  out.writeBigUInt64LE(BigInt(CMSGHDR_SIZE + data.length), 0);
  out.writeInt32LE(level, 8);
  out.writeInt32LE(type, 12);
  data.copy(out, CMSGHDR_SIZE);
  return out;
}

/** What a datagram's ancillary data says: where it was addressed, on which interface, when. */
export interface Ancillary {
  /** The datagram's destination address (ipi_addr / ipi6_addr): e.g. a broadcast address. */
  dst?: string;
  ifindex?: number;
  /** SO_TIMESTAMPNS: the kernel's receive time, nanoseconds since the epoch. */
  timestampNs?: bigint;
  /** SO_RXQ_OVFL: datagrams this socket has dropped so far because its queue was full. */
  dropped?: number;
}

export function decodeAncillary(cmsgs: readonly Cmsg[]): Ancillary {
  const out: Ancillary = {};
  for (const c of cmsgs) {
    if (c.level === LEVEL.IPPROTO_IP && c.type === IP.IP_PKTINFO && c.data.length >= 12) {
      // struct in_pktinfo { int ipi_ifindex; in_addr ipi_spec_dst; in_addr ipi_addr; }
      out.ifindex = c.data.readInt32LE(0);
      out.dst = `${c.data[8]}.${c.data[9]}.${c.data[10]}.${c.data[11]}`;
    } else if (c.level === LEVEL.IPPROTO_IPV6 && c.type === IPV6.IPV6_PKTINFO && c.data.length >= 20) {
      // struct in6_pktinfo { in6_addr ipi6_addr; unsigned ipi6_ifindex; }
      out.dst = formatIPv6(c.data.subarray(0, 16));
      out.ifindex = c.data.readUInt32LE(16);
    } else if (c.level === LEVEL.SOL_SOCKET && c.type === SO.SO_TIMESTAMPNS && c.data.length >= 16) {
      // struct timespec { time_t tv_sec; long tv_nsec; } (64-bit both on LP64)
      out.timestampNs = c.data.readBigInt64LE(0) * 1_000_000_000n + c.data.readBigInt64LE(8);
    } else if (c.level === LEVEL.SOL_SOCKET && c.type === SO.SO_RXQ_OVFL && c.data.length >= 4) {
      out.dropped = c.data.readUInt32LE(0);
    }
  }
  return out;
}

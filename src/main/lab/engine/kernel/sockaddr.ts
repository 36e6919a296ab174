/**
 * struct sockaddr_in / sockaddr_in6 as bytes: family in host order, port and
 * addresses in network byte order, sin6_flowinfo in network order and
 * sin6_scope_id in host order (what the kernel reads and writes).
 * Pure functions, so the layout is tested without a kernel.
 */
import { isIPv4, isIPv6 } from "node:net";
import { AF } from "./constants";

export const SOCKADDR_IN_SIZE = 16;
export const SOCKADDR_IN6_SIZE = 28;
/** sizeof(struct sockaddr_storage): big enough for any address a call may return. */
export const SOCKADDR_STORAGE_SIZE = 128;

export interface SockAddr {
  readonly family: typeof AF.AF_INET | typeof AF.AF_INET6;
  readonly host: string;
  readonly port: number;
  /** AF_INET6 only. */
  readonly flowinfo?: number;
  /** AF_INET6 only: the interface index of a link-local address. */
  readonly scopeId?: number;
}

export function ipv4Bytes(host: string): Buffer {
  if (!isIPv4(host)) throw new RangeError(`not an IPv4 address: ${host}`);
  return Buffer.from(host.split(".").map(Number));
}

export function ipv6Bytes(host: string): Buffer {
  if (!isIPv6(host)) throw new RangeError(`not an IPv6 address: ${host}`);
  // A trailing dotted quad (::ffff:1.2.3.4) is the last two 16-bit words.
  const text = host.replace(/(\d+)\.(\d+)\.(\d+)\.(\d+)$/, (_m, a: string, b: string, c: string, d: string) => {
    const hex = (hi: string, lo: string) => ((Number(hi) << 8) | Number(lo)).toString(16);
    return `${hex(a, b)}:${hex(c, d)}`;
  });
  const split = text.split("::");
  const head = split[0] ? split[0].split(":") : [];
  const tail = split.length > 1 && split[1] ? split[1].split(":") : [];
  const words = split.length > 1 ? [...head, ...Array<string>(8 - head.length - tail.length).fill("0"), ...tail] : head;
  const out = Buffer.alloc(16);
  words.forEach((w, i) => out.writeUInt16BE(parseInt(w, 16), i * 2));
  return out;
}

/** glibc's inet_ntop for AF_INET6: the longest run (≥ 2) of zero words as "::", IPv4-mapped/compatible tails dotted. */
export function formatIPv6(bytes: Uint8Array): string {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, 16);
  const words = Array.from({ length: 8 }, (_, i) => b.readUInt16BE(i * 2));
  let best = { base: -1, len: 0 };
  let cur = { base: -1, len: 0 };
  words.forEach((w, i) => {
    if (w === 0) {
      cur = cur.base === -1 ? { base: i, len: 1 } : { base: cur.base, len: cur.len + 1 };
      if (cur.len > best.len) best = cur;
    } else cur = { base: -1, len: 0 };
  });
  if (best.len < 2) best = { base: -1, len: 0 };
  const dotted = best.base === 0 && (best.len === 6 || (best.len === 7 && words[7] !== 1) || (best.len === 5 && words[5] === 0xffff));
  let out = "";
  for (let i = 0; i < 8; i++) {
    if (best.base !== -1 && i >= best.base && i < best.base + best.len) {
      if (i === best.base) out += ":";
      continue;
    }
    if (i !== 0) out += ":";
    if (i === 6 && dotted) {
      out += `${b[12]}.${b[13]}.${b[14]}.${b[15]}`;
      break;
    }
    out += words[i]!.toString(16);
  }
  if (best.base !== -1 && best.base + best.len === 8) out += ":";
  return out;
}

export function encodeSockaddr(addr: SockAddr): Buffer {
  if (addr.family === AF.AF_INET) {
    const out = Buffer.alloc(SOCKADDR_IN_SIZE);
    out.writeUInt16LE(AF.AF_INET, 0);
    out.writeUInt16BE(addr.port, 2);
    ipv4Bytes(addr.host).copy(out, 4);
    return out;
  }
  const out = Buffer.alloc(SOCKADDR_IN6_SIZE);
  out.writeUInt16LE(AF.AF_INET6, 0);
  out.writeUInt16BE(addr.port, 2);
  out.writeUInt32BE(addr.flowinfo ?? 0, 4);
  ipv6Bytes(addr.host).copy(out, 8);
  out.writeUInt32LE(addr.scopeId ?? 0, 24);
  return out;
}

/** Decodes what the kernel wrote (getsockname, accept4, recvfrom); null for an empty or foreign family. */
export function decodeSockaddr(buf: Uint8Array, length: number): SockAddr | null {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  if (length < 2) return null;
  // sa_family is host order; every Linux this module supports is little-endian.
  const family = b.readUInt16LE(0);
  if (family === AF.AF_INET && length >= SOCKADDR_IN_SIZE) {
    return { family, host: `${b[4]}.${b[5]}.${b[6]}.${b[7]}`, port: b.readUInt16BE(2) };
  }
  if (family === AF.AF_INET6 && length >= SOCKADDR_IN6_SIZE) {
    return { family, host: formatIPv6(b.subarray(8, 24)), port: b.readUInt16BE(2), flowinfo: b.readUInt32BE(4), scopeId: b.readUInt32LE(24) };
  }
  return null;
}


/**
 * The scenario's option names as the numbers CPython's `socket` module
 * passes to setsockopt(2)/getsockopt(2). The level and the name travel as
 * given, so a name used at the wrong level reaches the kernel as the same
 * pair of numbers Python would send, and gets the kernel's answer.
 */
import type { LabErrorInfo } from "../../../../shared/errors";
import type { SockoptLevel, SockoptName } from "../../../../shared/scenario/sockopts";
import type { OptionValue } from "../../socket-options";
import { IP, IPV6, LEVEL, SO, TCP } from "./constants";
import { kernelErrorInfo } from "./errno";
import * as k from "./syscalls";

const LEVELS: Record<SockoptLevel, number> = {
  SOL_SOCKET: LEVEL.SOL_SOCKET,
  IPPROTO_TCP: LEVEL.IPPROTO_TCP,
  IPPROTO_IP: LEVEL.IPPROTO_IP,
  IPPROTO_IPV6: LEVEL.IPPROTO_IPV6,
};

const NAMES: Record<SockoptName, number> = {
  SO_REUSEADDR: SO.SO_REUSEADDR,
  SO_REUSEPORT: SO.SO_REUSEPORT,
  SO_BROADCAST: SO.SO_BROADCAST,
  SO_RCVBUF: SO.SO_RCVBUF,
  SO_SNDBUF: SO.SO_SNDBUF,
  SO_KEEPALIVE: SO.SO_KEEPALIVE,
  SO_LINGER: SO.SO_LINGER,
  SO_ERROR: SO.SO_ERROR,
  SO_TYPE: SO.SO_TYPE,
  TCP_NODELAY: TCP.TCP_NODELAY,
  TCP_KEEPIDLE: TCP.TCP_KEEPIDLE,
  IP_TTL: IP.IP_TTL,
  IP_MULTICAST_TTL: IP.IP_MULTICAST_TTL,
  IP_MULTICAST_LOOP: IP.IP_MULTICAST_LOOP,
  IPV6_V6ONLY: IPV6.IPV6_V6ONLY,
};

/**
 * setsockopt as the exported program calls it: an integer option as a C int,
 * SO_LINGER as struct linger (the program's `struct.pack('ii', …)`).
 */
export function setKernelOption(fd: number, level: SockoptLevel, name: SockoptName, value: OptionValue): void {
  if (typeof value === "number") k.setsockoptInt(fd, LEVELS[level], NAMES[name], value);
  else k.setsockoptBytes(fd, LEVELS[level], NAMES[name], lingerBytes(value));
}

function lingerBytes([onoff, seconds]: readonly [number, number]): Buffer {
  const out = Buffer.alloc(8);
  out.writeInt32LE(onoff, 0);
  out.writeInt32LE(seconds, 4);
  return out;
}

/** getsockopt as the transcript reports it: an int, `[onoff, seconds]` for SO_LINGER, an errno number for SO_ERROR (reading it clears it). */
export function getKernelOption(fd: number, level: SockoptLevel, name: SockoptName): OptionValue {
  if (name === "SO_LINGER" && level === "SOL_SOCKET") {
    const linger = k.getsockoptBytes(fd, LEVELS[level], NAMES[name], 8);
    return [linger.readInt32LE(0) === 0 ? 0 : 1, linger.readInt32LE(4)];
  }
  return k.getsockoptInt(fd, LEVELS[level], NAMES[name]);
}

/** SO_ERROR, read and cleared: the error it held, or null. */
export function takeSocketError(fd: number): LabErrorInfo | null {
  const code = k.getsockoptInt(fd, LEVEL.SOL_SOCKET, SO.SO_ERROR);
  return code === 0 ? null : kernelErrorInfo(code);
}

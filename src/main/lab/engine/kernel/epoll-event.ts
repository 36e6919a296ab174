/**
 * struct epoll_event { uint32_t events; epoll_data_t data; }. glibc declares
 * it __attribute__((packed)) on x86_64 only (12 bytes, data at offset 4); on
 * aarch64 it has natural alignment (16 bytes, data at offset 8).
 */

const PACKED = process.arch === "x64";

export const EPOLL_EVENT_SIZE = PACKED ? 12 : 16;
const DATA_OFFSET = PACKED ? 4 : 8;

/** <sys/epoll.h>: the events are poll's bits; these are epoll's own. */
export const EPOLL = { EPOLL_CTL_ADD: 1, EPOLL_CTL_DEL: 2, EPOLL_CTL_MOD: 3, EPOLLET: 1 << 31 } as const;

export interface EpollReady {
  readonly events: number;
  readonly token: number;
}

export function encodeEpollEvent(events: number, token: number): Buffer {
  const out = Buffer.alloc(EPOLL_EVENT_SIZE);
  // EPOLLET is bit 31: written unsigned, so it is not read as a negative int.
  out.writeUInt32LE(events >>> 0, 0);
  out.writeUInt32LE(token, DATA_OFFSET);
  return out;
}

export function decodeEpollEvents(buf: Buffer, count: number): EpollReady[] {
  return Array.from({ length: count }, (_, i) => ({
    events: buf.readUInt32LE(i * EPOLL_EVENT_SIZE),
    token: buf.readUInt32LE(i * EPOLL_EVENT_SIZE + DATA_OFFSET),
  }));
}

/**
 * The flags a scenario or a page may pass to send/sendto/recv/recvfrom, with
 * Linux's values (bits/socket.h), which CPython's `socket.MSG_*` hold on Linux.
 */
export const MSG_FLAGS = {
  /** Urgent (out-of-band) data: the receiver sees POLLPRI and reads it with recv(…, MSG_OOB). */
  MSG_OOB: 0x1,
  /** Read without taking: the bytes stay queued for the next recv. */
  MSG_PEEK: 0x2,
  /** This call does not wait, whatever the socket's blocking mode. */
  MSG_DONTWAIT: 0x40,
  /** A blocking recv waits until it has every byte asked for (or EOF, or an error). */
  MSG_WAITALL: 0x100,
} as const;

export type MsgFlagName = keyof typeof MSG_FLAGS;

export const MSG_FLAG_NAMES = Object.keys(MSG_FLAGS) as [MsgFlagName, ...MsgFlagName[]];

export function msgMask(names: readonly MsgFlagName[] | undefined): number {
  let mask = 0;
  for (const name of names ?? []) mask |= MSG_FLAGS[name];
  return mask;
}

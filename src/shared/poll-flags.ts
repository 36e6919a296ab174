/**
 * poll() event bits with Linux's values (asm-generic/poll.h), which are also
 * what CPython's `select.POLL*` constants hold on Linux. Transcripts carry
 * revents as these integers, so the Lab and CPython must agree bit for bit.
 */
export const POLL_FLAGS = {
  POLLIN: 0x001,
  POLLPRI: 0x002,
  POLLOUT: 0x004,
  POLLERR: 0x008,
  POLLHUP: 0x010,
  POLLNVAL: 0x020,
  POLLRDNORM: 0x040,
  POLLRDBAND: 0x080,
  POLLWRNORM: 0x100,
  POLLWRBAND: 0x200,
  /** Linux only (select.POLLRDHUP): the peer shut its write side (FIN), or this side's reading ended (SHUT_RD, reset). */
  POLLRDHUP: 0x2000,
} as const;

export type PollFlagName = keyof typeof POLL_FLAGS;

export const POLL_FLAG_NAMES = Object.keys(POLL_FLAGS) as readonly PollFlagName[];

/** poll() reports these whether or not they were asked for. */
export const POLL_ALWAYS = POLL_FLAGS.POLLERR | POLL_FLAGS.POLLHUP | POLL_FLAGS.POLLNVAL;

export function pollMask(names: readonly PollFlagName[]): number {
  let mask = 0;
  for (const name of names) mask |= POLL_FLAGS[name];
  return mask;
}

/** The names of the bits set in `revents`, lowest bit first (for display). */
export function pollFlagNames(revents: number): PollFlagName[] {
  return POLL_FLAG_NAMES.filter((name) => (revents & POLL_FLAGS[name]) !== 0);
}

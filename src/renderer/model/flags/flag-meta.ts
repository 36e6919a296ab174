import { POLL_ALWAYS, POLL_FLAGS, POLL_FLAG_NAMES, type PollFlagName } from "../../../shared/poll-flags";

/** The matrix's columns: every flag of the tutorial, in bit order, then Linux's POLLRDHUP. */
export const MATRIX_FLAGS: readonly PollFlagName[] = POLL_FLAG_NAMES;

/** Flags a program may register; the rest (POLLERR, POLLHUP, POLLNVAL) poll() reports anyway. */
export const REGISTRABLE_FLAGS: readonly PollFlagName[] = POLL_FLAG_NAMES.filter((name) => (POLL_FLAGS[name] & POLL_ALWAYS) === 0);

/** What the panel watches until someone changes it: everything a program can ask for. */
export const DEFAULT_MASK = REGISTRABLE_FLAGS.reduce((mask, name) => mask | POLL_FLAGS[name], 0);

export function isAlways(name: PollFlagName): boolean {
  return (POLL_FLAGS[name] & POLL_ALWAYS) !== 0;
}

/** Colour family of a lit flag: one per meaning, so a projector audience learns them by sight as well as by shape. */
export type FlagTone = "read" | "write" | "error" | "hup" | "never";

export function toneOf(name: PollFlagName): FlagTone {
  switch (name) {
    case "POLLIN":
    case "POLLRDNORM":
    case "POLLRDBAND":
      return "read";
    case "POLLOUT":
    case "POLLWRNORM":
    case "POLLWRBAND":
      return "write";
    case "POLLERR":
    case "POLLNVAL":
      return "error";
    case "POLLHUP":
    case "POLLRDHUP":
      return "hup";
    case "POLLPRI":
      // Needs TCP urgent data, which Node can neither send nor see: it cannot light here.
      return "never";
  }
}

/** The name without "POLL", for narrow column heads. */
export function shortName(name: PollFlagName): string {
  return name.slice(4);
}

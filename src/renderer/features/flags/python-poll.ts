import { POLL_FLAGS, pollFlagNames } from "../../../shared/poll-flags";
import { pyName } from "../console/python";
import { REGISTRABLE_FLAGS } from "../../model/flags/flag-meta";

/** How a program names an fd: the socket object while it is open, the bare number once closed (poll() then says POLLNVAL). */
function target(fd: number, open: ReadonlySet<number>): string {
  return open.has(fd) ? pyName(fd) : String(fd);
}

/** `select.POLLIN | select.POLLOUT`, or 0 when only the always-reported flags are wanted. */
export function pyEventMask(mask: number): string {
  const names = REGISTRABLE_FLAGS.filter((name) => (mask & POLL_FLAGS[name]) !== 0);
  return names.length === 0 ? "0" : names.map((name) => `select.${name}`).join(" | ");
}

/** The poll object and its one call, as one console line. */
export function pyPoll(fds: readonly number[], mask: number, timeoutMs: number, open: ReadonlySet<number>): string {
  const events = pyEventMask(mask);
  return ["p = select.poll()", ...fds.map((fd) => `p.register(${target(fd, open)}, ${events})`), `p.poll(${timeoutMs})`].join("; ");
}

/** What Python prints for poll()'s list of (fd, revents) tuples. */
export function pyPollResult(ready: readonly (readonly [number, number])[]): string {
  return `[${ready.map(([fd, revents]) => `(${fd}, ${revents})`).join(", ")}]`;
}

function pyList(fds: readonly number[]): string {
  return `[${fds.map(pyName).join(", ")}]`;
}

/** Python writes 0.1 for a tenth of a second; a whole number of seconds reads as it is. */
function pySeconds(seconds: number): string {
  return String(seconds);
}

export function pySelect(r: readonly number[], w: readonly number[], x: readonly number[], seconds: number): string {
  return `select.select(${pyList(r)}, ${pyList(w)}, ${pyList(x)}, ${pySeconds(seconds)})`;
}

/** select()'s three lists; the sockets are shown by name, as the program's variables. */
export function pySelectResult([r, w, x]: readonly [readonly number[], readonly number[], readonly number[]]): string {
  return `(${pyList(r)}, ${pyList(w)}, ${pyList(x)})`;
}

/** `s5: POLLIN | POLLOUT` for each tuple, to read a poll() result without a bit table. */
export function decodePollResult(ready: readonly (readonly [number, number])[]): string[] {
  return ready.map(([fd, revents]) => `${pyName(fd)}: ${pollFlagNames(revents).join(" | ")}`);
}

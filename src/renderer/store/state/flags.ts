import type { FlagChange, Readings } from "../../model/flags/timeline";

export interface FlagsSlice {
  /** The fds the flags panel watches, in the order they were chosen (closed ones stay, to show POLLNVAL). */
  readonly flagFds: readonly number[];
  /** The events registered for each of them (POLLERR, POLLHUP and POLLNVAL come anyway). */
  readonly flagMask: number;
  /** The panel's current watcher, once the Lab has answered. */
  readonly flagWatcher: number | null;
  readonly ownWatchers: readonly number[];
  /** What every live watcher last reported, per fd. */
  readonly readings: Readings;
  readonly flagTimeline: readonly FlagChange[];
  toggleFlagFd(fd: number): void;
  setFlagMask(mask: number): void;
  /** The Lab answered `watch` with this id (null: nothing watched now). */
  adoptFlagWatcher(watcher: number | null): void;
  clearFlagTimeline(): void;
}

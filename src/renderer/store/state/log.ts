import type { MissedEvents } from "../../../shared/events";
import type { JobProgress } from "../../../shared/events";
import type { LogEntry } from "../../../shared/log-entry";
import type { LogRing } from "../log-ring";
import type { LogViewSlice } from "./log-view";

export interface LogSlice extends LogViewSlice {
  /** Mutated in place (see LogRing); read it together with `logVersion`. */
  readonly log: LogRing;
  /** A new number after every change of `log`: what components subscribe to. */
  readonly logVersion: number;
  /** Rows the capacity pushed out since the last clear. */
  readonly logDropped: number;
  /** Events the Lab could not deliver because this page fell behind (the host counted and said so). */
  readonly logMissed: number;
  /**
   * Events the Lab emitted while no page of this tab was reading (between an
   * earlier page's last event and this page's first snapshot, a reload):
   * the Lab keeps no past events, so they are not in the log.
   */
  readonly logAway: number;
  readonly logCapacity: number;
  /** Progress of the Lab's repeat jobs (see log-jobs). */
  readonly logJobs: ReadonlyMap<number, JobProgress>;
  clearLog(): void;
  /** Events at or below this seq are not logged: a lesson switch clears the log, and the old session's late events stay out. */
  readonly logFloor: number;
  /** Clears the log and keeps out every event up to `seq`. */
  clearLogThrough(seq: number): void;
  setLogCapacity(capacity: number): void;
  noteMissed(missed: MissedEvents): void;
  /** Puts back the rows an earlier page of this tab held, with its counters (after a reload). */
  restoreLog(restored: RestoredLog): void;
}

export interface RestoredLog {
  readonly entries: readonly LogEntry[];
  readonly dropped: number;
  readonly missed: number;
  readonly away: number;
  readonly floor: number;
}

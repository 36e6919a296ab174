import type { Step } from "../../../shared/scenario";
import type { LabState } from "../state/lab-state";
import type { ConsoleLine } from "../state/ui";
import { LOG_ROWS_KEPT, SESSION_FORMAT, toRow, type SavedSession } from "./format";

/** How much of a page goes into its tab's storage. */
export interface SessionLimits {
  /** Characters of JSON in all. */
  readonly budget: number;
  /** Of those, the most the recording may take (its first steps are kept). */
  readonly recording: number;
  readonly logRows: number;
}

/**
 * Chromium gives a tab's sessionStorage about 5 M characters per origin
 * (10 MiB of UTF-16); a session takes at most 2 M of them, so writing it
 * (once, as the page goes) costs a few milliseconds and never meets the
 * quota in the usual case. What does not fit is counted, never silent.
 */
export const SESSION_LIMITS: SessionLimits = { budget: 2_000_000, recording: 1_000_000, logRows: LOG_ROWS_KEPT };

/** A console line (or what it printed) longer than this is kept cut short: a 16 MiB send's line belongs to the page, not the storage. */
export const LINE_CHARS_KEPT = 1_000;

const cutShort = (text: string): string => (text.length <= LINE_CHARS_KEPT ? text : `${text.slice(0, LINE_CHARS_KEPT)}…`);

function keptConsole(lines: readonly ConsoleLine[]): { lines: SavedSession["console"]; cut: number } {
  let cut = 0;
  const kept = lines.map(({ id: _id, ...line }) => {
    const text = cutShort(line.text);
    const outcome = cutShort(line.outcome);
    if (text !== line.text || outcome !== line.outcome) cut += 1;
    return { ...line, text, outcome };
  });
  return { lines: kept, cut };
}

/** The recording's first steps that fit in `chars` of JSON. */
function keptSteps(steps: readonly Step[], chars: number): readonly Step[] {
  let used = 0;
  for (let i = 0; i < steps.length; i++) {
    used += JSON.stringify(steps[i]).length + 1;
    if (used > chars) return steps.slice(0, i);
  }
  return steps;
}

/**
 * The page's session as the JSON the next page of this tab reads
 * (format.ts), within `limits`: the console, the recording, the watched
 * sockets and their timeline, what the page knows that the Lab's snapshot
 * does not say (multicast groups joined, SO_BROADCAST, each socket's
 * previous state and the kernel states it went through), and the newest log rows. Null before the page has
 * taken its first snapshot: there is nothing of a Lab's to keep yet.
 */
export function encodeSession(state: LabState, limits: SessionLimits = SESSION_LIMITS): string | null {
  if (state.labInstance === null) return null;
  const kept = keptConsole(state.console);
  const steps = keptSteps(state.recording.steps, limits.recording);
  const recordingCut = state.recording.steps.length - steps.length;
  const base: Omit<SavedSession, "cut" | "rows"> = {
    format: SESSION_FORMAT,
    instance: state.labInstance,
    seq: state.labSeq,
    console: kept.lines,
    recording: {
      steps: [...steps],
      named: [...state.recording.named],
      froms: [...state.recording.froms].map(([fd, [host, port]]) => [fd, [host, port]]),
      left: state.recording.left,
      overflow: state.recording.overflow,
      sealed: state.recording.sealed,
    },
    flags: {
      fds: [...state.flagFds],
      mask: state.flagMask,
      watcher: state.flagWatcher,
      readings: state.flagWatcher === null ? [] : [...(state.readings.get(state.flagWatcher) ?? [])],
      own: [...state.ownWatchers],
      timeline: [...state.flagTimeline],
    },
    selectedFd: state.selectedFd,
    previousState: [...state.previousState],
    kernelHistory: [...state.kernelHistory].map(([fd, h]) => [fd, { steps: h.steps.map((step) => [step.state, step.t] as const), trimmed: h.trimmed }]),
    memberships: [...state.memberships].map(([fd, groups]) => [fd, [...groups]]),
    soBroadcast: [...state.soBroadcast],
    unclaimed: [...state.unclaimed],
    log: { dropped: state.logDropped, missed: state.logMissed, away: state.logAway, floor: state.logFloor },
  };
  const head = JSON.stringify(base);
  // The rows go last, newest first until the budget is spent: each is written once, and measured as it is.
  const ring = state.log;
  const rows: string[] = [];
  // Room for the `cut` counts and the brackets around the rows.
  let room = limits.budget - head.length - 200;
  for (let abs = ring.end - 1; abs >= ring.start && rows.length < limits.logRows; abs--) {
    const row = JSON.stringify(toRow(ring.entry(abs)));
    room -= row.length + 1;
    if (room < 0) break;
    rows.push(row);
  }
  rows.reverse();
  const cut: SavedSession["cut"] = { logRows: ring.size - rows.length, recordingSteps: recordingCut, consoleLines: kept.cut };
  return `${head.slice(0, -1)},"cut":${JSON.stringify(cut)},"rows":[${rows.join(",")}]}`;
}

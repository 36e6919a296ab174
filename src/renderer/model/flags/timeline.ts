import type { LabEvent } from "../../../shared/events";
import { POLL_ALWAYS } from "../../../shared/poll-flags";
import type { SocketSnapshot } from "../../../shared/socket-model";
import { directCause, snapshotCause, type Cause } from "./causes";

/** One change of one watched fd's flags. */
export interface FlagChange {
  readonly seq: number;
  /** Lab µs. */
  readonly t: number;
  readonly fd: number;
  readonly watcher: number;
  readonly revents: number;
  /** Bits that went on and off with this change. */
  readonly on: number;
  readonly off: number;
  readonly cause: Cause;
}

/** watcher id → fd → the revents it last reported. */
export type Readings = ReadonlyMap<number, ReadonlyMap<number, number>>;

/** Enough to tell the story of a lesson; older changes go (the log keeps the events). */
export const TIMELINE_CAPACITY = 300;

/** How far back a state event looks for changes still waiting for their cause. */
const PENDING_LOOKBACK = 64;

export interface ReadinessInput {
  readonly readings: Readings;
  readonly timeline: readonly FlagChange[];
  /** The socket table before the batch, to compare snapshots with. */
  readonly sockets: ReadonlyMap<number, SocketSnapshot>;
}

/**
 * Folds a batch into the lights and the timeline. A change comes with the
 * event that caused it when the Lab emitted one with it; otherwise its cause
 * waits for the socket's next state snapshot (a recv() shows as a shorter
 * receive queue), which may arrive in a later batch.
 */
export function foldReadiness(events: readonly LabEvent[], input: ReadinessInput): { readings: Readings; timeline: readonly FlagChange[] } | null {
  const waiting = input.timeline.slice(-PENDING_LOOKBACK).some((entry) => entry.cause.kind === "pending");
  if (!events.some((e) => e.type === "readiness" || (waiting && e.type === "state"))) return null;
  let readings: Map<number, ReadonlyMap<number, number>> | null = null;
  const timeline = [...input.timeline];
  const snapshots = new Map<number, SocketSnapshot | undefined>();
  const snapshotOf = (fd: number) => (snapshots.has(fd) ? snapshots.get(fd) : input.sockets.get(fd));
  let changed = false;

  events.forEach((event, index) => {
    if (event.type === "created") snapshots.set(event.fd, event.socket);
    if (event.type === "closed") snapshots.set(event.fd, undefined);
    if (event.type === "state") {
      const before = snapshotOf(event.fd);
      snapshots.set(event.fd, event.socket);
      for (let i = timeline.length - 1; i >= Math.max(0, timeline.length - PENDING_LOOKBACK); i--) {
        const entry = timeline[i]!;
        if (entry.fd !== event.fd || entry.cause.kind !== "pending") continue;
        timeline[i] = { ...entry, cause: snapshotCause(before, event.socket) };
        changed = true;
      }
    }
    if (event.type !== "readiness") return;
    readings ??= new Map(input.readings);
    const seen = readings.get(event.watcher);
    const first = !seen?.has(event.fd);
    readings.set(event.watcher, new Map(seen ?? []).set(event.fd, event.revents));
    changed = true;
    const on = event.revents & ~event.previous;
    const off = event.previous & ~event.revents;
    if (on === 0 && off === 0) return;
    const cause: Cause = first ? { kind: "watch" } : (directCause(events, index) ?? { kind: "pending" });
    timeline.push({ seq: event.seq, t: event.t, fd: event.fd, watcher: event.watcher, revents: event.revents, on, off, cause });
  });

  if (!changed) return null;
  return { readings: readings ?? input.readings, timeline: timeline.slice(-TIMELINE_CAPACITY) };
}

/**
 * The panel replaced its watcher: the new one's first reports say "on" for
 * every lit flag, though nothing on the wire changed. Measured against what
 * the previous watcher showed, only real differences within the new mask
 * stay in the timeline; readings of older watchers are dropped.
 */
export function adoptWatcher(
  input: { readonly readings: Readings; readonly timeline: readonly FlagChange[] },
  previous: number | null,
  next: number,
  mask: number,
): { readings: Readings; timeline: readonly FlagChange[] } {
  const before = previous === null ? undefined : input.readings.get(previous);
  const shown = mask | POLL_ALWAYS;
  const timeline = input.timeline.flatMap((entry) => {
    if (entry.watcher !== next || entry.cause.kind !== "watch") return [entry];
    const old = before?.get(entry.fd);
    if (old === undefined) return [entry];
    const on = entry.revents & ~old;
    const off = old & ~entry.revents & shown;
    return on === 0 && off === 0 ? [] : [{ ...entry, on, off }];
  });
  const readings = new Map([...input.readings].filter(([id]) => id >= next));
  return { readings, timeline };
}

import type { StateCreator } from "zustand";
import type { SocketSnapshot } from "../../shared/socket-model";
import { toLogEntry, type LogEntry } from "../../shared/log-entry";
import { LogRing } from "./log-ring";
import { createLogViewSlice } from "./log-view-slice";
import type { EventReducer, LabState } from "./state/lab-state";
import type { LogSlice } from "./state/log";

export type { LogEntry } from "../../shared/log-entry";

/** The renderer never holds unbounded data: past its capacity the oldest rows go, counted. */
export const LOG_CAPACITY = 200_000;

/**
 * Capacities a person may choose. The top is bounded by the page, not by
 * memory: a million rows of 24 px is 24 M px of scroll height, and Chromium
 * cannot lay out an element much taller than 33 M px.
 */
export const LOG_CAPACITIES = [10_000, 100_000, 200_000, 1_000_000] as const;

const CAPACITY_KEY = "socket-lab.logCapacity";

function savedCapacity(): number {
  const saved = Number(globalThis.localStorage?.getItem(CAPACITY_KEY));
  return (LOG_CAPACITIES as readonly number[]).includes(saved) ? saved : LOG_CAPACITY;
}

export const createLogSlice: StateCreator<LabState, [], [], LogSlice> = (set, get, api) => {
  const capacity = savedCapacity();
  return {
    ...createLogViewSlice(set, get, api),
    log: new LogRing(capacity),
    logVersion: 0,
    logDropped: 0,
    logMissed: 0,
    logAway: 0,
    logCapacity: capacity,
    logJobs: new Map(),
    logFloor: 0,
    clearLogThrough: (seq) => {
      get().clearLog();
      set({ logFloor: seq });
    },
    clearLog: () => {
      const ring = get().log;
      ring.clear();
      set({ logVersion: ring.version, logDropped: 0, logMissed: 0, logAway: 0, logSelected: null });
    },
    noteMissed: (missed) => set({ logMissed: get().logMissed + missed.count }),
    restoreLog: ({ entries, dropped, missed, away, floor }) => {
      const ring = get().log;
      ring.clear();
      for (const entry of entries) ring.push(entry);
      ring.touch();
      // Rows past this page's capacity (a smaller "Keep" than the earlier page's) are dropped, and counted, as always.
      set({ logVersion: ring.version, logDropped: dropped + ring.dropped, logMissed: missed, logAway: away, logFloor: floor, logSelected: null });
    },
    setLogCapacity: (logCapacity) => {
      const ring = get().log;
      ring.resize(logCapacity);
      globalThis.localStorage?.setItem(CAPACITY_KEY, String(logCapacity));
      set({ logCapacity, logVersion: ring.version, logDropped: ring.dropped });
    },
  };
};

/** Appends a batch's rows in place: O(1) each, one new version per batch. */
export function appendBounded(ring: LogRing, added: readonly LogEntry[], _dropped?: number): Partial<Pick<LogSlice, "logVersion" | "logDropped">> {
  if (added.length === 0) return {};
  for (const entry of added) ring.push(entry);
  ring.touch();
  return { logVersion: ring.version, logDropped: ring.dropped };
}

/**
 * The batch's log rows. Each row is made with its socket as it was just
 * before the event (the batch's own created, state and closed events
 * included), so a state row says what it changed from.
 */
export const logReducer: EventReducer = (events, state) => {
  const added: LogEntry[] = [];
  const latest = new Map<number, SocketSnapshot | undefined>();
  for (const event of events) {
    const before = latest.has(event.fd) ? latest.get(event.fd) : state.sockets.get(event.fd);
    const entry = toLogEntry(event, before);
    if (entry && entry.seq > state.logFloor) added.push(entry);
    if (event.type === "created" || event.type === "state") latest.set(event.fd, event.socket);
    else if (event.type === "closed") latest.set(event.fd, undefined);
  }
  return added.length > 0 ? appendBounded(state.log, added, state.logDropped) : null;
};

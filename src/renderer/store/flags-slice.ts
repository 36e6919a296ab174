import type { StateCreator } from "zustand";
import { adoptWatcher, foldReadiness, type FlagChange, type Readings } from "../model/flags/timeline";
import { DEFAULT_MASK } from "../model/flags/flag-meta";
import type { EventReducer } from "./event-reducers";
import type { LabState } from "./store";

/** Watchers this panel created, newest last: enough to show the timeline across a few choice changes. */
const OWN_WATCHERS_KEPT = 32;

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

export const createFlagsSlice: StateCreator<LabState, [], [], FlagsSlice> = (set, get) => ({
  flagFds: [],
  flagMask: DEFAULT_MASK,
  flagWatcher: null,
  ownWatchers: [],
  readings: new Map(),
  flagTimeline: [],
  toggleFlagFd: (fd) => set(({ flagFds }) => ({ flagFds: flagFds.includes(fd) ? flagFds.filter((f) => f !== fd) : [...flagFds, fd] })),
  setFlagMask: (flagMask) => set({ flagMask }),
  adoptFlagWatcher: (watcher) => {
    const { flagWatcher, readings, flagTimeline, ownWatchers, flagMask } = get();
    if (watcher === null) {
      set({ flagWatcher: null });
      return;
    }
    const adopted = adoptWatcher({ readings, timeline: flagTimeline }, flagWatcher, watcher, flagMask);
    set({
      flagWatcher: watcher,
      ownWatchers: [...ownWatchers, watcher].slice(-OWN_WATCHERS_KEPT),
      readings: adopted.readings,
      flagTimeline: adopted.timeline,
    });
  },
  clearFlagTimeline: () => set({ flagTimeline: [] }),
});

/** Lights and timeline follow `readiness` events (and state snapshots, for causes that come late). */
export const flagsReducer: EventReducer = (events, state) => {
  const folded = foldReadiness(events, { readings: state.readings, timeline: state.flagTimeline, sockets: state.sockets });
  return folded && { readings: folded.readings, flagTimeline: folded.timeline };
};

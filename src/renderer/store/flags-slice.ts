import type { StateCreator } from "zustand";
import { adoptWatcher, foldReadiness } from "../model/flags/timeline";
import { DEFAULT_MASK } from "../model/flags/flag-meta";
import type { EventReducer, LabState } from "./state/lab-state";
import type { FlagsSlice } from "./state/flags";

/** Watchers this panel created, newest last: enough to show the timeline across a few choice changes. */
const OWN_WATCHERS_KEPT = 32;

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

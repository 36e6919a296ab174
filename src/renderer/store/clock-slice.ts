import type { StateCreator } from "zustand";
import type { LabState } from "./state/lab-state";
import type { ClockSlice } from "./state/clock";

export const createClockSlice: StateCreator<LabState, [], [], ClockSlice> = (set, get) => ({
  labClockOffset: null,
  observeLabTime: (labUs, atMs) => {
    // Every event arrives after it was stamped, so each sample underestimates
    // the offset by its delivery delay: the largest sample is the closest.
    const sample = labUs / 1000 - atMs;
    const current = get().labClockOffset;
    if (current === null || sample > current) set({ labClockOffset: sample });
  },
});

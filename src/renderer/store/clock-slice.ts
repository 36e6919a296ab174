import type { StateCreator } from "zustand";
import type { LabState } from "./store";

export interface ClockSlice {
  /**
   * Lab time (ms) minus this page's `performance.now()`, so deadlines given in
   * Lab µs can count down here; null until the first event arrives.
   */
  readonly labClockOffset: number | null;
  /** An event stamped `labUs` arrived at `atMs` (performance.now()). */
  observeLabTime(labUs: number, atMs: number): void;
}

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

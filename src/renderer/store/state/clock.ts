

export interface ClockSlice {
  /**
   * Lab time (ms) minus this page's `performance.now()`, so deadlines given in
   * Lab µs can count down here; null until the first event arrives.
   */
  readonly labClockOffset: number | null;
  /** An event stamped `labUs` arrived at `atMs` (performance.now()). */
  observeLabTime(labUs: number, atMs: number): void;
}

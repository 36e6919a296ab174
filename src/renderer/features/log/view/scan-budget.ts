/** Share of a frame an incremental scan may take before it yields to drawing. */
export const SCAN_BUDGET_MS = 6;

/** The deadline for a scan that starts now. */
export function scanDeadline(): number {
  return performance.now() + SCAN_BUDGET_MS;
}

/**
 * Runs an incremental scan for this version of the log. `version` and `pass`
 * are not read: they are what makes a memoized call run again after a batch,
 * or in the next frame when the last scan ran out of time.
 */
export function scanFor<T>(scan: (deadline: number) => T, _version: number, _pass: number): T {
  return scan(scanDeadline());
}

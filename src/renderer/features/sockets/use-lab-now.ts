import { useEffect, useState } from "react";
import { useLabStore } from "../../store/context";

/** How often a countdown redraws: finer than a person reads tenths of a second. */
const TICK_MS = 100;

/**
 * The Lab's clock in µs as this page estimates it, redrawn every tick; null
 * until an event has told us the offset. Mount it only while something is
 * counting down: nothing else in the window moves unless the network did.
 */
export function useLabNow(): number | null {
  const offset = useLabStore((s) => s.labClockOffset);
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(performance.now()), TICK_MS);
    return () => clearInterval(timer);
  }, []);
  return offset === null ? null : (now + offset) * 1000;
}

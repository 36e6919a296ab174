import { useEffect, useMemo, useState } from "react";
import { useLabStore } from "../../../store/context";
import { buildRowFilter } from "../filter/row-filter";
import { LiveView, type ViewSnapshot } from "./live-view";

/**
 * The filtered log for the panel's views: one per panel, current after each
 * batch. A filter scan that did not finish within its frame budget goes on
 * in the next animation frame.
 */
export function useLogView(): ViewSnapshot {
  const ring = useLabStore((s) => s.log);
  const version = useLabStore((s) => s.logVersion);
  const draft = useLabStore((s) => s.logFilter);
  const live = useMemo(() => new LiveView(buildRowFilter(draft)), [draft]);
  const [pass, setPass] = useState(0);
  const snapshot = useMemo(() => live.catchUp(ring, version, pass), [live, ring, version, pass]);
  useEffect(() => {
    if (snapshot.complete) return;
    const frame = requestAnimationFrame(() => setPass((n) => n + 1));
    return () => cancelAnimationFrame(frame);
  }, [snapshot]);
  return snapshot;
}

import { useEffect, useMemo, useState } from "react";
import { useLabStore } from "../../../store/context";
import { scanFor } from "../view/scan-budget";
import { StreamIndex } from "./connections";

/** The log's TCP connections, current after each batch; a long first scan goes on frame by frame. */
export function useStreamIndex(): { index: StreamIndex; complete: boolean; version: number } {
  const ring = useLabStore((s) => s.log);
  const version = useLabStore((s) => s.logVersion);
  const epoch = ring.epoch;
  const index = useMemo(() => new StreamIndex(epoch), [epoch]);
  const [pass, setPass] = useState(0);
  const complete = useMemo(() => scanFor((deadline) => index.update(ring, deadline), version, pass), [index, ring, version, pass]);
  useEffect(() => {
    if (complete) return;
    const frame = requestAnimationFrame(() => setPass((n) => n + 1));
    return () => cancelAnimationFrame(frame);
  }, [complete, pass]);
  return { index, complete, version };
}

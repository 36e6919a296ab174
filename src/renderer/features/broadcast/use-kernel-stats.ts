import { useEffect, useState } from "react";
import type { KernelUdpStats } from "../../../shared/socket-model";
import { useLabClient } from "../../store/context";

const POLL_MS = 1000;

export type KernelCounts = { readonly baseline: KernelUdpStats; readonly now: KernelUdpStats } | "unavailable" | null;

/** The first reading stays the baseline, so the panel counts what happened since it opened. */
function advance(prev: KernelCounts, now: KernelUdpStats | null): KernelCounts {
  if (now === null) return "unavailable";
  return { baseline: prev && prev !== "unavailable" ? prev.baseline : now, now };
}

/** The host's UDP counters, read every second while `polling`, and whenever `refresh` is called. */
export function useKernelUdpStats(polling: boolean): { stats: KernelCounts; refresh: () => void } {
  const client = useLabClient();
  const [stats, setStats] = useState<KernelCounts>(null);
  const read = () =>
    void client.call("kernel_udp_stats", {}).then((reply) => {
      if (reply.ok) setStats((prev) => advance(prev, reply.result));
    });
  useEffect(() => {
    let live = true;
    const tick = () =>
      void client.call("kernel_udp_stats", {}).then((reply) => {
        if (live && reply.ok) setStats((prev) => advance(prev, reply.result));
      });
    tick();
    const timer = polling ? setInterval(tick, POLL_MS) : null;
    return () => {
      live = false;
      if (timer) clearInterval(timer);
    };
  }, [client, polling]);
  return { stats, refresh: read };
}

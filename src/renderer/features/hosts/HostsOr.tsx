import type { ReactNode } from "react";
import { useLabStore } from "../../store/context";
import { HostsPanel } from "./HostsPanel";
import { useHostsPoll } from "./use-hosts-poll";

/** The Hosts view in place of `children` while it is open; the hosts are followed either way once one is paired. */
export function HostsOr({ children }: { children: ReactNode }) {
  useHostsPoll();
  const open = useLabStore((s) => s.hostsOpen);
  return open ? <HostsPanel /> : children;
}

import type { ReactNode } from "react";
import { useLabStore } from "../../store/context";
import { DiscoveryPanel } from "./DiscoveryPanel";
import { useDiscoveryPoll } from "./use-discovery-poll";

/** The Discovery view in place of `children` while it is open; its run is read either way. */
export function DiscoveryOr({ children }: { children: ReactNode }) {
  useDiscoveryPoll();
  const open = useLabStore((s) => s.discoveryOpen);
  return open ? <DiscoveryPanel /> : children;
}

import type { ReactNode } from "react";
import { useLabStore } from "../../store/context";
import { BroadcastPanel } from "./BroadcastPanel";

/** The Broadcast panel in place of `children` (the socket detail and its neighbours) while it is open. */
export function BroadcastOr({ children }: { children: ReactNode }) {
  const open = useLabStore((s) => s.broadcastOpen);
  return open ? <BroadcastPanel /> : children;
}

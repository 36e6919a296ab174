import { useCallback, useEffect, useState } from "react";
import type { SharingStatus } from "../../../shared/sharing";
import { useLabClient } from "../../store/context";

/** How often the view re-reads who is paired and connected while this Lab is shared. */
const EVERY_MS = 1000;

/**
 * This Lab's sharing as the Lab reports it, re-read every second while
 * mounted: the pairing URL changes each time a console pairs, and consoles
 * come and go. `set` takes what a start or stop returned.
 */
export function useSharing(): { sharing: SharingStatus | null; set: (status: SharingStatus | null) => void } {
  const client = useLabClient();
  const [sharing, setSharing] = useState<SharingStatus | null>(null);
  useEffect(() => {
    let alive = true;
    const read = (): void =>
      void client.call("share_status", {}).then((reply) => {
        if (alive && reply.ok) setSharing(reply.result);
      });
    read();
    const timer = setInterval(read, EVERY_MS);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, [client]);
  const set = useCallback((status: SharingStatus | null) => setSharing(status), []);
  return { sharing, set };
}

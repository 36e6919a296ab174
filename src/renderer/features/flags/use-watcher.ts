import { useEffect } from "react";
import { useLabClient, useLabStore } from "../../store/context";

/**
 * Keeps one persistent watcher on the Lab for the panel's choice: created
 * when sockets are chosen, replaced when the choice or the mask changes,
 * removed when the panel goes. An answer that arrives after its choice was
 * replaced is unwatched at once, so no watcher leaks.
 */
export function useFlagWatcher(): void {
  const client = useLabClient();
  const fds = useLabStore((s) => s.flagFds);
  const mask = useLabStore((s) => s.flagMask);
  const open = useLabStore((s) => s.connection === "open");
  const adopt = useLabStore((s) => s.adoptFlagWatcher);

  useEffect(() => {
    if (!open || fds.length === 0) {
      adopt(null);
      return;
    }
    let cancelled = false;
    let watcher: number | null = null;
    void client.call("watch", { fds: fds.map((fd) => [fd, mask] as [number, number]) }).then((reply) => {
      if (!reply.ok) return;
      if (cancelled) void client.call("unwatch", { watcher: reply.result.watcher });
      else {
        watcher = reply.result.watcher;
        adopt(watcher);
      }
    });
    return () => {
      cancelled = true;
      if (watcher !== null) void client.call("unwatch", { watcher });
    };
  }, [client, fds, mask, open, adopt]);
}

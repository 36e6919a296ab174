import { useEffect, useRef } from "react";
import { useLabClient, useLabStore } from "../../store/context";

/** How long one poll waits in the console for a row: prompt on activity, one call a second when the hosts are quiet. */
const WAIT_MS = 1000;
/** After a failed poll (the page's connection dropped), try again this much later. */
const RETRY_MS = 1000;

/**
 * Follows the console's hosts while the Hosts view is open or any host is
 * paired: one hosts_poll at a time, each waiting in the console until a row
 * comes. The cursor outlives a pause, so a row is read once and none is
 * skipped (what the console's bound cost is counted in the poll).
 */
export function useHostsPoll(): void {
  const client = useLabClient();
  const open = useLabStore((s) => s.hostsOpen);
  const any = useLabStore((s) => s.hosts.length > 0);
  const unavailable = useLabStore((s) => s.hostsUnavailable !== null);
  const polled = useLabStore((s) => s.hostsPolled);
  const setUnavailable = useLabStore((s) => s.setHostsUnavailable);
  const after = useRef(0);
  const follow = (open || any) && !unavailable;

  useEffect(() => {
    if (!follow) return;
    let alive = true;
    void (async () => {
      while (alive) {
        const reply = await client.call("hosts_poll", { after: after.current, wait_ms: WAIT_MS });
        if (!alive) return;
        if (reply.ok) {
          polled(reply.result);
          after.current = reply.result.next;
        } else if (reply.error.errno === "EOPNOTSUPP") {
          setUnavailable(reply.error.message);
          return;
        } else {
          await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
        }
      }
    })();
    return () => {
      alive = false;
    };
  }, [client, follow, polled, setUnavailable]);
}

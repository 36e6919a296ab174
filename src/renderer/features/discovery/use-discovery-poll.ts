import { useEffect, useState } from "react";
import { useLabClient, useLabStore } from "../../store/context";

/** How long one poll may wait in the Lab for something new: prompt as an event, one call a second when the LAN is quiet. */
const WAIT_MS = 1000;

/**
 * Reads the current discovery until it has ended and nothing is left: one
 * discover_poll at a time, each waiting in the Lab until something arrives.
 * Mounted with the workspace, so a run goes on while the view is closed.
 */
export function useDiscoveryPoll(): void {
  const client = useLabClient();
  const discovery = useLabStore((s) => s.discovery.run?.discovery ?? null);
  const polled = useLabStore((s) => s.discoveryPolled);
  const showError = useLabStore((s) => s.showError);
  useEffect(() => {
    if (discovery === null) return;
    let alive = true;
    void (async () => {
      let after = 0;
      while (alive) {
        const reply = await client.call("discover_poll", { discovery, after, wait_ms: WAIT_MS });
        if (!alive) return;
        if (!reply.ok) {
          // The Lab forgot it (restarted, or a reload ended it): the run is over.
          showError("discover_poll", reply.error);
          polled(discovery, { items: [], next: after, dropped: 0, done: "stopped", datagrams: 0 });
          return;
        }
        polled(discovery, reply.result);
        after = reply.result.next;
        if (reply.result.done !== null && reply.result.items.length === 0) return;
      }
    })();
    return () => {
      alive = false;
    };
  }, [client, discovery, polled, showError]);
}

/** The wall clock, re-read every `everyMs`. */
export function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

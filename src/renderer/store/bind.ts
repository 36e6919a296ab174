import type { EventBatch } from "../../shared/events";
import type { LabClient } from "../api/client";
import type { LabStore } from "./store";

/**
 * The one place where transport events become store actions. Events that
 * arrive before the snapshot are held back, then applied on top of it.
 */
export function bindStoreToLab(client: LabClient, store: LabStore): () => void {
  let held: EventBatch[] | null = [];
  /** Takes the Lab's socket table, then applies the held batches' events that came after it. */
  const resync = (): void => {
    held ??= [];
    void client.call("snapshot", {}).then((reply) => {
      if (!reply.ok) return;
      store.getState().observeLabTime(reply.result.now, performance.now());
      store.getState().applySnapshot(reply.result.sockets);
      const waiting = held ?? [];
      held = null;
      for (const batch of waiting) {
        const fresh = batch.events.filter((e) => e.seq > reply.result.seq);
        if (fresh.length > 0) store.getState().applyEvents({ events: fresh });
      }
    });
  };
  const offEvents = client.onEvents((batch) => {
    const last = batch.events.at(-1);
    if (last) store.getState().observeLabTime(last.t, performance.now());
    // The page fell behind and the host dropped events: say how many, and take the socket table afresh
    // (a lost "state" or "closed" event would leave it wrong).
    if (batch.missed) {
      store.getState().noteMissed(batch.missed);
      resync();
    }
    if (held) held.push(batch);
    else store.getState().applyEvents(batch);
  });
  const offStatus = client.onStatus((status) => {
    store.getState().setConnection(status);
    if (status === "open") resync();
  });
  return () => {
    offEvents();
    offStatus();
  };
}

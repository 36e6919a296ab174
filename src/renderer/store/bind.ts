import type { CommandResult } from "../../shared/contract";
import type { LabErrorInfo } from "../../shared/errors";
import type { EventBatch } from "../../shared/events";
import type { LabClient } from "../api/client";
import type { LabStore } from "./store";

/**
 * How a failed snapshot is retried: the pause doubles from `firstMs` up to
 * `maxMs`, for `attempts` tries in all (about 16 s with these), then the
 * page says it gave up and waits to be asked again.
 */
export const RESYNC_RETRY = { attempts: 8, firstMs: 250, maxMs: 4000 };

/** Events held back while a snapshot is awaited; past this the oldest are counted as missed, as the host's outbox counts them. */
export const HELD_EVENTS_LIMIT = 50_000;

export interface BindOptions {
  readonly retry?: typeof RESYNC_RETRY;
  /**
   * Runs once, after the page's first snapshot is applied and before the
   * events held for it: where the page restores what it kept across a reload.
   */
  readonly onFirstSnapshot?: (snapshot: CommandResult<"snapshot">) => void;
}

/**
 * The one place where transport events become store actions. Events that
 * arrive before the snapshot are held back, then applied on top of it.
 */
export function bindStoreToLab(client: LabClient, store: LabStore, options: BindOptions = {}): () => void {
  const retry = options.retry ?? RESYNC_RETRY;
  let held: EventBatch[] | null = [];
  let heldEvents = 0;
  /**
   * Each snapshot request takes a new number, and only the answer to the
   * latest is applied: an older snapshot answering after a newer one would
   * put back sockets the newer one no longer has.
   */
  let generation = 0;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let open = false;
  let first = true;

  /** Forgets every request under way: their answers, and a pending retry, no longer count. */
  const cancel = (): number => {
    if (retryTimer !== null) clearTimeout(retryTimer);
    retryTimer = null;
    return ++generation;
  };

  const apply = (snapshot: CommandResult<"snapshot">): void => {
    const state = store.getState();
    state.observeLabTime(snapshot.now, performance.now());
    state.applySnapshot(snapshot);
    if (first) {
      first = false;
      options.onFirstSnapshot?.(snapshot);
    }
    const waiting = held ?? [];
    held = null;
    heldEvents = 0;
    for (const batch of waiting) {
      const fresh = batch.events.filter((e) => e.seq > snapshot.seq);
      if (fresh.length > 0) store.getState().applyEvents({ events: fresh });
    }
    store.getState().setSync({ kind: "synced" });
  };

  const failed = (attempt: number, error: LabErrorInfo): void => {
    // A closed connection has its own banner; the next "open" starts over.
    if (!open) return;
    if (attempt >= retry.attempts) {
      store.getState().setSync({ kind: "failed", error });
      return;
    }
    store.getState().setSync({ kind: "retrying", attempt: attempt + 1, of: retry.attempts, error });
    const mine = generation;
    retryTimer = setTimeout(
      () => {
        retryTimer = null;
        if (mine === generation) request(attempt + 1);
      },
      Math.min(retry.maxMs, retry.firstMs * 2 ** (attempt - 1)),
    );
  };

  /** Takes the Lab's socket table, then applies the held batches' events that came after it. */
  const request = (attempt: number): void => {
    const mine = cancel();
    held ??= [];
    if (attempt === 1) store.getState().setSync({ kind: "syncing" });
    void client.call("snapshot", {}).then((reply) => {
      if (mine !== generation) return;
      if (reply.ok) apply(reply.result);
      else failed(attempt, reply.error);
    });
  };
  const resync = (): void => request(1);

  /** Bounded while waiting: the oldest held batches go, counted, as the host's outbox would count them. */
  const hold = (batch: EventBatch): void => {
    if (!held) return;
    held.push(batch);
    heldEvents += batch.events.length;
    while (heldEvents > HELD_EVENTS_LIMIT && held.length > 1) {
      const dropped = held.shift()!;
      heldEvents -= dropped.events.length;
      const firstEvent = dropped.events[0];
      const lastEvent = dropped.events.at(-1);
      if (firstEvent && lastEvent) store.getState().noteMissed({ count: dropped.events.length, firstSeq: firstEvent.seq, lastSeq: lastEvent.seq });
    }
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
    if (held) hold(batch);
    else store.getState().applyEvents(batch);
  });
  const offStatus = client.onStatus((status) => {
    store.getState().setConnection(status);
    open = status === "open";
    if (open) resync();
    else cancel();
  });
  // "Try again" after every attempt failed.
  const offRequests = store.subscribe((state, previous) => {
    if (state.syncRequests !== previous.syncRequests && open) resync();
  });
  return () => {
    cancel();
    offEvents();
    offStatus();
    offRequests();
  };
}

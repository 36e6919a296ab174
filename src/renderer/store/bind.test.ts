import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { CommandName, CommandResult, Reply } from "../../shared/contract";
import type { LabErrorInfo } from "../../shared/errors";
import type { EventBatch, LabEvent } from "../../shared/events";
import type { ConnectionStatus, LabClient } from "../api/client";
import { bindStoreToLab, HELD_EVENTS_LIMIT, RESYNC_RETRY } from "./bind";
import { socketSnapshot } from "../../shared/socket-fixture";
import { createLabStore, type LabStore } from "./store";

type Snapshot = CommandResult<"snapshot">;

/** A LabClient whose calls wait until the test answers them, in any order. */
function fakeClient() {
  const eventListeners = new Set<(batch: EventBatch) => void>();
  const statusListeners = new Set<(status: ConnectionStatus) => void>();
  const calls: { name: CommandName; answer: (reply: Reply) => void }[] = [];
  let status: ConnectionStatus = "connecting";
  const client: LabClient = {
    transport: "websocket",
    call: <N extends CommandName>(name: N) =>
      new Promise<Reply<CommandResult<N>>>((resolve) => {
        calls.push({ name, answer: (reply) => resolve(reply as Reply<CommandResult<N>>) });
      }),
    onEvents: (listener) => {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    onStatus: (listener) => {
      statusListeners.add(listener);
      listener(status);
      return () => statusListeners.delete(listener);
    },
  };
  let batchId = 1;
  return {
    client,
    calls,
    setStatus(next: ConnectionStatus) {
      status = next;
      for (const listener of statusListeners) listener(next);
    },
    deliver(events: LabEvent[], missed?: EventBatch["missed"]) {
      const batch: EventBatch = { id: batchId++, events, ...(missed ? { missed } : {}) };
      for (const listener of eventListeners) listener(batch);
    },
  };
}

const INSTANCE = "5f0c8e2a-3b1d-4c6e-9a7f-2d4b6c8e0a1b";
const snapshot = (seq: number, fds: number[]): Reply<Snapshot> => ({ ok: true, result: { sockets: fds.map((fd) => socketSnapshot({ fd })), seq, now: seq * 1000, instance: INSTANCE, engine: { name: "kernel", fallback: null } } });
const refused: LabErrorInfo = { type: "RateLimitError", errno: "EAGAIN", message: "too many commands from this page; slow down" };
const closedEvent = (seq: number, fd: number): LabEvent => ({ seq, t: seq, type: "closed", fd });
const createdEvent = (seq: number, fd: number): LabEvent => ({ seq, t: seq, type: "created", fd, socket: socketSnapshot({ fd }) });
/** Lets the promise callbacks of answered calls run. */
const settle = () => vi.advanceTimersByTimeAsync(0);
const fds = (store: LabStore) => [...store.getState().sockets.keys()];

describe("binding the store to the Lab: resync", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("retries a failed snapshot after a growing pause, says it is reconnecting, then applies the events it held", async () => {
    const lab = fakeClient();
    const store = createLabStore();
    bindStoreToLab(lab.client, store);
    lab.setStatus("open");
    expect(lab.calls).toHaveLength(1);
    lab.deliver([createdEvent(11, 4)]);
    lab.calls[0]!.answer({ ok: false, error: refused });
    await settle();
    expect(store.getState().sync).toEqual({ kind: "retrying", attempt: 2, of: RESYNC_RETRY.attempts, error: refused });
    expect(fds(store)).toEqual([]);

    await vi.advanceTimersByTimeAsync(RESYNC_RETRY.firstMs - 1);
    expect(lab.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(lab.calls).toHaveLength(2);
    lab.calls[1]!.answer({ ok: false, error: refused });
    await settle();
    // The second pause is twice the first.
    await vi.advanceTimersByTimeAsync(2 * RESYNC_RETRY.firstMs - 1);
    expect(lab.calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(lab.calls).toHaveLength(3);
    lab.calls[2]!.answer(snapshot(10, [3]));
    await settle();
    expect(store.getState().sync).toEqual({ kind: "synced" });
    expect(fds(store)).toEqual([3, 4]);
    // Held no longer: the next batch applies at once.
    lab.deliver([closedEvent(12, 4)]);
    expect(fds(store)).toEqual([3]);
  });

  it("gives up after the bounded number of attempts, says so, and tries again when asked", async () => {
    const lab = fakeClient();
    const store = createLabStore();
    bindStoreToLab(lab.client, store, { retry: { attempts: 3, firstMs: 100, maxMs: 150 } });
    lab.setStatus("open");
    for (let attempt = 0; attempt < 3; attempt++) {
      lab.calls[attempt]!.answer({ ok: false, error: refused });
      await settle();
      await vi.advanceTimersByTimeAsync(150);
    }
    expect(lab.calls).toHaveLength(3);
    expect(store.getState().sync).toEqual({ kind: "failed", error: refused });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(lab.calls).toHaveLength(3);

    store.getState().requestSync();
    expect(lab.calls).toHaveLength(4);
    expect(store.getState().sync).toEqual({ kind: "syncing" });
    lab.calls[3]!.answer(snapshot(5, [3]));
    await settle();
    expect(store.getState().sync).toEqual({ kind: "synced" });
    expect(fds(store)).toEqual([3]);
  });

  it("stops retrying while the connection is closed", async () => {
    const lab = fakeClient();
    const store = createLabStore();
    bindStoreToLab(lab.client, store);
    lab.setStatus("open");
    lab.calls[0]!.answer({ ok: false, error: refused });
    await settle();
    lab.setStatus("closed");
    await vi.advanceTimersByTimeAsync(60_000);
    expect(lab.calls).toHaveLength(1);
  });

  it("holds a bounded number of events while it waits, and counts the ones it let go as missed", async () => {
    const lab = fakeClient();
    const store = createLabStore();
    bindStoreToLab(lab.client, store);
    lab.setStatus("open");
    const batch = 10_000;
    const batches = HELD_EVENTS_LIMIT / batch + 2;
    for (let b = 0; b < batches; b++) lab.deliver(Array.from({ length: batch }, (_, i) => closedEvent(100 + b * batch + i, 3)));
    expect(store.getState().logMissed).toBe(2 * batch);
    lab.calls[0]!.answer(snapshot(1, []));
    await settle();
    expect(store.getState().log.size).toBe(HELD_EVENTS_LIMIT);
    expect(store.getState().log.seq(store.getState().log.start)).toBe(100 + 2 * batch);
  });

  it("applies only the latest resync: an older snapshot that answers after a newer one is ignored", async () => {
    const lab = fakeClient();
    const store = createLabStore();
    bindStoreToLab(lab.client, store);
    lab.setStatus("open");
    lab.calls[0]!.answer(snapshot(1, [3]));
    await settle();

    // Missed events start a resync; more missed events start another before the first answers.
    lab.deliver([createdEvent(20, 5)], { count: 10, firstSeq: 10, lastSeq: 19 });
    lab.deliver([closedEvent(40, 5)], { count: 10, firstSeq: 30, lastSeq: 39 });
    expect(lab.calls).toHaveLength(3);
    // The newer snapshot (taken after fd 4 closed) answers first, then the older one (fd 4 still open).
    lab.calls[2]!.answer(snapshot(39, [3]));
    await settle();
    expect(fds(store)).toEqual([3]);
    lab.calls[1]!.answer(snapshot(19, [3, 4]));
    await settle();
    expect(fds(store)).toEqual([3]);
    expect(store.getState().logMissed).toBe(20);
    // The newer snapshot's seq decides which held events apply: fd 5's close (40) did, its creation (20) was already in it.
    expect(store.getState().log.size).toBe(1);
    expect(store.getState().log.entry(store.getState().log.start).seq).toBe(40);
  });

  it("ignores a failure of an older resync once a newer one has started", async () => {
    const lab = fakeClient();
    const store = createLabStore();
    bindStoreToLab(lab.client, store);
    lab.setStatus("open");
    lab.deliver([createdEvent(5, 4)], { count: 1, firstSeq: 4, lastSeq: 4 });
    lab.calls[0]!.answer({ ok: false, error: refused });
    await settle();
    expect(store.getState().sync).toEqual({ kind: "syncing" });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(lab.calls).toHaveLength(2);
    lab.calls[1]!.answer(snapshot(5, [4]));
    await settle();
    expect(fds(store)).toEqual([4]);
    expect(store.getState().sync).toEqual({ kind: "synced" });
  });
});

import { afterEach, describe, expect, it, vi } from "vitest";
import type { EventBatch, LabEvent } from "../../shared/events";
import { EventOutbox, type OutboxLimits } from "./outbox";

const event = (seq: number): LabEvent => ({ seq, t: seq, type: "closed", fd: 3 });
const seqs = (batches: readonly EventBatch[]) => batches.map((b) => b.events.map((e) => e.seq));
/** Limits for a test; a batch expires only where the test says so. */
const limits = (l: Partial<OutboxLimits> & Pick<OutboxLimits, "window" | "maxPending" | "intervalMs">): OutboxLimits => ({ ackTimeoutMs: 60_000, ...l });

afterEach(() => {
  vi.useRealTimers();
});

describe("event outbox (flow control toward one page)", () => {
  it("holds at most `window` unacknowledged batches; after an ack the held events go in one batch at the next tick", async () => {
    const sent: EventBatch[] = [];
    const outbox = new EventOutbox((b) => sent.push(b), limits({ window: 2, maxPending: 100, intervalMs: 5 }));
    let seq = 0;
    for (let round = 0; round < 4; round++) {
      outbox.push(event(++seq));
      outbox.drain();
    }
    expect(sent.map((b) => b.events.map((e) => e.seq))).toEqual([[1], [2]]);
    outbox.ack(sent[0]!.id);
    expect(sent).toHaveLength(2);
    await expect.poll(() => sent.map((b) => b.events.map((e) => e.seq))).toEqual([[1], [2], [3, 4]]);
    outbox.stop();
  });

  it("past maxPending counts what it drops and says so in the next batch, with the seqs it spanned", async () => {
    const sent: EventBatch[] = [];
    const outbox = new EventOutbox((b) => sent.push(b), limits({ window: 1, maxPending: 3, intervalMs: 5 }));
    outbox.push(event(1));
    outbox.drain();
    for (let seq = 2; seq <= 10; seq++) outbox.push(event(seq));
    outbox.ack(sent[0]!.id);
    await expect.poll(() => sent[1]).toMatchObject({ events: [event(2), event(3), event(4)], missed: { count: 6, firstSeq: 5, lastSeq: 10 } });
    // The count is said once.
    outbox.ack(sent[1]!.id);
    outbox.push(event(11));
    outbox.drain();
    expect(sent[2]).not.toHaveProperty("missed");
    outbox.stop();
  });

  it("paces batches by its interval: an ack with room to spare sends nothing by itself", () => {
    const sent: EventBatch[] = [];
    const outbox = new EventOutbox((b) => sent.push(b), limits({ window: 4, maxPending: 100, intervalMs: 1000 }));
    outbox.push(event(1));
    outbox.drain();
    outbox.push(event(2));
    outbox.ack(sent[0]!.id);
    expect(sent).toHaveLength(1);
    outbox.stop();
  });

  it("ignores acknowledgements of batches it never sent or that were acknowledged already", async () => {
    const sent: EventBatch[] = [];
    const outbox = new EventOutbox((b) => sent.push(b), limits({ window: 1, maxPending: 10, intervalMs: 5 }));
    outbox.push(event(1));
    outbox.drain();
    for (const id of [0, -1, 99, Number.MAX_SAFE_INTEGER]) outbox.ack(id);
    outbox.push(event(2));
    outbox.drain();
    expect(sent).toHaveLength(1);
    outbox.ack(sent[0]!.id);
    await expect.poll(() => sent.length).toBe(2);
    // Acknowledged already: the window, now holding batch 2, stays full.
    outbox.ack(sent[0]!.id);
    outbox.push(event(3));
    outbox.drain();
    expect(sent).toHaveLength(2);
    outbox.stop();
  });

  it("sends on its own once per interval, and nothing after stop", async () => {
    const sent: EventBatch[] = [];
    const outbox = new EventOutbox((b) => sent.push(b), limits({ window: 4, maxPending: 10, intervalMs: 5 }));
    outbox.push(event(1));
    outbox.push(event(2));
    await expect.poll(() => sent.length).toBe(1);
    expect(sent[0]!.events).toHaveLength(2);
    outbox.stop();
    outbox.push(event(3));
    outbox.drain();
    expect(sent).toHaveLength(1);
  });

  it("an ack covers every batch up to its id: a lost ack cannot hold a place in the window", () => {
    vi.useFakeTimers();
    const sent: EventBatch[] = [];
    const outbox = new EventOutbox((b) => sent.push(b), limits({ window: 2, maxPending: 100, intervalMs: 5 }));
    for (const seq of [1, 2, 3]) {
      outbox.push(event(seq));
      outbox.drain();
    }
    // Batch 1's ack was lost; batch 2's arrives.
    outbox.ack(sent[1]!.id);
    vi.advanceTimersByTime(5);
    outbox.push(event(4));
    outbox.drain();
    expect(seqs(sent)).toEqual([[1], [2], [3], [4]]);
    outbox.stop();
  });

  it("starts its batch ids at random, so an ack an earlier page sent for its own batches frees nothing here", () => {
    vi.useFakeTimers();
    const earlier: EventBatch[] = [];
    const before = new EventOutbox((b) => earlier.push(b), limits({ window: 16, maxPending: 100, intervalMs: 5 }));
    for (const seq of [1, 2, 3]) {
      before.push(event(seq));
      before.drain();
    }
    before.stop();
    const sent: EventBatch[] = [];
    const outbox = new EventOutbox((b) => sent.push(b), limits({ window: 1, maxPending: 100, intervalMs: 5 }));
    outbox.push(event(4));
    outbox.drain();
    outbox.push(event(5));
    // The earlier page's acks arrive late, at the new page's outbox.
    for (const batch of earlier) outbox.ack(batch.id);
    vi.advanceTimersByTime(50);
    expect(seqs(sent)).toEqual([[4]]);
    outbox.ack(sent[0]!.id);
    vi.advanceTimersByTime(5);
    expect(seqs(sent)).toEqual([[4], [5]]);
    outbox.stop();
  });

  it("gives up on a batch unacknowledged for ackTimeoutMs: its events are reported missed and its place is free", () => {
    vi.useFakeTimers();
    const sent: EventBatch[] = [];
    const outbox = new EventOutbox((b) => sent.push(b), limits({ window: 1, maxPending: 100, intervalMs: 5, ackTimeoutMs: 2000 }));
    outbox.push(event(1));
    outbox.push(event(2));
    outbox.drain();
    vi.advanceTimersByTime(1999);
    expect(sent).toHaveLength(1);
    vi.advanceTimersByTime(1 + 5);
    expect(sent[1]).toEqual({ id: sent[0]!.id + 1, events: [], missed: { count: 2, firstSeq: 1, lastSeq: 2 } });
    // An ack that comes after all is for a batch no longer in flight: it frees nothing twice.
    outbox.ack(sent[0]!.id);
    outbox.push(event(3));
    outbox.drain();
    expect(sent).toHaveLength(2);
    // The page acks the report: it is listening again, and gets events again.
    outbox.ack(sent[1]!.id);
    vi.advanceTimersByTime(5);
    expect(sent[2]).toEqual({ id: sent[1]!.id + 1, events: [event(3)] });
    outbox.stop();
  });

  it("a page that never acks gets one small batch per timeout, saying what it missed, however many events come", () => {
    vi.useFakeTimers();
    const sent: EventBatch[] = [];
    const outbox = new EventOutbox((b) => sent.push(b), limits({ window: 4, maxPending: 1000, intervalMs: 5, ackTimeoutMs: 100 }));
    let seq = 0;
    for (let tick = 0; tick < 200; tick++) {
      for (let i = 0; i < 10; i++) outbox.push(event(++seq));
      vi.advanceTimersByTime(5);
    }
    // Long enough for the last report to expire and what came after it to be reported too.
    vi.advanceTimersByTime(200);
    // A full window of events first; once those expired, reports only.
    const reports = sent.slice(4);
    expect(sent.slice(0, 4).every((b) => b.events.length > 0 && !b.missed)).toBe(true);
    expect(reports.every((b) => b.events.length === 0)).toBe(true);
    expect(reports.length).toBeLessThanOrEqual((200 * 5 + 200) / 100);
    // Each event is reported once, and together the reports span every seq, the expired window's included.
    const spans = reports.map((b) => b.missed!);
    expect(spans.reduce((n, m) => n + m.count, 0)).toBe(seq);
    expect(spans[0]!.firstSeq).toBe(1);
    for (let i = 1; i < spans.length; i++) expect(spans[i]!.firstSeq).toBe(spans[i - 1]!.lastSeq + 1);
    expect(spans.at(-1)!.lastSeq).toBe(seq);
    outbox.stop();
  });

  it("flush resolves once what was pending has been sent: at once with room, after an expiry without, and at stop", async () => {
    vi.useFakeTimers();
    const sent: EventBatch[] = [];
    const outbox = new EventOutbox((b) => sent.push(b), limits({ window: 1, maxPending: 100, intervalMs: 5, ackTimeoutMs: 100 }));
    const flushed: number[] = [];
    outbox.push(event(1));
    await outbox.flush();
    expect(seqs(sent)).toEqual([[1]]);
    outbox.push(event(2));
    void outbox.flush().then(() => flushed.push(2));
    await vi.advanceTimersByTimeAsync(99);
    expect(flushed).toEqual([]);
    // Batch 1 expires; the report that follows carries event 2.
    await vi.advanceTimersByTimeAsync(1 + 5);
    expect(sent[1]).toMatchObject({ events: [], missed: { count: 2, firstSeq: 1, lastSeq: 2 } });
    expect(flushed).toEqual([2]);
    outbox.push(event(3));
    void outbox.flush().then(() => flushed.push(3));
    outbox.stop();
    await vi.advanceTimersByTimeAsync(0);
    expect(flushed).toEqual([2, 3]);
    expect(sent).toHaveLength(2);
  });
});

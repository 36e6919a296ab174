import { describe, expect, it } from "vitest";
import type { EventBatch, LabEvent } from "../../shared/events";
import { EventOutbox } from "./outbox";

const event = (seq: number): LabEvent => ({ seq, t: seq, type: "closed", fd: 3 });

describe("event outbox (flow control toward one page)", () => {
  it("holds at most `window` unacknowledged batches; after an ack the held events go in one batch at the next tick", async () => {
    const sent: EventBatch[] = [];
    const outbox = new EventOutbox((b) => sent.push(b), { window: 2, maxPending: 100, intervalMs: 5 });
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
    const outbox = new EventOutbox((b) => sent.push(b), { window: 1, maxPending: 3, intervalMs: 5 });
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
    const outbox = new EventOutbox((b) => sent.push(b), { window: 4, maxPending: 100, intervalMs: 1000 });
    outbox.push(event(1));
    outbox.drain();
    outbox.push(event(2));
    outbox.ack(sent[0]!.id);
    expect(sent).toHaveLength(1);
    outbox.stop();
  });

  it("ignores acknowledgements of batches it never sent or that were acknowledged already", async () => {
    const sent: EventBatch[] = [];
    const outbox = new EventOutbox((b) => sent.push(b), { window: 1, maxPending: 10, intervalMs: 5 });
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
    const outbox = new EventOutbox((b) => sent.push(b), { window: 4, maxPending: 10, intervalMs: 5 });
    outbox.push(event(1));
    outbox.push(event(2));
    await expect.poll(() => sent.length).toBe(1);
    expect(sent[0]!.events).toHaveLength(2);
    outbox.stop();
    outbox.push(event(3));
    outbox.drain();
    expect(sent).toHaveLength(1);
  });
});

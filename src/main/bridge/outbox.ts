import { randomInt } from "node:crypto";
import type { EventBatch, LabEvent, MissedEvents } from "../../shared/events";

/** ~One animation frame: the renderer cannot draw faster than this anyway. */
export const BATCH_INTERVAL_MS = 16;

export interface OutboxLimits {
  /** Batches sent but not yet acknowledged by the page; past this the outbox waits. */
  readonly window: number;
  /** Events held while waiting; past this they are counted as missed, not kept. */
  readonly maxPending: number;
  readonly intervalMs: number;
  /** A batch unacknowledged this long is given up on: its events count as missed and its place in the window is free. */
  readonly ackTimeoutMs: number;
}

/**
 * A page must not make the Lab hold more than this for it: at ~50,000 events/s
 * (a flood) the bound is a second of events, and events are shared objects,
 * so a slow page costs an array of references, not copies. A live page
 * acks each batch within a frame or two; two seconds without one means the
 * batch was lost (a reload) or the page stopped, and is still soon enough
 * for the page to say so next to what the user just did.
 */
export const OUTBOX_LIMITS: OutboxLimits = { window: 16, maxPending: 50_000, intervalMs: BATCH_INTERVAL_MS, ackTimeoutMs: 2000 };

/** Where batch ids start: random, so an ack from an earlier page cannot name one of this page's batches. */
const FIRST_ID_RANGE = 2 ** 47;

interface InFlight {
  readonly id: number;
  /**
   * The batch's events, counted as missed if it expires; null for a batch of none. The count the batch itself
   * reported is not reported again: a page that reads its queued reports late then counts each event once.
   */
  readonly events: MissedEvents | null;
  readonly expiry: NodeJS.Timeout;
}

/**
 * Lab events on their way to one page, at most one batch per interval. The
 * page acknowledges batches once it has applied them; an ack covers every
 * batch up to its id, so a lost ack costs nothing once a later one arrives.
 * A page that stops reading (paused, frozen, or hostile) holds at most
 * `window` batches in flight and `maxPending` events here. Beyond that,
 * events are not buffered: they are counted, and the next batch says how
 * many (and which seqs) the page missed, so it can resynchronise from a
 * snapshot instead of silently showing a partial log.
 *
 * A batch unacknowledged for `ackTimeoutMs` is given up on (the page lost it
 * in a reload, or stopped acking): its events are counted as missed and its
 * place freed. Until the page acks again it is sent one batch at a time, and
 * that batch only says what it missed, so a page that reads nothing costs a
 * few bytes per timeout rather than a stream it will never apply.
 */
export class EventOutbox {
  private pending: LabEvent[] = [];
  private missed: { count: number; firstSeq: number; lastSeq: number } | null = null;
  /** Oldest first; ids are consecutive, since acks and expiry both take from the front. */
  private readonly inFlight: InFlight[] = [];
  private nextId = randomInt(1, FIRST_ID_RANGE);
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  /** The window was full with events waiting: the next ack schedules their batch. */
  private held = false;
  /** A batch expired and nothing has been acknowledged since. */
  private unresponsive = false;
  /** Replies waiting for batch `id` to be sent (see flush); ids ascending. */
  private readonly waiters: { readonly id: number; readonly resolve: () => void }[] = [];

  constructor(
    private readonly send: (batch: EventBatch) => void,
    private readonly limits: OutboxLimits = OUTBOX_LIMITS,
  ) {}

  push = (event: LabEvent): void => {
    if (this.stopped) return;
    if (this.pending.length >= this.limits.maxPending) {
      this.miss(1, event.seq, event.seq);
      return;
    }
    this.pending.push(event);
    if (this.windowFull()) this.held = true;
    this.timer ??= setTimeout(() => this.drain(), this.limits.intervalMs);
  };

  /** Sends what is pending now, if the window allows. */
  drain(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.stopped) return;
    if (this.windowFull()) {
      this.held = true;
      return;
    }
    this.held = false;
    if (this.unresponsive) {
      // The one batch a silent page gets says only what it missed.
      this.missSpan(span(this.pending));
      this.pending = [];
    }
    if (this.pending.length === 0 && !this.missed) return;
    const id = this.nextId++;
    const missed: MissedEvents | undefined = this.missed ?? undefined;
    const batch: EventBatch = missed ? { id, events: this.pending, missed } : { id, events: this.pending };
    this.inFlight.push({ id, events: span(this.pending), expiry: setTimeout(() => this.expire(id), this.limits.ackTimeoutMs) });
    this.pending = [];
    this.missed = null;
    this.send(batch);
    while (this.waiters[0] && this.waiters[0].id <= id) this.waiters.shift()!.resolve();
  }

  /**
   * Resolves once everything pushed so far has been sent, as events or as a
   * count in `missed`: at once if the window has room, otherwise when an ack
   * or an expiry makes room. A reply that waits for this never reaches the
   * page before the events its command caused.
   */
  flush(): Promise<void> {
    this.drain();
    if (this.stopped || (this.pending.length === 0 && !this.missed)) return Promise.resolve();
    // A batch takes everything pending, so the next one sent carries what is pending now.
    return new Promise((resolve) => this.waiters.push({ id: this.nextId, resolve }));
  }

  /** The page applied every batch up to `id`; an id not in flight (never sent, acknowledged or expired already) changes nothing. */
  ack(id: number): void {
    const first = this.inFlight[0];
    const count = first ? id - first.id + 1 : 0;
    if (!Number.isInteger(count) || count < 1 || count > this.inFlight.length) return;
    for (const batch of this.inFlight.splice(0, count)) clearTimeout(batch.expiry);
    this.unresponsive = false;
    // What the full window held back goes at the next tick, not at once: batches stay paced by the interval
    // (sent on every ack, a slow page would get a batch the moment it finished one, and never an idle frame).
    if (this.held) this.timer ??= setTimeout(() => this.drain(), this.limits.intervalMs);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (const batch of this.inFlight.splice(0)) clearTimeout(batch.expiry);
    this.pending = [];
    this.missed = null;
    // Nothing more will be sent: a reply waiting for a batch goes to a page that is gone, and must not wait forever.
    for (const waiter of this.waiters.splice(0)) waiter.resolve();
  }

  /** Batch `id` went unacknowledged too long: it, and any older one, count as missed. */
  private expire(id: number): void {
    while (this.inFlight[0] && this.inFlight[0].id <= id) {
      const batch = this.inFlight.shift()!;
      clearTimeout(batch.expiry);
      this.missSpan(batch.events);
    }
    this.unresponsive = true;
    this.timer ??= setTimeout(() => this.drain(), this.limits.intervalMs);
  }

  private windowFull(): boolean {
    return this.inFlight.length >= (this.unresponsive ? 1 : this.limits.window);
  }

  private missSpan(events: MissedEvents | null): void {
    if (events) this.miss(events.count, events.firstSeq, events.lastSeq);
  }

  /** Three numbers, not an object: past maxPending this runs for every event of a flood. */
  private miss(count: number, firstSeq: number, lastSeq: number): void {
    if (!this.missed) this.missed = { count, firstSeq, lastSeq };
    else {
      this.missed.count += count;
      this.missed.firstSeq = Math.min(this.missed.firstSeq, firstSeq);
      this.missed.lastSeq = Math.max(this.missed.lastSeq, lastSeq);
    }
  }
}

/** How many events, and the seqs they span; null for none. */
function span(events: readonly LabEvent[]): MissedEvents | null {
  const first = events[0];
  const last = events.at(-1);
  return first && last ? { count: events.length, firstSeq: first.seq, lastSeq: last.seq } : null;
}

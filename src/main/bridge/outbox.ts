import type { EventBatch, LabEvent, MissedEvents } from "../../shared/events";

/** ~One animation frame: the renderer cannot draw faster than this anyway. */
export const BATCH_INTERVAL_MS = 16;

export interface OutboxLimits {
  /** Batches sent but not yet acknowledged by the page; past this the outbox waits. */
  readonly window: number;
  /** Events held while waiting; past this they are counted as missed, not kept. */
  readonly maxPending: number;
  readonly intervalMs: number;
}

/**
 * A page must not make the Lab hold more than this for it: at ~50,000 events/s
 * (a flood) the bound is a second of events, and events are shared objects,
 * so a slow page costs an array of references, not copies.
 */
export const OUTBOX_LIMITS: OutboxLimits = { window: 16, maxPending: 50_000, intervalMs: BATCH_INTERVAL_MS };

/**
 * Lab events on their way to one page, at most one batch per interval. The
 * page acknowledges each batch once it has applied it; a page that stops
 * reading (paused, frozen, or hostile) holds at most `window` batches in
 * flight and `maxPending` events here. Beyond that, events are not buffered:
 * they are counted, and the next batch says how many (and which seqs) the
 * page missed, so it can resynchronise from a snapshot instead of silently
 * showing a partial log.
 */
export class EventOutbox {
  private pending: LabEvent[] = [];
  private missed: { count: number; firstSeq: number; lastSeq: number } | null = null;
  private readonly unacked = new Set<number>();
  private nextId = 1;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  /** The window was full with events waiting: the next ack schedules their batch. */
  private held = false;

  constructor(
    private readonly send: (batch: EventBatch) => void,
    private readonly limits: OutboxLimits = OUTBOX_LIMITS,
  ) {}

  push = (event: LabEvent): void => {
    if (this.stopped) return;
    if (this.pending.length >= this.limits.maxPending) {
      if (this.missed) {
        this.missed.count += 1;
        this.missed.lastSeq = event.seq;
      } else this.missed = { count: 1, firstSeq: event.seq, lastSeq: event.seq };
      return;
    }
    this.pending.push(event);
    if (this.unacked.size >= this.limits.window) this.held = true;
    this.timer ??= setTimeout(() => this.drain(), this.limits.intervalMs);
  };

  /** Sends what is pending now (after a reply, so the page sees cause before reply), if the window allows. */
  drain(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.stopped) return;
    if (this.unacked.size >= this.limits.window) {
      this.held = true;
      return;
    }
    this.held = false;
    if (this.pending.length === 0 && !this.missed) return;
    const id = this.nextId++;
    const missed: MissedEvents | undefined = this.missed ?? undefined;
    const batch: EventBatch = missed ? { id, events: this.pending, missed } : { id, events: this.pending };
    this.pending = [];
    this.missed = null;
    this.unacked.add(id);
    this.send(batch);
  }

  /** The page applied batch `id`; an id never sent (or acknowledged twice) changes nothing. */
  ack(id: number): void {
    if (!this.unacked.delete(id)) return;
    // What the full window held back goes at the next tick, not at once: batches stay paced by the interval
    // (sent on every ack, a slow page would get a batch the moment it finished one, and never an idle frame).
    if (this.held) this.timer ??= setTimeout(() => this.drain(), this.limits.intervalMs);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pending = [];
    this.missed = null;
  }
}

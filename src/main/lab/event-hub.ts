import type { LabEvent, LabEventBody } from "../../shared/events";

export type EventListener = (event: LabEvent) => void;

/** Stamps every event with a gap-free sequence number and a µs timestamp. */
export class EventHub {
  private seq = 0;
  private readonly start = performance.now();
  private readonly listeners = new Set<EventListener>();

  /** Stamps and delivers an event; returns its seq. */
  emit(body: LabEventBody): number {
    this.seq += 1;
    // Every body is a fresh object literal made for this call, so stamping it in place is safe,
    // and much cheaper than copying: emit runs for every packet.
    const event = body as LabEventBody & { seq: number; t: number };
    event.seq = this.seq;
    event.t = this.now();
    for (const listener of this.listeners) listener(event as LabEvent);
    return this.seq;
  }

  /** Microseconds since the Lab started: the clock of every event. */
  now(): number {
    return Math.round((performance.now() - this.start) * 1000);
  }

  get observed(): boolean {
    return this.listeners.size > 0;
  }

  get lastSeq(): number {
    return this.seq;
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

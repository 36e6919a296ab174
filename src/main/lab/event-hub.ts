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
    // Spreading a member of the union keeps its own fields; TS cannot see that through the spread.
    const event = { ...body, seq: this.seq, t: this.now() } as LabEvent;
    for (const listener of this.listeners) listener(event);
    return this.seq;
  }

  /** Microseconds since the Lab started: the clock of every event. */
  now(): number {
    return Math.round((performance.now() - this.start) * 1000);
  }

  get lastSeq(): number {
    return this.seq;
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

import type { LabEvent, LabEventBody } from "../../shared/events";

export type EventListener = (event: LabEvent) => void;

/** Stamps every event with a gap-free sequence number and a µs timestamp. */
export class EventHub {
  private seq = 0;
  private readonly start = process.hrtime.bigint();
  private readonly listeners = new Set<EventListener>();

  emit(body: LabEventBody): void {
    this.seq += 1;
    const t = Number((process.hrtime.bigint() - this.start) / 1000n);
    const event = { ...body, seq: this.seq, t } as LabEvent;
    for (const listener of this.listeners) listener(event);
  }

  get lastSeq(): number {
    return this.seq;
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

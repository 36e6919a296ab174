import type { LabEvent } from "../../shared/events";

/** ~One animation frame: the renderer cannot draw faster than this anyway. */
export const BATCH_INTERVAL_MS = 16;

/**
 * Collects Lab events and hands them on at most once per interval, so a
 * flood of packets costs one message per frame rather than one per packet.
 */
export class EventBatcher {
  private pending: LabEvent[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly flush: (events: LabEvent[]) => void,
    private readonly intervalMs = BATCH_INTERVAL_MS,
  ) {}

  push = (event: LabEvent): void => {
    this.pending.push(event);
    this.timer ??= setTimeout(() => this.drain(), this.intervalMs);
  };

  drain(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.flush(batch);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pending = [];
  }
}

import { POLL_ALWAYS, POLL_FLAGS } from "../../shared/poll-flags";
import type { LabEventBody } from "../../shared/events";

interface Watcher {
  readonly id: number;
  /** fd → registered events, and the masked revents last reported. */
  readonly fds: Map<number, { events: number; last: number }>;
}

/**
 * Persistent poll sets (like epoll): every change of a watched fd's masked
 * revents becomes a `readiness` event, so the UI can light flags the moment
 * they change. Work happens only when a socket changes, never per frame.
 */
export class Watchers {
  private readonly watchers = new Map<number, Watcher>();
  private nextId = 1;

  constructor(
    private readonly emit: (body: LabEventBody) => void,
    private readonly reventsOf: (fd: number) => number | undefined,
  ) {}

  add(fds: readonly (readonly [number, number])[]): number {
    const watcher: Watcher = { id: this.nextId++, fds: new Map() };
    this.watchers.set(watcher.id, watcher);
    for (const [fd, events] of fds) {
      const now = this.masked(fd, events);
      watcher.fds.set(fd, { events, last: now });
      this.emit({ type: "readiness", fd, watcher: watcher.id, revents: now, previous: 0 });
    }
    return watcher.id;
  }

  remove(id: number): boolean {
    return this.watchers.delete(id);
  }

  /** A socket changed (or its fd was closed): report what its watchers now see. */
  update(fd: number): void {
    for (const watcher of this.watchers.values()) {
      const entry = watcher.fds.get(fd);
      if (!entry) continue;
      const now = this.masked(fd, entry.events);
      if (now === entry.last) continue;
      this.emit({ type: "readiness", fd, watcher: watcher.id, revents: now, previous: entry.last });
      entry.last = now;
    }
  }

  private masked(fd: number, events: number): number {
    return (this.reventsOf(fd) ?? POLL_FLAGS.POLLNVAL) & (events | POLL_ALWAYS);
  }
}

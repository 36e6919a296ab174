import type { LogRing } from "../../../store/log-ring";
import type { RowTest } from "../filter/compile";

/** Rows tested between two looks at the clock. */
const STRIDE = 2048;

/**
 * The rows of the ring a filter keeps, as absolute indices in order.
 *
 * Kept up to date incrementally: each update tests only the rows that
 * arrived since the last one and forgets those the ring has dropped, so a
 * batch costs what it brought, not the size of the log. A new filter over a
 * million rows is scanned a slice per frame (`deadline`), so typing in the
 * filter never freezes the window. Without a filter the view is the ring
 * itself and stores nothing.
 */
export class LogView {
  private indices = new Float64Array(0);
  private head = 0;
  private tail = 0;
  private scanned = 0;
  private first = 0;
  private last = 0;

  constructor(readonly test: RowTest | null) {}

  /** Rows in the view. */
  get length(): number {
    return this.test ? this.tail - this.head : this.last - this.first;
  }

  /** Whether every row of the ring has been tested. */
  complete(ring: LogRing): boolean {
    return !this.test || this.scanned >= ring.end;
  }

  /** The absolute index of the view's i-th row. */
  at(i: number): number {
    return this.test ? this.indices[this.head + i]! : this.first + i;
  }

  /** The position of an absolute index in the view, or -1. */
  indexOf(abs: number): number {
    if (!this.test) return abs >= this.first && abs < this.last ? abs - this.first : -1;
    let lo = this.head;
    let hi = this.tail - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const at = this.indices[mid]!;
      if (at === abs) return mid - this.head;
      if (at < abs) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /**
   * Catches up with the ring, testing rows until `deadline` (a
   * performance.now() value). Returns how many rows left the front of the
   * view, so a paused table can keep what the person is reading in place.
   */
  update(ring: LogRing, deadline = Number.POSITIVE_INFINITY): number {
    if (!this.test) {
      const left = Math.max(0, Math.min(ring.start, this.last) - this.first);
      this.first = ring.start;
      this.last = ring.end;
      return left;
    }
    const headBefore = this.head;
    while (this.head < this.tail && this.indices[this.head]! < ring.start) this.head++;
    const left = this.head - headBefore;
    if (this.scanned < ring.start) this.scanned = ring.start;
    while (this.scanned < ring.end) {
      const stop = Math.min(ring.end, this.scanned + STRIDE);
      for (let abs = this.scanned; abs < stop; abs++) if (this.test(ring, abs)) this.append(abs);
      this.scanned = stop;
      if (performance.now() > deadline) break;
    }
    return left;
  }

  private append(abs: number): void {
    if (this.tail === this.indices.length) {
      const live = this.tail - this.head;
      // Reuse the front when most of it is dead, else grow.
      const size = live * 2 < this.indices.length ? this.indices.length : Math.max(1024, this.indices.length * 2);
      const next = size === this.indices.length ? this.indices : new Float64Array(size);
      next.set(this.indices.subarray(this.head, this.tail), 0);
      this.indices = next;
      this.head = 0;
      this.tail = live;
    }
    this.indices[this.tail++] = abs;
  }
}

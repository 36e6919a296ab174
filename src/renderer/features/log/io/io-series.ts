import type { LogKind } from "../../../../shared/log-entry";
import type { LogRing } from "../../../store/log-ring";
import type { RowTest } from "../filter/compile";

/** Bytes on the wire: a frame re-counts bytes already logged as data, so it is left out. */
const WIRE: ReadonlySet<LogKind> = new Set(["data", "datagram", "broadcast", "multicast"]);
const STRIDE = 4096;

export interface IoLine {
  readonly fd: number;
  /** Bytes per second in each bucket of the window, oldest first. */
  readonly rates: readonly number[];
  readonly total: number;
  readonly peak: number;
}

export interface IoWindow {
  /** µs (relative to the log's first row) where the first bucket starts. */
  readonly from: number;
  readonly bucketUs: number;
  readonly buckets: number;
  readonly lines: readonly IoLine[];
  readonly max: number;
}

/**
 * Bytes per second per socket, summed into time buckets as rows arrive (a
 * slice per frame for a long log), for the rows a filter keeps. Buckets
 * outlive the rows the ring drops: the graph is history, the ring is a window.
 */
export class IoSeries {
  private scanned = 0;
  private readonly perFd = new Map<number, Map<number, number>>();
  private lastBucket = 0;

  constructor(
    readonly bucketUs: number,
    private readonly test: RowTest | null,
    readonly epoch: number,
  ) {}

  update(ring: LogRing, deadline = Number.POSITIVE_INFINITY): boolean {
    if (this.scanned < ring.start) this.scanned = ring.start;
    while (this.scanned < ring.end) {
      const stop = Math.min(ring.end, this.scanned + STRIDE);
      for (let abs = this.scanned; abs < stop; abs++) {
        if (!WIRE.has(ring.kind(abs)) || (this.test && !this.test(ring, abs))) continue;
        const bucket = Math.floor((ring.t(abs) - ring.t0) / this.bucketUs);
        const fd = ring.fd(abs);
        let buckets = this.perFd.get(fd);
        if (!buckets) this.perFd.set(fd, (buckets = new Map()));
        buckets.set(bucket, (buckets.get(bucket) ?? 0) + (ring.len(abs) ?? 0));
        if (bucket > this.lastBucket) this.lastBucket = bucket;
      }
      this.scanned = stop;
      if (performance.now() > deadline) return false;
    }
    return true;
  }

  /** The last `count` buckets up to the newest, as rates. */
  window(count: number): IoWindow {
    const first = Math.max(0, this.lastBucket - count + 1);
    const buckets = this.lastBucket - first + 1;
    const seconds = this.bucketUs / 1_000_000;
    let max = 0;
    const lines = [...this.perFd.entries()]
      .sort(([a], [b]) => a - b)
      .map(([fd, map]) => {
        const rates = Array.from({ length: buckets }, (_, i) => (map.get(first + i) ?? 0) / seconds);
        const peak = Math.max(0, ...rates);
        max = Math.max(max, peak);
        let total = 0;
        for (const bytes of map.values()) total += bytes;
        return { fd, rates, total, peak };
      })
      .filter((line) => line.peak > 0 || line.total > 0);
    return { from: first * this.bucketUs, bucketUs: this.bucketUs, buckets, lines, max };
  }
}

/** A byte rate as people read it: B/s, KiB/s, MiB/s. */
export function formatRate(bytesPerSecond: number): string {
  if (bytesPerSecond >= 1024 * 1024) return `${(bytesPerSecond / 1024 / 1024).toFixed(1)} MiB/s`;
  if (bytesPerSecond >= 1024) return `${(bytesPerSecond / 1024).toFixed(1)} KiB/s`;
  return `${Math.round(bytesPerSecond)} B/s`;
}

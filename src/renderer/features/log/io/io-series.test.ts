import { describe, expect, it } from "vitest";
import type { LogEntry } from "../../../../shared/log-entry";
import { LogRing } from "../../../store/log-ring";
import { formatRate, IoSeries } from "./io-series";

const row = (seq: number, t: number, fd: number, len: number, kind: LogEntry["kind"] = "data"): LogEntry => ({
  seq,
  t,
  fd,
  kind,
  dir: "in",
  src: null,
  dst: null,
  len,
  text: "",
  span: null,
  ifname: null,
});

describe("I/O graph series", () => {
  it("sums bytes per socket per bucket and turns them into rates", () => {
    const ring = new LogRing(100);
    ring.push(row(1, 0, 5, 100));
    ring.push(row(2, 400_000, 5, 100));
    ring.push(row(3, 1_200_000, 5, 50));
    ring.push(row(4, 1_300_000, 6, 10, "datagram"));
    ring.push(row(5, 1_300_000, 6, 999, "frame"));
    ring.push(row(6, 2_500_000, 6, 0, "state"));
    const series = new IoSeries(1_000_000, null, ring.epoch);
    series.update(ring);
    const window = series.window(10);
    expect(window.buckets).toBe(2);
    expect(window.lines).toEqual([
      { fd: 5, rates: [200, 50], total: 250, peak: 200 },
      { fd: 6, rates: [0, 10], total: 10, peak: 10 },
    ]);
    expect(window.max).toBe(200);
  });

  it("keeps only the rows the filter keeps, and shows the newest buckets", () => {
    const ring = new LogRing(100);
    for (let i = 0; i < 20; i++) ring.push(row(i + 1, i * 100_000, i % 2 === 0 ? 5 : 6, 10));
    const series = new IoSeries(100_000, (r, abs) => r.fd(abs) === 5, ring.epoch);
    series.update(ring);
    const window = series.window(4);
    expect(window.from).toBe(1_500_000);
    expect(window.lines.map((l) => l.fd)).toEqual([5]);
    expect(window.lines[0]!.rates).toEqual([0, 100, 0, 100]);
  });

  it("formats rates for people", () => {
    expect(formatRate(512)).toBe("512 B/s");
    expect(formatRate(2048)).toBe("2.0 KiB/s");
    expect(formatRate(3 * 1024 * 1024)).toBe("3.0 MiB/s");
  });
});

import { describe, expect, it } from "vitest";
import type { LogEntry } from "../../shared/log-entry";
import { LogRing } from "./log-ring";

const row = (seq: number, over: Partial<LogEntry> = {}): LogEntry => ({
  seq,
  t: seq * 10,
  fd: 5,
  kind: "data",
  dir: "in",
  src: "127.0.0.1:53112",
  dst: "127.0.0.1:9000",
  len: 5,
  text: `m${seq}`,
  span: null,
  ifname: null,
  ...over,
});

const seqs = (ring: LogRing): number[] => Array.from({ length: ring.size }, (_, i) => ring.seq(ring.start + i));

describe("log ring", () => {
  it("keeps rows in order and reads every column back", () => {
    const ring = new LogRing(10);
    ring.push(row(1));
    ring.push(row(2, { kind: "fin", dir: "out", len: null, src: null, text: "" }));
    ring.push(row(3, { kind: "frame", span: { start: { seq: 1, offset: 0 }, end: { seq: 1, offset: 4 } } }));
    ring.push(row(4, { kind: "broadcast", dst: "127.255.255.255:9000", ifname: "lo" }));
    expect(ring.size).toBe(4);
    expect(ring.ifname(3)).toBe("lo");
    expect(ring.entry(3)).toEqual(row(4, { kind: "broadcast", dst: "127.255.255.255:9000", ifname: "lo" }));
    expect(ring.ifname(0)).toBeNull();
    expect(ring.entry(0)).toEqual(row(1));
    expect(ring.entry(1)).toMatchObject({ kind: "fin", dir: "out", len: null, src: null, dst: "127.0.0.1:9000" });
    expect(ring.entry(2).span).toEqual({ start: { seq: 1, offset: 0 }, end: { seq: 1, offset: 4 } });
    expect(ring.t0).toBe(10);
  });

  it("past its capacity drops the oldest rows and counts them, without losing order", () => {
    const ring = new LogRing(3000);
    for (let seq = 1; seq <= 7000; seq++) ring.push(row(seq));
    expect(ring.size).toBe(3000);
    expect(ring.dropped).toBe(4000);
    expect(ring.start).toBe(4000);
    expect(ring.end).toBe(7000);
    expect(seqs(ring)).toEqual(Array.from({ length: 3000 }, (_, i) => 4001 + i));
    expect(ring.has(3999)).toBe(false);
    expect(ring.text(6999)).toBe("m7000");
  });

  it("wraps around many times in place: a million rows through a ring of 1000 keep the newest, in order", () => {
    const ring = new LogRing(1000);
    const entry = row(0);
    for (let seq = 1; seq <= 1_000_000; seq++) ring.push({ ...entry, seq });
    expect(ring.size).toBe(1000);
    expect(ring.dropped).toBe(999_000);
    expect(ring.seq(ring.start)).toBe(999_001);
    expect(ring.seq(ring.end - 1)).toBe(1_000_000);
  });

  it("finds a row by seq, and says when it is gone", () => {
    const ring = new LogRing(100);
    for (let seq = 1; seq <= 250; seq += 2) ring.push(row(seq));
    expect(ring.findSeq(201)).toBe(100);
    expect(ring.seq(ring.findSeq(249))).toBe(249);
    expect(ring.findSeq(202)).toBe(-1);
    expect(ring.findSeq(1)).toBe(-1);
  });

  it("counts the payloads after a row, so the renderer knows when the Lab has dropped its bytes", () => {
    const ring = new LogRing(100);
    ring.push(row(1));
    ring.push(row(2, { kind: "state", len: null }));
    ring.push(row(3, { kind: "datagram" }));
    ring.push(row(4, { kind: "frame" }));
    expect(ring.payloadsAfter(0)).toBe(2);
    expect(ring.payloadsAfter(3)).toBe(0);
  });

  it("clear empties it and resets the dropped count; absolute positions keep growing", () => {
    const ring = new LogRing(2);
    for (let seq = 1; seq <= 5; seq++) ring.push(row(seq));
    const before = ring.version;
    ring.clear();
    expect(ring.version).toBeGreaterThan(before);
    expect(ring.size).toBe(0);
    expect(ring.dropped).toBe(0);
    expect(ring.start).toBe(5);
    ring.push(row(6, { t: 1000 }));
    expect(ring.entry(5).seq).toBe(6);
    expect(ring.t0).toBe(1000);
  });

  it("resizing keeps the newest rows and counts what a smaller capacity pushed out", () => {
    const ring = new LogRing(10);
    for (let seq = 1; seq <= 8; seq++) ring.push(row(seq));
    ring.resize(3);
    expect(seqs(ring)).toEqual([6, 7, 8]);
    expect(ring.dropped).toBe(5);
    ring.resize(5000);
    for (let seq = 9; seq <= 2000; seq++) ring.push(row(seq));
    expect(ring.size).toBe(1995);
    expect(ring.seq(ring.end - 1)).toBe(2000);
  });

  it("touch() marks a batch: the version the store publishes changes once per batch", () => {
    const ring = new LogRing(10);
    const v = ring.version;
    ring.push(row(1));
    ring.push(row(2));
    expect(ring.version).toBe(v);
    ring.touch();
    expect(ring.version).toBe(v + 1);
  });
});

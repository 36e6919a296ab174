import { describe, expect, it } from "vitest";
import type { LogEntry } from "../../../../shared/log-entry";
import { LogRing } from "../../../store/log-ring";
import { StreamIndex, streamKeyOf } from "./connections";

const C = "127.0.0.1:53112";
const S = "127.0.0.1:9000";
const base = { t: 0, len: null, text: "", span: null, dir: null, src: null, dst: null, ifname: null } as const;
const rows: LogEntry[] = [
  { ...base, seq: 1, fd: 4, kind: "connect", src: C, dst: S },
  { ...base, seq: 2, fd: 5, kind: "accept", src: S, dst: C },
  { ...base, seq: 3, fd: 4, kind: "data", dir: "out", src: C, dst: S, len: 5, text: "hello" },
  { ...base, seq: 4, fd: 5, kind: "data", dir: "in", src: C, dst: S, len: 5, text: "hello" },
  { ...base, seq: 5, fd: 6, kind: "datagram", dir: "in", src: "10.0.0.2:1", dst: "0.0.0.0:2", len: 1 },
  { ...base, seq: 6, fd: 4, kind: "fin", dir: "out", src: C, dst: S },
  { ...base, seq: 7, fd: 5, kind: "fin", dir: "in", src: C, dst: S },
  { ...base, seq: 8, fd: 5, kind: "data", dir: "out", src: S, dst: C, len: 5, text: "world" },
];

describe("follow stream: connections in the log", () => {
  it("keys a row by its socket's two ends, whichever way the bytes went", () => {
    expect(streamKeyOf(rows[2]!)).toBe(`4 ${C} ${S}`);
    expect(streamKeyOf(rows[3]!)).toBe(`5 ${S} ${C}`);
    expect(streamKeyOf(rows[7]!)).toBe(`5 ${S} ${C}`);
    expect(streamKeyOf(rows[4]!)).toBeNull();
  });

  it("collects each connection's rows and byte counts, and forgets rows the ring dropped", () => {
    const ring = new LogRing(7);
    for (const row of rows) ring.push(row);
    const index = new StreamIndex(ring.epoch);
    expect(index.update(ring)).toBe(true);
    const server = index.connections.get(`5 ${S} ${C}`)!;
    expect(server).toMatchObject({ fd: 5, local: S, remote: C, bytesIn: 5, bytesOut: 5, lastSeq: 8 });
    // Row 1 (fd 4's connect) left the ring of 7.
    expect(index.rowsOf(`4 ${C} ${S}`, ring).map((abs) => ring.seq(abs))).toEqual([3, 6]);
    expect(index.rowsOf(server.key, ring).map((abs) => ring.seq(abs))).toEqual([2, 4, 7, 8]);
  });
});

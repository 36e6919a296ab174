import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PacketLog } from "./packet-log";

const bytes = (n: number) => new Uint8Array(n);

describe("PacketLog", () => {
  it("finds payloads by seq and counts what its bounds push out", () => {
    const log = new PacketLog({ maxEntries: 3, maxBytes: 1000 });
    for (const seq of [2, 5, 9, 14]) log.add(seq, bytes(seq));
    expect(log.get(2)).toBeUndefined();
    expect(log.get(9)?.length).toBe(9);
    expect(log.get(7)).toBeUndefined();
    expect(log.stats()).toMatchObject({ entries: 3, bytes: 28, droppedEntries: 1, droppedBytes: 2 });
  });

  it("honours the byte bound too, and stays exact across compaction", () => {
    const log = new PacketLog({ maxEntries: 100_000, maxBytes: 10_000 });
    for (let seq = 1; seq <= 20_000; seq++) log.add(seq, bytes(10));
    expect(log.stats()).toMatchObject({ entries: 1000, bytes: 10_000, droppedEntries: 19_000, droppedBytes: 190_000 });
    expect(log.get(19_000)).toBeUndefined();
    expect(log.get(19_001)?.length).toBe(10);
    expect(log.get(20_000)?.length).toBe(10);
  });
});

describe("PacketLog against a list of every payload", () => {
  type Op = { add: number } | { configure: { maxEntries: number; maxBytes: number } };
  const op: fc.Arbitrary<Op> = fc.oneof(
    { weight: 20, arbitrary: fc.record({ add: fc.nat(300) }) },
    // Around and above what the log copies (2048): kept by reference, counted alike.
    { weight: 3, arbitrary: fc.record({ add: fc.integer({ min: 2040, max: 5000 }) }) },
    { weight: 1, arbitrary: fc.record({ configure: fc.record({ maxEntries: fc.integer({ min: 1, max: 40 }), maxBytes: fc.integer({ min: 1, max: 20_000 }) }) }) },
  );

  it("holds the newest payloads byte for byte, within both bounds, and counts the rest", () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 400 }), (ops) => {
        let limits = { maxEntries: 25, maxBytes: 12_000 };
        const log = new PacketLog(limits);
        const added: { seq: number; payload: Uint8Array; fits: boolean }[] = [];
        let seq = 0;
        for (const o of ops) {
          if ("configure" in o) {
            limits = o.configure;
            log.configure(limits);
            continue;
          }
          seq += 1 + (o.add % 3);
          const payload = Uint8Array.from({ length: o.add }, (_, i) => (seq * 31 + i) & 0xff);
          added.push({ seq, payload, fits: payload.length <= limits.maxBytes });
          log.add(seq, payload);
        }
        const stats = log.stats();
        expect(stats.entries).toBeLessThanOrEqual(limits.maxEntries);
        expect(stats.bytes).toBeLessThanOrEqual(limits.maxBytes);
        expect(stats.entries + stats.droppedEntries).toBe(added.length);
        const total = added.reduce((sum, a) => sum + a.payload.length, 0);
        expect(stats.bytes + stats.droppedBytes).toBe(total);
        // What is held is exactly the newest payloads that could fit at all.
        const candidates = added.filter((a) => a.fits);
        const held = candidates.slice(candidates.length - stats.entries);
        for (const { seq: s, payload } of held) expect(log.get(s)).toEqual(payload);
        for (const { seq: s } of added.filter((a) => !held.includes(a))) expect(log.get(s)).toBeUndefined();
        expect(held.reduce((sum, a) => sum + a.payload.length, 0)).toBe(stats.bytes);
      }),
      { numRuns: 500 },
    );
  });

  it("never writes over a held payload when the oldest entry is a kept chunk and the store is small", () => {
    // A store shrunk below its minimum by a low bound, then a raised bound: the reviewed failure.
    const log = new PacketLog({ maxEntries: 100, maxBytes: 3000 });
    const payload = (n: number, fill: number) => new Uint8Array(n).fill(fill);
    log.add(1, payload(1000, 1));
    log.configure({ maxBytes: 6038 });
    log.add(2, payload(3000, 2));
    log.add(3, payload(2048, 3));
    log.add(4, payload(990, 4));
    expect(log.get(3)).toEqual(payload(2048, 3));
    expect(log.get(4)).toEqual(payload(990, 4));
  });

  it("keeps the history when one payload is larger than the whole byte bound", () => {
    const log = new PacketLog({ maxEntries: 10, maxBytes: 100 });
    log.add(1, bytes(60));
    log.add(2, bytes(101));
    expect(log.get(1)?.length).toBe(60);
    expect(log.get(2)).toBeUndefined();
    expect(log.stats()).toMatchObject({ entries: 1, bytes: 60, droppedEntries: 1, droppedBytes: 101 });
  });
});

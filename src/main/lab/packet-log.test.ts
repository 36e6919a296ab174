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

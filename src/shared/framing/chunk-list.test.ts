import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toHex } from "../bytes";
import { ChunkList } from "./chunk-list";
import { createDecoder, encodeFrame } from "./index";
import { sameBytes } from "./test-support";

describe("ChunkList", () => {
  it("holds any sequence of chunks exactly, in few pieces, copying only small chunks", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.uint8Array({ maxLength: 8 }), fc.uint8Array({ minLength: 1024, maxLength: 1030 })), { maxLength: 16 }),
        fc.nat(),
        (chunks, cut) => {
          const list = new ChunkList();
          for (const c of chunks) list.append(c);
          const all = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
          chunks.reduce((at, c) => (all.set(c, at), at + c.length), 0);
          expect(list.length).toBe(all.length);
          expect(list.pieces).toBeLessThanOrEqual((2 * all.length) / 1024 + 2);
          expect(sameBytes(list.concat(new Uint8Array(0)), all)).toBe(true);
          const n = cut % (all.length + 1);
          expect(sameBytes(list.prefix(n), all.subarray(0, n))).toBe(true);
          // A large chunk stays a view of the caller's memory.
          const first = chunks.find((c) => c.length > 0);
          if (first && first.length >= 1024) expect(list.prefix(first.length).buffer).toBe(first.buffer);
        },
      ),
      // A unit under the codecs, not a codec: fewer runs cover its few branches.
      { numRuns: 2_000 },
    );
  });

  it("keeps a frame trickled one byte per chunk in a handful of pieces", () => {
    const payload = new Uint8Array(100_000).map((_, i) => i & 0xff);
    const wire = encodeFrame({ kind: "length-prefix", encoding: "u32be" }, payload);
    const decoder = createDecoder({ kind: "length-prefix", encoding: "u32be" });
    const frames: Uint8Array[] = [];
    for (let i = 0; i < wire.length; i++) frames.push(...decoder.push(wire.subarray(i, i + 1)));
    expect(frames.length).toBe(1);
    expect(toHex(frames[0]!)).toBe(toHex(payload));
  });

  it("never writes into a piece after handing out a view of it", () => {
    const list = new ChunkList();
    list.append(Uint8Array.of(1, 2, 3));
    const view = list.prefix(3);
    list.clear();
    list.append(Uint8Array.of(9, 9, 9));
    expect([...view]).toEqual([1, 2, 3]);
  });
});

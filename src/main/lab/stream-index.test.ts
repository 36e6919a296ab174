import { describe, expect, it } from "vitest";
import { StreamIndex } from "./stream-index";

describe("StreamIndex", () => {
  it("finds the data event and offset of any logged byte", () => {
    const index = new StreamIndex();
    index.push(3, 4);
    index.push(5, 0);
    index.push(7, 2);
    expect(index.length).toBe(6);
    expect(index.position(0)).toEqual({ seq: 3, offset: 0 });
    expect(index.position(3)).toEqual({ seq: 3, offset: 3 });
    expect(index.position(4)).toEqual({ seq: 7, offset: 0 });
    expect(index.position(5)).toEqual({ seq: 7, offset: 1 });
    expect(index.position(6)).toBeNull();
  });

  it("lets go of chunks behind the reader, bar the ones it keeps and the newest", () => {
    const index = new StreamIndex(1);
    for (let seq = 1; seq <= 4; seq++) index.push(seq, 10);
    index.release(30);
    expect(index.position(15)).toBeNull();
    expect(index.position(25)).toEqual({ seq: 3, offset: 5 });
    index.release(40);
    expect(index.position(25)).toBeNull();
    expect(index.position(35)).toEqual({ seq: 4, offset: 5 });

    const none = new StreamIndex();
    none.push(1, 10);
    none.release(10);
    expect(none.position(9)).toEqual({ seq: 1, offset: 9 });
  });

  it("stays small over a long stream", () => {
    const index = new StreamIndex(2);
    for (let seq = 1; seq <= 100_000; seq++) {
      index.push(seq, 1);
      index.release(seq);
    }
    expect(index.position(99_999)).toEqual({ seq: 100_000, offset: 0 });
    expect(index.position(99_996)).toBeNull();
    expect((index as unknown as { chunks: unknown[] }).chunks.length).toBeLessThan(3000);
  });
});

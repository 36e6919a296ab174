import { describe, expect, it } from "vitest";
import { layoutStream, locate } from "./layout";
import type { StreamChunk, StreamFrame, StreamRead } from "../../model/framing/stream-fold";

const chunk = (seq: number, len: number): StreamChunk => ({ seq, len, preview: "" });
const frame = (seq: number, len: number, start: [number, number], end: [number, number]): StreamFrame => ({
  seq,
  len,
  preview: "",
  start: { seq: start[0], offset: start[1] },
  end: { seq: end[0], offset: end[1] },
});

describe("chunks beside frames", () => {
  it("one send arriving as three recvs: the frame spans the three chunks' rows", () => {
    // A u32 prefix and 70000 bytes, delivered as 3 chunks.
    const layout = layoutStream([chunk(10, 30000), chunk(11, 30000), chunk(12, 10004)], [frame(13, 70000, [10, 0], [12, 10003])]);
    expect(layout.rows).toBe(3);
    expect(layout.chunks.map((c) => [c.row, c.rows])).toEqual([
      [1, 1],
      [2, 1],
      [3, 1],
    ]);
    expect(layout.frames).toHaveLength(1);
    expect(layout.frames[0]).toMatchObject({ row: 1, rows: 3, chunks: 3, from: 0, to: 70004 });
  });

  it("three sends arriving as one recv: three frames share the chunk, which spans their rows", () => {
    const layout = layoutStream(
      [chunk(20, 27)],
      [frame(21, 5, [20, 0], [20, 8]), frame(22, 5, [20, 9], [20, 17]), frame(23, 5, [20, 18], [20, 26])],
    );
    expect(layout.chunks[0]).toMatchObject({ row: 1, rows: 3 });
    expect(layout.chunks[0]!.parts).toEqual([
      { frame: 0, bytes: 9 },
      { frame: 1, bytes: 9 },
      { frame: 2, bytes: 9 },
    ]);
    expect(layout.frames.map((f) => [f.index, f.row, f.rows, f.chunks])).toEqual([
      [0, 1, 1, 1],
      [1, 2, 1, 1],
      [2, 3, 1, 1],
    ]);
  });

  it("bytes of an unfinished frame are an open cell after the last frame", () => {
    const layout = layoutStream([chunk(30, 9), chunk(31, 100)], [frame(32, 5, [30, 0], [30, 8])]);
    expect(layout.frames.map((f) => [f.frame === null, f.from, f.to, f.chunks])).toEqual([
      [false, 0, 9, 1],
      [true, 9, 109, 1],
    ]);
    expect(locate(layout, 9)).toEqual({ seq: 31, offset: 0 });
  });

  it("a frame that began in a chunk no longer shown is clipped to the first row", () => {
    const layout = layoutStream([chunk(41, 50)], [frame(42, 96, [40, 0], [41, 49])]);
    expect(layout.frames[0]).toMatchObject({ clipped: true, from: 0, to: 50, rows: 1 });
  });
});

const read = (seq: number, len: number, start: [number, number] | null, end: [number, number]): StreamRead => ({
  seq,
  op: "recv",
  len,
  preview: "",
  start: start && { seq: start[0], offset: start[1] },
  end: { seq: end[0], offset: end[1] },
});

describe("what each recv() returned, beside the chunks", () => {
  it("one recv() over two arrivals spans their rows; what it left is still queued", () => {
    const layout = layoutStream([chunk(10, 4), chunk(11, 4), chunk(12, 6)], [], { reads: [read(13, 8, [10, 0], [11, 3])], queued: 6 });
    expect(layout.reads.map((r) => [r.read?.seq ?? null, r.queued, r.row, r.rows, r.chunks])).toEqual([
      [13, false, 1, 2, 2],
      [null, true, 3, 1, 1],
    ]);
  });

  it("two recv()s of one arrival split its row in two", () => {
    const layout = layoutStream([chunk(20, 10)], [], { reads: [read(21, 4, [20, 0], [20, 3]), read(22, 6, [20, 4], [20, 9])], queued: 0 });
    expect(layout.rows).toBe(2);
    expect(layout.chunks[0]).toMatchObject({ row: 1, rows: 2 });
    expect(layout.reads.map((r) => [r.from, r.to, r.chunks])).toEqual([
      [0, 4, 1],
      [4, 10, 1],
    ]);
  });

  it("bytes taken without a recv() (recv_frame, an auto mode) are told apart from those still queued", () => {
    const layout = layoutStream([chunk(30, 5), chunk(31, 5), chunk(32, 5)], [], { reads: [read(33, 5, [31, 0], [31, 4])], queued: 5 });
    expect(layout.reads.map((r) => [r.read === null, r.queued, r.from, r.to])).toEqual([
      [true, false, 0, 5],
      [false, false, 5, 10],
      [true, true, 10, 15],
    ]);
  });

  it("a recv() that began before the shown chunks is clipped; outgoing streams have no reads column", () => {
    const layout = layoutStream([chunk(41, 50)], [], { reads: [read(42, 60, null, [41, 49])], queued: 0 });
    expect(layout.reads[0]).toMatchObject({ clipped: true, from: 0, to: 50 });
    expect(layoutStream([chunk(41, 50)], []).reads).toEqual([]);
  });
});

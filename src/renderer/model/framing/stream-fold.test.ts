import { socketSnapshot } from "../../../shared/socket-fixture";
import { describe, expect, it } from "vitest";
import type { LabEvent } from "../../../shared/events";
import type { FramingConfig } from "../../../shared/framing";
import type { SocketSnapshot } from "../../../shared/socket-model";
import { foldFraming, type FramingViews } from "./stream-fold";

const U32LE: FramingConfig = { kind: "length-prefix", encoding: "u32le" };

function socket(framing: FramingConfig | null): SocketSnapshot {
  return socketSnapshot({ fd: 5, state: "ESTABLISHED", local: ["127.0.0.1", 9000], remote: ["127.0.0.1", 50000], parent: 3, revents: 0x104, framing });
}

const events = (from: number, bodies: readonly Record<string, unknown>[]): LabEvent[] => bodies.map((b, i) => ({ seq: from + i, t: 0, ...b }) as LabEvent);

describe("framing views", () => {
  it("start when a snapshot shows a framing, and record chunks and frames per direction", () => {
    const views = foldFraming(
      events(1, [
        { type: "data", fd: 5, dir: "in", len: 3, preview: "old", src: null, dst: null },
        { type: "state", fd: 5, socket: socket(U32LE) },
        { type: "data", fd: 5, dir: "in", len: 9, preview: "\\x05\\x00\\x00\\x00hello", src: null, dst: null },
        { type: "frame", fd: 5, dir: "in", len: 5, preview: "hello", start: { seq: 3, offset: 0 }, end: { seq: 3, offset: 8 } },
        { type: "data", fd: 5, dir: "out", len: 2, preview: "hi", src: null, dst: null },
      ]),
      new Map(),
    )!;
    const view = views.get(5)!;
    expect(view).toMatchObject({ config: U32LE, since: 2, active: true });
    expect(view.in.chunks.map((c) => c.seq)).toEqual([3]);
    expect(view.in.frames.map((f) => f.len)).toEqual([5]);
    expect(view.out.chunks.map((c) => c.len)).toEqual([2]);
  });

  it("keep the framing error, stop, and still show the bytes that nobody decoded", () => {
    let views: FramingViews = foldFraming(events(1, [{ type: "state", fd: 5, socket: socket(U32LE) }]), new Map())!;
    const error = { type: "FramingError", errno: "FRAME_TOO_LARGE", message: "declared frame of 83886080 bytes exceeds the limit of 16777216 bytes" };
    views = foldFraming(
      events(2, [
        { type: "data", fd: 5, dir: "in", len: 9, preview: "\\x00\\x00\\x00\\x05hello", src: null, dst: null },
        { type: "error", fd: 5, op: "framing (in)", error },
        { type: "state", fd: 5, socket: socket(null) },
        { type: "data", fd: 5, dir: "in", len: 4, preview: "more", src: null, dst: null },
        { type: "data", fd: 5, dir: "out", len: 4, preview: "late", src: null, dst: null },
      ]),
      views,
    )!;
    const view = views.get(5)!;
    expect(view.active).toBe(false);
    expect(view.in.error).toEqual({ seq: 3, error });
    expect(view.in.chunks.map((c) => c.len)).toEqual([9, 4]);
    expect(view.out.chunks).toEqual([]);
  });

  it("start over when the framing changes, and forget the connection when its fd closes", () => {
    let views: FramingViews = foldFraming(events(1, [{ type: "state", fd: 5, socket: socket(U32LE) }]), new Map())!;
    views = foldFraming(events(2, [{ type: "state", fd: 5, socket: socket({ kind: "delimiter", delimiter: "\n" }) }]), views)!;
    expect(views.get(5)).toMatchObject({ since: 2, config: { kind: "delimiter" } });
    expect(foldFraming(events(3, [{ type: "state", fd: 5, socket: socket({ kind: "delimiter", delimiter: "\n" }) }]), views)).toBeNull();
    expect(foldFraming(events(4, [{ type: "closed", fd: 5 }]), views)!.has(5)).toBe(false);
  });

  it("record the program's recv()s of the incoming stream: peeks counted, b'' as the end", () => {
    const views = foldFraming(
      events(1, [
        { type: "state", fd: 5, socket: socket(U32LE) },
        { type: "data", fd: 5, dir: "in", len: 8, preview: "one\\ntwo\\n", src: null, dst: null },
        { type: "read", fd: 5, op: "recv", len: 3, preview: "one", peek: true, start: { seq: 2, offset: 0 }, end: { seq: 2, offset: 2 } },
        { type: "read", fd: 5, op: "recv", len: 8, preview: "one\\ntwo\\n", peek: false, start: { seq: 2, offset: 0 }, end: { seq: 2, offset: 7 } },
        { type: "read", fd: 5, op: "recv", len: 0, preview: "", peek: false, start: null, end: null },
      ]),
      new Map(),
    )!;
    const stream = views.get(5)!.in;
    expect(stream.reads.map((r) => [r.seq, r.len])).toEqual([[4, 8]]);
    expect(stream.peeks).toBe(1);
    expect(stream.endRead).toBe(5);
    expect(views.get(5)!.out.reads).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { encodeFrame } from "../../shared/framing";
import { Lab } from "./lab";
import { FrameTracker } from "./frame-tracker";
import { connectedPair, recordEvents } from "./test-helpers";

const text = (s: string) => new TextEncoder().encode(s);

describe("frame tracking on a connection", () => {
  it("places each frame among the chunks that carried it, across chunk boundaries", () => {
    const tracker = new FrameTracker({ kind: "length-prefix", encoding: "u32be" });
    const wire = new Uint8Array([...encodeFrame({ kind: "length-prefix", encoding: "u32be" }, text("hello")), ...encodeFrame({ kind: "length-prefix", encoding: "u32be" }, text("hi"))]);
    // 9 + 6 bytes, cut as 3 / 8 / 4: the first frame spans two chunks, the second two more.
    expect(tracker.push(10, wire.subarray(0, 3))).toEqual([]);
    const first = tracker.push(11, wire.subarray(3, 11));
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ start: { seq: 10, offset: 0 }, end: { seq: 11, offset: 5 } });
    const second = tracker.push(12, wire.subarray(11));
    expect(second[0]).toMatchObject({ start: { seq: 11, offset: 6 }, end: { seq: 12, offset: 3 } });
    expect(new TextDecoder().decode(second[0]!.payload)).toBe("hi");
  });

  it("three sends can arrive as one chunk: three frame events point into the same data event", async () => {
    const lab = new Lab();
    const events = recordEvents(lab);
    const { client, conn } = await connectedPair(lab);
    const framing = { kind: "delimiter" as const, delimiter: "\n" };
    await lab.call("set_framing", { fd: conn, framing });
    await lab.call("send", { fd: client, data: "a\nbb\nccc\n" });
    await expect.poll(() => events.filter((e) => e.type === "frame" && e.fd === conn).length).toBe(3);
    const frames = events.flatMap((e) => (e.type === "frame" && e.fd === conn ? [e] : []));
    expect(frames.map((f) => f.preview)).toEqual(["a", "bb", "ccc"]);
    expect(new Set(frames.map((f) => f.start.seq)).size).toBe(1);
    expect(await lab.call("payload", { seq: frames[2]!.seq })).toEqual({ hex: "636363" });
    lab.closeAll();
  });

  it("a framing error is the connection's own: logged, framing dropped, socket still usable", async () => {
    const lab = new Lab();
    const events = recordEvents(lab);
    const { client, conn } = await connectedPair(lab);
    await lab.call("set_framing", { fd: conn, framing: { kind: "length-prefix", encoding: "u32le", maxFrame: 1000 } });
    await lab.call("send_frame", { fd: client, data: "hello", framing: { kind: "length-prefix", encoding: "u32be" } });
    await expect.poll(() => events.some((e) => e.type === "error" && e.fd === conn && e.error.errno === "FRAME_TOO_LARGE")).toBe(true);
    expect((await lab.call("snapshot", {})).sockets.find((s) => s.fd === conn)!.framing).toBeNull();
    expect((await lab.call("recv", { fd: conn, bufsize: 100 })).hex).toBe("0000000568656c6c6f");
    lab.closeAll();
  });
});

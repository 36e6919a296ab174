/**
 * Read events, on both engines: what each recv() returned, placed on the
 * data events that logged its bytes, whatever the arrivals' boundaries.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { LabEvent } from "../../shared/events";
import { kernelEngineSupport } from "./engine/kernel/libc";
import { Lab } from "./lab";
import { connectedPair, recordEvents } from "./test-helpers";

type DataEvent = Extract<LabEvent, { type: "data" }>;
type ReadEvent = Extract<LabEvent, { type: "read" }>;

let lab: Lab;
afterEach(() => lab?.closeAll());

const arrivals = (events: LabEvent[], fd: number) => events.filter((e): e is DataEvent => e.type === "data" && e.dir === "in" && e.fd === fd);
const readsOf = (events: LabEvent[], fd: number) => events.filter((e): e is ReadEvent => e.type === "read" && e.fd === fd);
const engines = kernelEngineSupport().ok ? (["kernel", "portable"] as const) : (["portable"] as const);

describe.each(engines)("what each recv() returned (%s engine)", (engine) => {
  it("one recv() over two arrivals spans both; two recv()s of one arrival split it; b'' is the end", async () => {
    lab = new Lab({ engine });
    const events = recordEvents(lab);
    const { client, conn } = await connectedPair(lab);
    await lab.call("sendall", { fd: client, data: "one\n" });
    await expect.poll(() => arrivals(events, conn).length).toBe(1);
    await lab.call("sendall", { fd: client, data: "two\n" });
    await expect.poll(() => arrivals(events, conn).length).toBe(2);
    const [first, second] = arrivals(events, conn);

    expect(await lab.call("recv", { fd: conn, bufsize: 1024 })).toEqual({ hex: Buffer.from("one\ntwo\n").toString("hex") });
    expect(readsOf(events, conn)).toEqual([
      expect.objectContaining({ op: "recv", len: 8, preview: "one\\ntwo\\n", peek: false, start: { seq: first!.seq, offset: 0 }, end: { seq: second!.seq, offset: 3 } }),
    ]);

    await lab.call("sendall", { fd: client, data: "three" });
    await expect.poll(() => arrivals(events, conn).length).toBe(3);
    const third = arrivals(events, conn)[2]!;
    await lab.call("recv", { fd: conn, bufsize: 2 });
    await lab.call("recvfrom", { fd: conn, bufsize: 10 });
    expect(readsOf(events, conn).slice(1)).toEqual([
      expect.objectContaining({ op: "recv", len: 2, start: { seq: third.seq, offset: 0 }, end: { seq: third.seq, offset: 1 } }),
      expect.objectContaining({ op: "recvfrom", len: 3, start: { seq: third.seq, offset: 2 }, end: { seq: third.seq, offset: 4 } }),
    ]);

    await lab.call("shutdown", { fd: client, how: 1 });
    await expect.poll(async () => (await lab.call("recv", { fd: conn, bufsize: 10 })).hex).toBe("");
    expect(readsOf(events, conn).at(-1)).toMatchObject({ len: 0, start: null, end: null });
  });

  it("bytes an auto mode took leave the next recv()'s place right", async () => {
    lab = new Lab({ engine });
    const events = recordEvents(lab);
    const { client, conn } = await connectedPair(lab);
    await lab.call("auto", { fd: conn, recv: true });
    await lab.call("sendall", { fd: client, data: "eaten" });
    await expect.poll(() => arrivals(events, conn).length).toBe(1);
    await lab.call("auto", { fd: conn, recv: false });
    await lab.call("sendall", { fd: client, data: "kept" });
    await expect.poll(() => arrivals(events, conn).length).toBe(2);
    const kept = arrivals(events, conn)[1]!;
    expect(await lab.call("recv", { fd: conn, bufsize: 100 })).toEqual({ hex: Buffer.from("kept").toString("hex") });
    expect(readsOf(events, conn)).toEqual([expect.objectContaining({ len: 4, start: { seq: kept.seq, offset: 0 }, end: { seq: kept.seq, offset: 3 } })]);
  });
});

describe.runIf(kernelEngineSupport().ok)("a MSG_PEEK recv() (kernel engine)", () => {
  it("says it peeked, and the next recv() starts where the peek did", async () => {
    lab = new Lab({ engine: "kernel" });
    const events = recordEvents(lab);
    const { client, conn } = await connectedPair(lab);
    await lab.call("sendall", { fd: client, data: "abc" });
    await expect.poll(() => arrivals(events, conn).length).toBe(1);
    const arrival = arrivals(events, conn)[0]!;
    await lab.call("recv", { fd: conn, bufsize: 2, flags: ["MSG_PEEK"] });
    await lab.call("recv", { fd: conn, bufsize: 3 });
    expect(readsOf(events, conn).map(({ len, peek, start }) => ({ len, peek, start }))).toEqual([
      { len: 2, peek: true, start: { seq: arrival.seq, offset: 0 } },
      { len: 3, peek: false, start: { seq: arrival.seq, offset: 0 } },
    ]);
  });
});

describe.runIf(kernelEngineSupport().ok)("a recv() that leaves bytes behind (kernel engine)", () => {
  it("logs the arrival whole, whether the monitor or the recv() saw it first", async () => {
    lab = new Lab({ engine: "kernel" });
    const events = recordEvents(lab);
    const { client, conn } = await connectedPair(lab);
    for (let i = 0; i < 20; i++) {
      const before = arrivals(events, conn).length;
      await lab.call("sendall", { fd: client, data: "abcde" });
      await expect.poll(async () => (await lab.call("recv", { fd: conn, bufsize: 2, flags: ["MSG_DONTWAIT"] }).catch(() => null))?.hex ?? null).toBe(Buffer.from("ab").toString("hex"));
      expect(await lab.call("recv", { fd: conn, bufsize: 3 })).toEqual({ hex: Buffer.from("cde").toString("hex") });
      expect(arrivals(events, conn).slice(before).map((e) => e.preview)).toEqual(["abcde"]);
    }
  });
});

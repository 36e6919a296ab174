import { socketSnapshot } from "../../../shared/socket-fixture";
import { describe, expect, it } from "vitest";
import type { LabEvent } from "../../../shared/events";
import { POLL_FLAGS as F } from "../../../shared/poll-flags";
import type { SocketSnapshot } from "../../../shared/socket-model";
import { adoptWatcher, foldReadiness, type FlagChange, type Readings } from "./timeline";

const IN = F.POLLIN | F.POLLRDNORM;
const OUT = F.POLLOUT | F.POLLWRNORM;

function snapshot(fd: number, change: Partial<SocketSnapshot> = {}): SocketSnapshot {
  return socketSnapshot({ fd, state: "ESTABLISHED", local: ["127.0.0.1", 9000], remote: ["127.0.0.1", 50000], parent: 3, revents: OUT, ...change });
}

/** Events as the Lab stamps them: gap-free seqs from `from`. */
function stamp(from: number, bodies: readonly Record<string, unknown>[]): LabEvent[] {
  return bodies.map((body, i) => ({ seq: from + i, t: (from + i) * 1000, ...body }) as LabEvent);
}

function run(batches: LabEvent[][], sockets = new Map([[5, snapshot(5)]])) {
  let readings: Readings = new Map();
  let timeline: readonly FlagChange[] = [];
  for (const events of batches) {
    const folded = foldReadiness(events, { readings, timeline, sockets });
    if (folded) ({ readings, timeline } = folded);
    for (const e of events) if (e.type === "state") sockets.set(e.fd, e.socket);
  }
  return { readings, timeline };
}

const watch = (from: number) => stamp(from, [{ type: "readiness", fd: 5, watcher: 1, revents: OUT, previous: 0 }]);

describe("readiness lights and their timeline", () => {
  it("lights POLLIN when data arrives and names the data event as the cause", () => {
    const { readings, timeline } = run([
      watch(1),
      stamp(2, [
        { type: "data", fd: 5, dir: "in", len: 5, preview: "hello", src: null, dst: null },
        { type: "readiness", fd: 5, watcher: 1, revents: IN | OUT, previous: OUT },
        { type: "state", fd: 5, socket: snapshot(5, { recvQueue: { used: 5, capacity: 131072 } }) },
      ]),
    ]);
    expect(readings.get(1)?.get(5)).toBe(IN | OUT);
    expect(timeline.map((c) => [c.on, c.off, c.cause])).toEqual([
      [OUT, 0, { kind: "watch" }],
      [IN, 0, { kind: "data", dir: "in", len: 5 }],
    ]);
  });

  it("says a recv() turned POLLIN off, from the state snapshot that follows (even in the next batch)", () => {
    const queued = snapshot(5, { recvQueue: { used: 5, capacity: 131072 } });
    const { readings, timeline } = run(
      [watch(1), stamp(10, [{ type: "readiness", fd: 5, watcher: 1, revents: OUT, previous: IN | OUT }]), stamp(11, [{ type: "state", fd: 5, socket: snapshot(5) }])],
      new Map([[5, queued]]),
    );
    expect(readings.get(1)?.get(5)).toBe(OUT);
    expect(timeline.at(-1)).toMatchObject({ off: IN, cause: { kind: "recv", bytes: 5 } });
  });

  it("does not blame an older event across a gap in the seqs", () => {
    const { timeline } = run([
      watch(1),
      stamp(2, [{ type: "data", fd: 5, dir: "in", len: 5, preview: "hello", src: null, dst: null }]),
      stamp(9, [{ type: "readiness", fd: 5, watcher: 1, revents: IN | OUT, previous: OUT }]),
    ]);
    expect(timeline.at(-1)?.cause).toEqual({ kind: "pending" });
  });

  it("lights POLLHUP when both directions are shut: FIN received, then our own FIN", () => {
    const { timeline } = run([
      watch(1),
      stamp(2, [
        { type: "fin", fd: 5, dir: "in" },
        { type: "readiness", fd: 5, watcher: 1, revents: IN | OUT, previous: OUT },
      ]),
      stamp(4, [
        { type: "fin", fd: 5, dir: "out" },
        { type: "readiness", fd: 5, watcher: 1, revents: IN | OUT | F.POLLHUP, previous: IN | OUT },
      ]),
    ]);
    expect(timeline.slice(1).map((c) => [c.on, c.cause])).toEqual([
      [IN, { kind: "fin", dir: "in" }],
      [F.POLLHUP, { kind: "fin", dir: "out" }],
    ]);
  });

  it("reports a reset as RST and a closed fd as stale (POLLNVAL), skipping frame events in between", () => {
    const { timeline } = run([
      watch(1),
      stamp(2, [
        { type: "error", fd: 5, op: "wire", error: { type: "ConnectionResetError", errno: "ECONNRESET", message: "Connection reset by peer" } },
        { type: "readiness", fd: 5, watcher: 1, revents: IN | OUT | F.POLLHUP | F.POLLERR, previous: OUT },
        { type: "closed", fd: 5 },
        { type: "readiness", fd: 5, watcher: 1, revents: F.POLLNVAL, previous: IN | OUT | F.POLLHUP | F.POLLERR },
      ]),
    ]);
    expect(timeline.slice(1).map((c) => c.cause)).toEqual([{ kind: "rst" }, { kind: "closed" }]);
    expect(timeline.at(-1)?.on).toBe(F.POLLNVAL);
  });

  it("names the connection accept() took when a listener's POLLIN goes off", () => {
    const listener = snapshot(3, { state: "LISTEN", parent: null, acceptQueue: { used: 1, capacity: 5 } });
    const { timeline } = run(
      [
        stamp(1, [{ type: "readiness", fd: 3, watcher: 1, revents: IN, previous: 0 }]),
        stamp(2, [
          { type: "created", fd: 6, socket: snapshot(6, { parent: 3 }) },
          { type: "readiness", fd: 3, watcher: 1, revents: 0, previous: IN },
        ]),
      ],
      new Map([[3, listener]]),
    );
    expect(timeline.at(-1)).toMatchObject({ off: IN, cause: { kind: "accepted", fd: 6 } });
  });

  it("a replaced watcher's first reports keep only what really differs from the old one", () => {
    const before = run([watch(1), stamp(2, [{ type: "readiness", fd: 5, watcher: 2, revents: IN | OUT, previous: 0 }])]);
    // Watcher 2 registered the same fd and sees POLLIN too, which watcher 1 did not show: only that stays.
    const adopted = adoptWatcher(before, 1, 2, IN | OUT);
    expect(adopted.timeline.filter((c) => c.watcher === 2).map((c) => [c.on, c.off])).toEqual([[IN, 0]]);
    expect([...adopted.readings.keys()]).toEqual([2]);
  });
});

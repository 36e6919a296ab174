import { describe, expect, it } from "vitest";
import type { LabEvent } from "../../shared/events";
import { POLL_FLAGS as F } from "../../shared/poll-flags";
import { createLabStore } from "./store";

const IN = F.POLLIN | F.POLLRDNORM;
const OUT = F.POLLOUT | F.POLLWRNORM;

describe("flags and framing slices in the store", () => {
  it("lights follow the panel's own watcher; a replacement does not flood the timeline", () => {
    const store = createLabStore();
    store.getState().toggleFlagFd(5);
    expect(store.getState().flagFds).toEqual([5]);
    // The Lab sends the watcher's first report before it answers `watch`.
    store.getState().applyEvents({ events: [{ seq: 1, t: 1, type: "readiness", fd: 5, watcher: 1, revents: OUT, previous: 0 }] });
    store.getState().adoptFlagWatcher(1);
    store.getState().applyEvents({
      events: [
        { seq: 2, t: 2, type: "data", fd: 5, dir: "in", len: 5, preview: "hello", src: null, dst: null },
        { seq: 3, t: 3, type: "readiness", fd: 5, watcher: 1, revents: IN | OUT, previous: OUT },
      ] satisfies LabEvent[],
    });
    expect(store.getState().readings.get(1)?.get(5)).toBe(IN | OUT);

    // A new mask means a new watcher: its first report repeats what is lit, which is not news.
    store.getState().setFlagMask(F.POLLIN | F.POLLOUT);
    store.getState().applyEvents({ events: [{ seq: 4, t: 4, type: "readiness", fd: 5, watcher: 2, revents: F.POLLIN | F.POLLOUT, previous: 0 }] });
    store.getState().adoptFlagWatcher(2);
    const { flagTimeline, flagWatcher, readings } = store.getState();
    expect(flagWatcher).toBe(2);
    expect([...readings.keys()]).toEqual([2]);
    expect(flagTimeline.map((c) => [c.watcher, c.cause.kind])).toEqual([
      [1, "watch"],
      [1, "data"],
    ]);
  });

  it("frame events of a connection without a chosen framing make no view, and clearing a missing view is harmless", () => {
    const store = createLabStore();
    store.getState().applyEvents({
      events: [
        { seq: 1, t: 1, type: "frame", fd: 5, dir: "in", len: 5, preview: "hello", start: { seq: 1, offset: 0 }, end: { seq: 1, offset: 8 } },
      ],
    });
    expect(store.getState().framingViews.size).toBe(0);
    store.getState().clearFramingView(5);
    expect(store.getState().framingViews.size).toBe(0);
  });
});

import { socketSnapshot } from "../../shared/socket-fixture";
import { describe, expect, it } from "vitest";
import type { LabEvent } from "../../shared/events";
import type { SocketSnapshot } from "../../shared/socket-model";
import { LOG_CAPACITY } from "./log-slice";
import { CLOSED_SHOWN } from "./sockets-slice";
import { createLabStore } from "./store";

const socket = (fd: number, state: SocketSnapshot["state"]): SocketSnapshot => socketSnapshot({ fd, state, local: ["127.0.0.1", 9000], revents: 0x114 });

describe("renderer store", () => {
  it("applies a batch: sockets appear, change and go; the log keeps transitions, not gauge updates", () => {
    const store = createLabStore();
    store.getState().select(3);
    const events: LabEvent[] = [
      { seq: 1, t: 10, type: "created", fd: 3, socket: socket(3, "CLOSE") },
      { seq: 2, t: 20, type: "state", fd: 3, socket: socket(3, "CLOSE") },
      { seq: 3, t: 30, type: "state", fd: 3, socket: socket(3, "LISTEN") },
      { seq: 4, t: 40, type: "data", fd: 3, dir: "in", len: 5, preview: "hello", src: null, dst: null },
      { seq: 5, t: 50, type: "closed", fd: 3 },
    ];
    store.getState().applyEvents({ events });
    const state = store.getState();
    expect(state.sockets.size).toBe(0);
    expect(state.selectedFd).toBeNull();
    const rows = Array.from({ length: state.log.size }, (_, i) => state.log.entry(state.log.start + i));
    expect(rows.map((e) => `${e.seq}:${e.kind}:${e.text}`)).toEqual(["1:socket:SOCK_STREAM CLOSE", "3:state:CLOSE → LISTEN", "4:data:hello", "5:close:"]);
  });

  it("keeps the socket table as it is for a batch without socket changes, so socket views do not redraw in a flood", () => {
    const store = createLabStore();
    store.getState().applyEvents({ events: [{ seq: 1, t: 10, type: "created", fd: 3, socket: socket(3, "LISTEN") }] });
    const { sockets, previousState } = store.getState();
    const data = (seq: number): LabEvent => ({ seq, t: seq * 10, type: "data", fd: 3, dir: "in", len: 1, preview: "x", src: null, dst: null });
    store.getState().applyEvents({ events: [data(2), data(3)] });
    expect(store.getState().sockets).toBe(sockets);
    expect(store.getState().previousState).toBe(previousState);
    expect(store.getState().log.size).toBe(3);
    store.getState().applyEvents({ events: [data(4), { seq: 5, t: 50, type: "state", fd: 3, socket: socket(3, "CLOSE_WAIT") }] });
    expect(store.getState().sockets).not.toBe(sockets);
    expect(store.getState().sockets.get(3)?.state).toBe("CLOSE_WAIT");
    expect(sockets.get(3)?.state).toBe("LISTEN");
  });

  it("keeps a closed socket's last snapshot until its fd is reused, the newest few only", () => {
    const store = createLabStore();
    const created = (seq: number, fd: number): LabEvent => ({ seq, t: seq, type: "created", fd, socket: socket(fd, "CLOSE") });
    const closed = (seq: number, fd: number): LabEvent => ({ seq, t: seq, type: "closed", fd });
    store.getState().applyEvents({ events: [created(1, 3), { seq: 2, t: 2, type: "state", fd: 3, socket: socket(3, "LISTEN") }] });
    // Created and closed in one batch, and one that was open before it: both are remembered as they last were.
    store.getState().applyEvents({ events: [closed(3, 3), created(4, 4), closed(5, 4)] });
    expect([...store.getState().closedSockets.values()].map((c) => [c.socket.fd, c.socket.state, c.t])).toEqual([
      [3, "LISTEN", 3],
      [4, "CLOSE", 5],
    ]);
    store.getState().applyEvents({ events: [created(6, 3)] });
    expect([...store.getState().closedSockets.keys()]).toEqual([4]);
    const many = Array.from({ length: CLOSED_SHOWN + 2 }, (_, i) => [created(10 + 2 * i, 20 + i), closed(11 + 2 * i, 20 + i)]).flat();
    store.getState().applyEvents({ events: many });
    expect([...store.getState().closedSockets.keys()]).toEqual(Array.from({ length: CLOSED_SHOWN }, (_, i) => 22 + i));
  });

  it("bounds the log and counts what it dropped", () => {
    const store = createLabStore();
    const batch = (from: number, n: number): LabEvent[] =>
      Array.from({ length: n }, (_, i) => ({ seq: from + i, t: from + i, type: "closed" as const, fd: 3 }));
    store.getState().applyEvents({ events: batch(1, LOG_CAPACITY) });
    store.getState().applyEvents({ events: batch(LOG_CAPACITY + 1, 25) });
    const { log, logDropped } = store.getState();
    expect(log.size).toBe(LOG_CAPACITY);
    expect(logDropped).toBe(25);
    expect(log.seq(log.start)).toBe(26);
    expect(log.seq(log.end - 1)).toBe(LOG_CAPACITY + 25);
  });
});

describe("lab clock and transitions", () => {
  it("estimates the Lab clock from the fastest-delivered event, so countdowns never run ahead", () => {
    const store = createLabStore();
    store.getState().observeLabTime(5_000_000, 1_000); // 5 s Lab time seen at 1 s page time, 4 s offset at most
    store.getState().observeLabTime(6_000_000, 2_050); // delivered 50 ms late: a smaller sample
    expect(store.getState().labClockOffset).toBe(4_000);
    store.getState().observeLabTime(7_000_000, 2_990); // delivered faster than the first
    expect(store.getState().labClockOffset).toBe(4_010);
  });

  it("remembers the state a socket left, for the ESTABLISHED → CLOSE_WAIT label", () => {
    const store = createLabStore();
    store.getState().applyEvents({
      events: [
        { seq: 1, t: 1, type: "created", fd: 5, socket: socket(5, "ESTABLISHED") },
        { seq: 2, t: 2, type: "state", fd: 5, socket: socket(5, "ESTABLISHED") },
        { seq: 3, t: 3, type: "state", fd: 5, socket: socket(5, "CLOSE_WAIT") },
      ],
    });
    expect(store.getState().previousState.get(5)).toBe("ESTABLISHED");
    store.getState().applyEvents({ events: [{ seq: 4, t: 4, type: "closed", fd: 5 }] });
    expect(store.getState().previousState.has(5)).toBe(false);
  });

  it("shows a console line while its call runs and gives it the outcome when the Lab answers", () => {
    const store = createLabStore();
    const id = store.getState().startConsoleLine("s5.recv(1024)", false);
    expect(store.getState().console).toEqual([{ id, text: "s5.recv(1024)", lab: false, status: "pending", outcome: "" }]);
    store.getState().finishConsoleLine(id, { text: "s5.recv(1024)", status: "error", outcome: "TimeoutError: timed out" });
    expect(store.getState().console[0]).toMatchObject({ status: "error", outcome: "TimeoutError: timed out" });
  });
});

describe("the log across a lesson switch", () => {
  it("keeps out a FIN reported for an fd the table no longer holds, and every event at or below the floor a switch set", () => {
    const store = createLabStore();
    const conn = socketSnapshot({ fd: 5, state: "ESTABLISHED", local: ["127.0.0.1", 9000], remote: ["127.0.0.1", 5000] });
    store.getState().applyEvents({ events: [{ seq: 1, t: 1, type: "created", fd: 5, socket: conn }, { seq: 2, t: 2, type: "closed", fd: 5 }, { seq: 3, t: 3, type: "fin", fd: 5, dir: "in" }] });
    const kinds = () => Array.from({ length: store.getState().log.size }, (_, i) => store.getState().log.entry(store.getState().log.start + i).kind);
    expect(kinds()).toEqual(["socket", "close"]);

    store.getState().clearLogThrough(10);
    expect(kinds()).toEqual([]);
    store.getState().applyEvents({ events: [{ seq: 9, t: 9, type: "created", fd: 3, socket: socketSnapshot({ fd: 3 }) }, { seq: 11, t: 11, type: "created", fd: 4, socket: socketSnapshot({ fd: 4 }) }] });
    expect(kinds()).toEqual(["socket"]);
  });
});

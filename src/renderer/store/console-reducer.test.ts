import { describe, expect, it } from "vitest";
import type { LabEvent } from "../../shared/events";
import { socketSnapshot } from "../../shared/socket-fixture";
import { createLabStore } from "./store";

const data = (seq: number, fd: number): LabEvent => ({ seq, t: seq * 10, type: "data", fd, dir: "in", len: 5, preview: "hello", src: ["127.0.0.1", 5000], dst: ["127.0.0.1", 9000] });

describe("console lines for what the Lab does on its own", () => {
  it("writes no line for bytes that wait in the receive queue (a Python program's socket)", () => {
    const store = createLabStore();
    store.getState().applyEvents({ events: [{ seq: 1, t: 1, type: "created", fd: 4, socket: socketSnapshot({ fd: 4, state: "ESTABLISHED" }) }, data(2, 4)] });
    expect(store.getState().console).toEqual([]);
  });

  it("writes a Lab line with the bytes auto-recv read, so the console never shows a recv() that missed them", () => {
    const store = createLabStore();
    store.setState({ language: "en" });
    const reading = socketSnapshot({ fd: 4, state: "ESTABLISHED", auto: { accept: false, recv: true, echo: false, reply: null } });
    store.getState().applyEvents({ events: [{ seq: 1, t: 1, type: "created", fd: 4, socket: reading }, data(2, 4)] });
    const lines = store.getState().console;
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ lab: true, status: "ok" });
    expect(lines[0]!.text).toContain("s4");
    expect(lines[0]!.text).toContain("b'hello'");
    expect(lines[0]!.text).toContain("auto-recv");
  });

  it("folds a run of reads on one socket into one growing line, across batches: a flood is one line, not thousands", () => {
    const store = createLabStore();
    store.setState({ language: "en" });
    const reading = socketSnapshot({ fd: 4, state: "ESTABLISHED", auto: { accept: false, recv: true, echo: false, reply: null } });
    const other = socketSnapshot({ fd: 6, state: "ESTABLISHED", auto: { accept: false, recv: true, echo: false, reply: null } });
    store.getState().applyEvents({ events: [{ seq: 1, t: 1, type: "created", fd: 4, socket: reading }, { seq: 2, t: 2, type: "created", fd: 6, socket: other }] });
    store.getState().applyEvents({ events: [data(3, 4), data(4, 4), data(5, 4)] });
    store.getState().applyEvents({ events: Array.from({ length: 2000 }, (_, i) => data(6 + i, 4)) });
    let lines = store.getState().console;
    expect(lines).toHaveLength(1);
    expect(lines[0]!.text).toBe("s4: the Lab read 2,003 arrivals (10,015 bytes in all) itself, auto-recv (not Python)");
    store.getState().applyEvents({ events: [data(3000, 6), data(3001, 4)] });
    lines = store.getState().console;
    expect(lines.map((l) => l.tally?.count)).toEqual([2003, 1, 1]);
    expect(lines[2]!.text).toContain("b'hello'");
  });

  it("says when auto-accept took a connection, naming the listener and the new socket", () => {
    const store = createLabStore();
    store.setState({ language: "zh-CN" });
    const listener = socketSnapshot({ fd: 3, state: "LISTEN", auto: { accept: true, recv: false, echo: false, reply: null } });
    const conn = socketSnapshot({ fd: 5, state: "ESTABLISHED", parent: 3, remote: ["127.0.0.1", 5000] });
    store.getState().applyEvents({ events: [{ seq: 1, t: 1, type: "created", fd: 3, socket: listener }] });
    store.getState().applyEvents({ events: [{ seq: 2, t: 2, type: "created", fd: 5, socket: conn }, data(3, 5)] });
    const lines = store.getState().console;
    expect(lines.map((l) => l.text)).toEqual(["s3：实验室自行接受了来自 127.0.0.1:5000 的连接 s5（自动接受，非 Python 行为）"]);
  });
});

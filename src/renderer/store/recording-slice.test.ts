import { socketSnapshot } from "../../shared/socket-fixture";
import { describe, expect, it } from "vitest";
import type { Reply } from "../../shared/contract";
import type { LabEvent } from "../../shared/events";
import { scenarioSchema } from "../../shared/scenario";
import type { SocketSnapshot } from "../../shared/socket-model";
import type { AnsweredCall } from "../api/calls";
import { RECORDING_CAPACITY, recordedScenario } from "./recording-slice";
import { createLabStore, type LabStore } from "./store";

const ok = <T>(result: T): Reply<T> => ({ ok: true, result });

function socket(fd: number, patch: Partial<SocketSnapshot> = {}): SocketSnapshot {
  return socketSnapshot({ fd, ...patch });
}

/** Records as the UI does: with the socket table as it stood when the call was made. */
const recorder = (store: LabStore) => (call: AnsweredCall) => store.getState().record(call, store.getState().sockets);

let seq = 0;
const created = (s: SocketSnapshot): LabEvent => ({ seq: ++seq, t: seq, type: "created", fd: s.fd, socket: s });
const changed = (s: SocketSnapshot): LabEvent => ({ seq: ++seq, t: seq, type: "state", fd: s.fd, socket: s });

describe("recording slice", () => {
  it("records the half-open lesson as scenario steps, with a $name.port reference to the lab's own listener", () => {
    const store = createLabStore();
    const { applyEvents } = store.getState();
    const record = recorder(store);
    record({ name: "socket", input: { type: "SOCK_STREAM" }, reply: ok({ fd: 3 }) });
    record({ name: "bind", input: { fd: 3, address: ["127.0.0.1", 0] }, reply: ok(null) });
    record({ name: "listen", input: { fd: 3, backlog: 5 }, reply: ok(null) });
    applyEvents({ events: [created(socket(3, { state: "LISTEN", local: ["127.0.0.1", 40001] })), created(socket(4))] });
    record({ name: "socket", input: { family: "AF_INET", type: "SOCK_STREAM" }, reply: ok({ fd: 4 }) });
    record({ name: "connect", input: { fd: 4, address: ["127.0.0.1", 40001] }, reply: ok(null) });
    record({ name: "accept", input: { fd: 3 }, reply: ok({ fd: 5, address: ["127.0.0.1", 50000] as const }) });
    record({ name: "sendall", input: { fd: 4, data: "hello" }, reply: ok(null) });
    record({ name: "shutdown", input: { fd: 4, how: 1 }, reply: ok(null) });
    record({ name: "recv", input: { fd: 5, bufsize: 1024 }, reply: ok({ hex: "68656c6c6f" }) });
    record({ name: "send", input: { fd: 4, data: { hex: "00ff" } }, reply: { ok: false, error: { type: "BrokenPipeError", errno: "EPIPE", message: "Broken pipe" } } });
    record({ name: "settimeout", input: { fd: 5, seconds: 0.5 }, reply: ok(null) });
    record({ name: "recv", input: { fd: 5, bufsize: 1024 }, reply: { ok: false, error: { type: "TimeoutError", errno: null, message: "timed out" } } });
    record({ name: "setsockopt", input: { fd: 5, level: "SOL_SOCKET", name: "SO_LINGER", value: [1, 0] }, reply: ok(null) });
    record({ name: "close", input: { fd: 5 }, reply: ok(null) });

    const steps = store.getState().recording.steps;
    expect(steps).toEqual([
      { op: "socket", as: "s3", family: "AF_INET", type: "SOCK_STREAM" },
      { op: "bind", sock: "s3", address: ["127.0.0.1", 0] },
      { op: "listen", sock: "s3", backlog: 5 },
      { op: "socket", as: "s4", family: "AF_INET", type: "SOCK_STREAM" },
      { op: "connect", sock: "s4", address: ["127.0.0.1", "$s3.port"] },
      { op: "accept", sock: "s3", as: "s5" },
      { op: "sendall", sock: "s4", data: "hello" },
      { op: "shutdown", sock: "s4", how: "SHUT_WR" },
      { op: "recv", sock: "s5", bufsize: 1024 },
      { op: "send", sock: "s4", data: { hex: "00ff" }, expect: { error: "EPIPE" } },
      { op: "settimeout", sock: "s5", seconds: 0.5 },
      { op: "recv", sock: "s5", bufsize: 1024, expect: { error: "TimeoutError" } },
      { op: "setsockopt", sock: "s5", level: "SOL_SOCKET", name: "SO_LINGER", value: [1, 0] },
      { op: "close", sock: "s5" },
    ]);
    const file = recordedScenario("half-open", steps);
    expect(file.ok).toBe(true);
    expect(file.ok && scenarioSchema.safeParse(file.scenario).success).toBe(true);
  });

  it("answers whoever sent as the tutorial does: a sendto to the address the socket's last recvfrom returned is \"$sN.from\"", () => {
    const store = createLabStore();
    const record = recorder(store);
    const peer = ["10.0.0.7", 51000] as const;
    record({ name: "socket", input: { type: "SOCK_DGRAM" }, reply: ok({ fd: 3 }) });
    record({ name: "bind", input: { fd: 3, address: ["", 12345] }, reply: ok(null) });
    // Before any recvfrom, the same address is only a number.
    record({ name: "sendto", input: { fd: 3, data: "hi", address: ["10.0.0.7", 51000] }, reply: ok(2) });
    record({ name: "recvfrom", input: { fd: 3, bufsize: 1024 }, reply: ok({ data: { hex: "6869" }, address: peer }) });
    record({ name: "sendto", input: { fd: 3, data: "ACK", address: ["10.0.0.7", 51000] }, reply: ok(3) });
    record({ name: "sendto", input: { fd: 3, data: "other", address: ["10.0.0.8", 51000] }, reply: ok(5) });
    // A failed recvfrom keeps the last sender.
    record({ name: "recvfrom", input: { fd: 3, bufsize: 1024 }, reply: { ok: false, error: { type: "TimeoutError", errno: null, message: "timed out" } } });
    record({ name: "connect", input: { fd: 3, address: ["10.0.0.7", 51000] }, reply: ok(null) });
    record({ name: "close", input: { fd: 3 }, reply: ok(null) });
    // fd 3 again, a new socket: it has heard nobody.
    record({ name: "socket", input: { type: "SOCK_DGRAM" }, reply: ok({ fd: 3 }) });
    record({ name: "sendto", input: { fd: 3, data: "x", address: ["10.0.0.7", 51000] }, reply: ok(1) });

    const steps = store.getState().recording.steps;
    expect(steps.filter((s) => s.op === "sendto" || s.op === "connect").map((s) => ("address" in s ? s.address : null))).toEqual([
      ["10.0.0.7", 51000],
      "$s3.from",
      ["10.0.0.8", 51000],
      "$s3.from",
      ["10.0.0.7", 51000],
    ]);
    const file = recordedScenario("udp-answer", steps);
    expect(file.ok, file.ok ? "" : file.problem).toBe(true);
  });

  it("leaves out what a scenario cannot hold, and counts it: Lab modes, policies, repeats, timeouts beyond its bound", () => {
    const store = createLabStore();
    const record = recorder(store);
    record({ name: "socket", input: { type: "SOCK_DGRAM" }, reply: ok({ fd: 3 }) });
    record({ name: "auto", input: { fd: 3, recv: true }, reply: ok(null) });
    record({ name: "auto", input: { fd: 3, echo: true }, reply: ok(null) });
    record({ name: "idle_close", input: { fd: 3, seconds: 30 }, reply: ok(null) });
    record({ name: "join_group", input: { fd: 3, group: "239.1.2.3", iface: null }, reply: ok(null) });
    record({ name: "settimeout", input: { fd: 3, seconds: 7200 }, reply: ok(null) });
    record({ name: "settimeout", input: { fd: 9, seconds: 7200 }, reply: { ok: false, error: { type: "OSError", errno: "EBADF", message: "Bad file descriptor" } } });
    store.getState().recordLeft("repeat");
    // A failed mode change changed nothing; reading calls change nothing either.
    record({ name: "idle_close", input: { fd: 9, seconds: 30 }, reply: { ok: false, error: { type: "OSError", errno: "EBADF", message: "Bad file descriptor" } } });
    record({ name: "snapshot", input: {}, reply: ok({ sockets: [], seq: 0, now: 0, instance: "5f0c8e2a-3b1d-4c6e-9a7f-2d4b6c8e0a1b", engine: { name: "kernel", fallback: null } }) });
    const { steps, left, overflow } = store.getState().recording;
    expect(steps.map((s) => s.op)).toEqual(["socket"]);
    expect(left).toEqual({ auto: 2, idle_close: 1, join_group: 1, settimeout: 1, repeat: 1 });
    expect(overflow).toBe(0);
  });

  it("counts a repeat made through the console's path (the broadcast sender) as the composer's are, and not the cancel that stops it", () => {
    const store = createLabStore();
    const record = recorder(store);
    record({ name: "socket", input: { type: "SOCK_DGRAM" }, reply: ok({ fd: 3 }) });
    record({ name: "repeat", input: { fd: 3, data: "hi", address: ["127.0.0.1", 9], count: 3, interval_ms: 10 }, reply: ok({ job: 1 }) });
    record({ name: "cancel_job", input: { job: 1 }, reply: ok(null) });
    record({ name: "set_framing", input: { fd: 3, framing: null }, reply: ok(null) });
    expect(store.getState().recording).toMatchObject({ steps: [{ op: "socket", as: "s3" }], left: { repeat: 1 } });
  });

  it("records poll, select, framed sends and the pauses between parts", () => {
    const store = createLabStore();
    const record = recorder(store);
    record({ name: "socket", input: { type: "SOCK_STREAM" }, reply: ok({ fd: 3 }) });
    record({ name: "socket", input: { type: "SOCK_STREAM" }, reply: ok({ fd: 4 }) });
    record({ name: "poll", input: { fds: [[3, 1 | 4], [4, 1]], timeout: 100 }, reply: ok([[3, 4]] as [number, number][]) });
    record({ name: "select", input: { r: [3, 4], w: [4], x: [], timeout: 0.5 }, reply: ok([[], [4], []] as [number[], number[], number[]]) });
    const framing = { kind: "length-prefix", encoding: "u32be" } as const;
    record({ name: "send_frame", input: { fd: 3, data: { hex: "6869" }, framing }, reply: ok(null) });
    record({ name: "sendall", input: { fd: 3, data: { hex: "000000" } }, reply: ok(null) });
    store.getState().recordPause(0.25);
    record({ name: "sendall", input: { fd: 3, data: { hex: "0568656c6c6f" } }, reply: ok(null) });
    record({ name: "recv_frame", input: { fd: 4, framing }, reply: ok({ hex: "6869" }) });
    const { steps, left } = store.getState().recording;
    expect(steps.slice(2)).toEqual([
      { op: "poll", register: [["s3", ["POLLIN", "POLLOUT"]], ["s4", ["POLLIN"]]], timeout: 100 },
      { op: "select", r: ["s3", "s4"], w: ["s4"], x: [], timeout: 0.5 },
      { op: "send_frame", sock: "s3", data: { hex: "6869" }, framing },
      { op: "sendall", sock: "s3", data: { hex: "000000" } },
      { op: "sleep", seconds: 0.25 },
      { op: "sendall", sock: "s3", data: { hex: "0568656c6c6f" } },
      { op: "recv_frame", sock: "s4", framing },
    ]);
    expect(left).toEqual({});
    expect(recordedScenario("framed", steps).ok).toBe(true);
  });

  it("gives an auto-accepted connection its accept step before a poll() that is its first use", () => {
    const store = createLabStore();
    const { applyEvents } = store.getState();
    const record = recorder(store);
    record({ name: "socket", input: { type: "SOCK_STREAM" }, reply: ok({ fd: 3 }) });
    record({ name: "listen", input: { fd: 3, backlog: 5 }, reply: ok(null) });
    applyEvents({ events: [created(socket(3, { state: "LISTEN", local: ["127.0.0.1", 9000] })), created(socket(5, { state: "ESTABLISHED", parent: 3 }))] });
    record({ name: "poll", input: { fds: [[3, 1], [5, 1]], timeout: 0 }, reply: ok([] as [number, number][]) });
    expect(store.getState().recording.steps.slice(2)).toEqual([
      { op: "accept", sock: "s3", as: "s5" },
      { op: "poll", register: [["s3", ["POLLIN"]], ["s5", ["POLLIN"]]], timeout: 0 },
    ]);
  });

  it("stops growing at its capacity and counts every step past it", () => {
    const store = createLabStore();
    const record = recorder(store);
    record({ name: "socket", input: { type: "SOCK_STREAM" }, reply: ok({ fd: 3 }) });
    for (let i = 1; i < RECORDING_CAPACITY + 25; i++) record({ name: "getsockname", input: { fd: 3 }, reply: ok(["0.0.0.0", 0] as const) });
    const { steps, overflow } = store.getState().recording;
    expect(steps).toHaveLength(RECORDING_CAPACITY);
    expect(overflow).toBe(25);
    store.getState().clearRecording();
    expect(store.getState().recording).toMatchObject({ steps: [], overflow: 0, left: {} });
  });

  it("gives a connection the Lab accepted on its own an accept step just before its first use", () => {
    const store = createLabStore();
    const { applyEvents } = store.getState();
    const record = recorder(store);
    record({ name: "socket", input: { type: "SOCK_STREAM" }, reply: ok({ fd: 3 }) });
    record({ name: "bind", input: { fd: 3, address: ["127.0.0.1", 9000] }, reply: ok(null) });
    record({ name: "listen", input: { fd: 3, backlog: 5 }, reply: ok(null) });
    record({ name: "socket", input: { type: "SOCK_STREAM" }, reply: ok({ fd: 4 }) });
    // "+ TCP client" connects right after socket(): the Lab's event for s4 may not have arrived yet.
    applyEvents({ events: [created(socket(3, { state: "LISTEN", local: ["127.0.0.1", 9000] }))] });
    record({ name: "connect", input: { fd: 4, address: ["127.0.0.1", 9000] }, reply: ok(null) });
    applyEvents({ events: [created(socket(5, { state: "ESTABLISHED", parent: 3 })), changed(socket(5, { state: "CLOSE_WAIT", parent: 3 }))] });
    record({ name: "recv", input: { fd: 5, bufsize: 16 }, reply: ok({ hex: "" }) });
    record({ name: "send", input: { fd: 5, data: "bye" }, reply: ok(3) });

    const steps = store.getState().recording.steps;
    expect(steps.slice(4)).toEqual([
      { op: "connect", sock: "s4", address: ["127.0.0.1", "$s3.port"] },
      { op: "accept", sock: "s3", as: "s5" },
      { op: "recv", sock: "s5", bufsize: 16 },
      { op: "send", sock: "s5", data: "bye" },
    ]);
    expect(recordedScenario("auto", steps).ok).toBe(true);
  });

  it("says why a recording cleared while sockets were open cannot be saved", () => {
    const store = createLabStore();
    const { clearRecording } = store.getState();
    const record = recorder(store);
    record({ name: "socket", input: { type: "SOCK_STREAM" }, reply: ok({ fd: 3 }) });
    clearRecording();
    expect(store.getState().recording.steps).toEqual([]);
    record({ name: "getsockname", input: { fd: 3 }, reply: ok(["0.0.0.0", 0] as const) });
    const file = recordedScenario("cleared", store.getState().recording.steps);
    expect(file).toEqual({ ok: false, problem: expect.stringContaining('unknown socket "s3"') });
  });

  it("reuses a name when the fd is reused, as the exported program reassigns the variable", () => {
    const store = createLabStore();
    const record = recorder(store);
    record({ name: "socket", input: { type: "SOCK_STREAM" }, reply: ok({ fd: 3 }) });
    record({ name: "close", input: { fd: 3 }, reply: ok(null) });
    record({ name: "socket", input: { type: "SOCK_DGRAM" }, reply: ok({ fd: 3 }) });
    record({ name: "bind", input: { fd: 3, address: ["127.0.0.1", 0] }, reply: ok(null) });
    const steps = store.getState().recording.steps;
    expect(steps.map((s) => s.op)).toEqual(["socket", "close", "socket", "bind"]);
    expect(recordedScenario("reuse", steps).ok).toBe(true);
  });
});

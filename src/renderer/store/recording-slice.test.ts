import { socketSnapshot } from "./socket-fixture";
import { describe, expect, it } from "vitest";
import type { Reply } from "../../shared/contract";
import type { LabEvent } from "../../shared/events";
import { scenarioSchema } from "../../shared/scenario";
import type { SocketSnapshot } from "../../shared/socket-model";
import type { AnsweredCall } from "../api/calls";
import { recordedScenario } from "./recording-slice";
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

  it("leaves out what a scenario cannot hold: Lab modes, policies, and timeouts beyond its bound", () => {
    const store = createLabStore();
    const record = recorder(store);
    record({ name: "socket", input: { type: "SOCK_DGRAM" }, reply: ok({ fd: 3 }) });
    record({ name: "auto", input: { fd: 3, recv: true }, reply: ok(null) });
    record({ name: "idle_close", input: { fd: 3, seconds: 30 }, reply: ok(null) });
    record({ name: "settimeout", input: { fd: 3, seconds: 7200 }, reply: ok(null) });
    record({ name: "snapshot", input: {}, reply: ok({ sockets: [], seq: 0, now: 0 }) });
    expect(store.getState().recording.steps.map((s) => s.op)).toEqual(["socket"]);
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

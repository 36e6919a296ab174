import { describe, expect, it } from "vitest";
import type { LabEvent } from "../../shared/events";
import type { KernelView, LinuxTcpState, SocketSnapshot } from "../../shared/socket-model";
import { advance, KERNEL_HISTORY_LIMIT, restoreHistories, type KernelHistory } from "./kernel-history";
import { socketSnapshot } from "../../shared/socket-fixture";
import { createLabStore } from "./store";

const view = (state: LinuxTcpState): KernelView => ({ state, recvQ: 0, sendQ: 0, rcvbuf: 131072, sndbuf: 16384, tcp: null, listen: null, drops: null });
const sock = (fd: number, state: LinuxTcpState | null, patch: Partial<SocketSnapshot> = {}) => socketSnapshot({ fd, kernel: state === null ? null : view(state), ...patch });
const states = (h: KernelHistory | undefined) => h?.steps.map((s) => s.state) ?? [];

let seq = 0;
const created = (fd: number, state: LinuxTcpState | null): LabEvent => ({ seq: ++seq, t: seq * 100, type: "created", fd, socket: sock(fd, state) });
const changed = (fd: number, state: LinuxTcpState | null): LabEvent => ({ seq: ++seq, t: seq * 100, type: "state", fd, socket: sock(fd, state) });
const closed = (fd: number): LabEvent => ({ seq: ++seq, t: seq * 100, type: "closed", fd });

describe("the kernel's state history of each socket", () => {
  it("records each change of tcp_info's state once, with the time of the event that showed it", () => {
    const store = createLabStore();
    store.getState().applyEvents({ events: [created(4, "CLOSE"), changed(4, "CLOSE"), changed(4, "ESTABLISHED")] });
    // Queue gauges change on every packet: the same kernel state again is no step.
    store.getState().applyEvents({ events: [changed(4, "ESTABLISHED"), changed(4, "FIN_WAIT1"), changed(4, "FIN_WAIT1"), changed(4, "FIN_WAIT2")] });
    const history = store.getState().kernelHistory.get(4);
    expect(states(history)).toEqual(["CLOSE", "ESTABLISHED", "FIN_WAIT1", "FIN_WAIT2"]);
    expect(history?.steps.map((s) => s.t)).toEqual([100, 300, 500, 700]);
  });

  it("leaves the table alone for a batch that changes no kernel state, so the views do not redraw", () => {
    const store = createLabStore();
    store.getState().applyEvents({ events: [created(5, "ESTABLISHED")] });
    const before = store.getState().kernelHistory;
    store.getState().applyEvents({ events: [changed(5, "ESTABLISHED"), { seq: ++seq, t: 1, type: "data", fd: 5, dir: "in", len: 1, preview: "x", src: null, dst: null }] });
    expect(store.getState().kernelHistory).toBe(before);
  });

  it("forgets a closed socket, starts afresh for a reused fd, and keeps nothing for the portable engine's sockets", () => {
    const store = createLabStore();
    store.getState().applyEvents({ events: [created(3, "CLOSE"), changed(3, "LISTEN"), closed(3), created(3, "CLOSE")] });
    expect(states(store.getState().kernelHistory.get(3))).toEqual(["CLOSE"]);
    store.getState().applyEvents({ events: [closed(3)] });
    expect(store.getState().kernelHistory.has(3)).toBe(false);
    store.getState().applyEvents({ events: [created(6, null), changed(6, null)] });
    expect(store.getState().kernelHistory.has(6)).toBe(false);
  });

  it("is bounded: the newest steps stay, the older ones are counted", () => {
    let history: KernelHistory | undefined;
    const cycle: LinuxTcpState[] = ["ESTABLISHED", "FIN_WAIT1"];
    for (let i = 0; i < KERNEL_HISTORY_LIMIT + 5; i++) history = advance(history, cycle[i % 2]!, i);
    expect(history?.steps).toHaveLength(KERNEL_HISTORY_LIMIT);
    expect(history?.trimmed).toBe(5);
    expect(history?.steps.at(-1)).toEqual({ state: cycle[(KERNEL_HISTORY_LIMIT + 4) % 2], t: KERNEL_HISTORY_LIMIT + 4 });
  });

  it("starts from the snapshot's state for each socket (not knowing when it began) and notes the engine", () => {
    const store = createLabStore();
    store.getState().applyEvents({ events: [created(4, "ESTABLISHED"), changed(4, "FIN_WAIT1")] });
    store.getState().applySnapshot({ sockets: [sock(4, "FIN_WAIT2"), sock(7, null)], engine: { name: "kernel", fallback: null } });
    expect(store.getState().kernelHistory.get(4)).toEqual({ steps: [{ state: "FIN_WAIT2", t: null }], trimmed: 0 });
    expect(store.getState().kernelHistory.has(7)).toBe(false);
    expect(store.getState().engine).toEqual({ name: "kernel", fallback: null });
    store.getState().applySnapshot({ sockets: [], engine: { name: "portable", fallback: "koffi did not load" } });
    expect(store.getState().engine).toEqual({ name: "portable", fallback: "koffi did not load" });
  });

  it("after a reload, continues what the earlier page saw to where the snapshot says each open socket is", () => {
    const saved = new Map<number, KernelHistory>([
      [4, { steps: [{ state: "ESTABLISHED", t: 10 }, { state: "FIN_WAIT1", t: 20 }], trimmed: 0 }],
      [5, { steps: [{ state: "ESTABLISHED", t: 10 }], trimmed: 0 }],
      [9, { steps: [{ state: "LISTEN", t: 5 }], trimmed: 0 }],
    ]);
    const now = new Map<number, KernelHistory>([
      [4, { steps: [{ state: "FIN_WAIT2", t: null }], trimmed: 0 }],
      [5, { steps: [{ state: "ESTABLISHED", t: null }], trimmed: 0 }],
    ]);
    const restored = restoreHistories(saved, now);
    expect(restored.get(4)?.steps).toEqual([
      { state: "ESTABLISHED", t: 10 },
      { state: "FIN_WAIT1", t: 20 },
      { state: "FIN_WAIT2", t: null },
    ]);
    expect(restored.get(5)?.steps).toEqual([{ state: "ESTABLISHED", t: 10 }]);
    // Closed while no page was reading: nothing of it comes back.
    expect(restored.has(9)).toBe(false);
  });
});

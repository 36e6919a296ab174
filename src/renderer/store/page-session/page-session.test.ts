import { describe, expect, it } from "vitest";
import type { CommandResult, Reply } from "../../../shared/contract";
import type { LabEvent } from "../../../shared/events";
import { POLL_FLAGS } from "../../../shared/poll-flags";
import type { KernelView, LinuxTcpState, SocketSnapshot } from "../../../shared/socket-model";
import type { AnsweredCall } from "../../api/calls";
import { socketSnapshot } from "../../../shared/socket-fixture";
import { createLabStore, type LabStore } from "../store";
import { LINE_CHARS_KEPT, SESSION_LIMITS } from "./encode";
import { LOG_ROWS_KEPT, SESSION_FORMAT } from "./format";
import { keepPageSession, savePageSession, SESSION_KEY, startPageSession } from "./page-session";

const LAB = "5f0c8e2a-3b1d-4c6e-9a7f-2d4b6c8e0a1b";
const RESTARTED_LAB = "0e4f1a9c-7d2b-4e8f-a1c3-5b7d9f1e3a5c";

/** sessionStorage as a Map, with a quota in characters (keys and values), which it enforces as Chromium does: by throwing. */
class MemoryStorage implements Storage {
  readonly items = new Map<string, string>();
  writes = 0;
  constructor(private readonly quota = Number.POSITIVE_INFINITY) {}
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  setItem(key: string, value: string) {
    this.writes += 1;
    const others = [...this.items].filter(([k]) => k !== key).reduce((n, [k, v]) => n + k.length + v.length, 0);
    if (others + key.length + value.length > this.quota) throw new DOMException("quota", "QuotaExceededError");
    this.items.set(key, value);
  }
}

const listener = (fd: number) => socketSnapshot({ fd, state: "LISTEN", local: ["127.0.0.1", 9000] });
const kernel = (state: LinuxTcpState): KernelView => ({ state, recvQ: 0, sendQ: 0, rcvbuf: 131072, sndbuf: 16384, tcp: null, listen: null, drops: null });
const conn = (fd: number, patch: Partial<SocketSnapshot> = {}) => socketSnapshot({ fd, state: "ESTABLISHED", local: ["127.0.0.1", 9000], remote: ["127.0.0.1", 50000], parent: 3, ...patch });
const snapshot = (seq: number, sockets: SocketSnapshot[], instance = LAB): CommandResult<"snapshot"> => ({ sockets, seq, now: seq * 10, instance, engine: { name: "kernel", fallback: null } });
const ok = <T,>(result: T): Reply<T> => ({ ok: true, result });
const logRows = (store: LabStore) => {
  const { log } = store.getState();
  return Array.from({ length: log.size }, (_, i) => log.entry(log.start + i));
};

/** A page that served a TCP server on 9000 with one connection: what a person had on screen before reloading. */
function pageBeforeReload(): LabStore {
  const store = createLabStore();
  store.getState().startSession(LAB, 0, []);
  const record = (call: AnsweredCall) => store.getState().record(call, store.getState().sockets);
  record({ name: "socket", input: { type: "SOCK_STREAM" }, reply: ok({ fd: 3 }) });
  record({ name: "bind", input: { fd: 3, address: ["127.0.0.1", 9000] }, reply: ok(null) });
  record({ name: "listen", input: { fd: 3, backlog: 5 }, reply: ok(null) });
  // What "$s7.from" would stand for next: the sender a datagram socket heard last.
  store.setState({ recording: { ...store.getState().recording, froms: new Map([[7, ["10.0.0.7", 51000] as const]]) } });
  const events: LabEvent[] = [
    { seq: 1, t: 100, type: "created", fd: 3, socket: socketSnapshot({ fd: 3 }) },
    { seq: 2, t: 200, type: "state", fd: 3, socket: listener(3) },
    { seq: 3, t: 300, type: "created", fd: 4, socket: conn(4, { kernel: kernel("ESTABLISHED") }) },
    { seq: 4, t: 400, type: "data", fd: 4, dir: "in", len: 5, preview: "hello", src: ["127.0.0.1", 50000], dst: ["127.0.0.1", 9000], ifname: "lo" },
    { seq: 5, t: 500, type: "state", fd: 4, socket: conn(4, { state: "CLOSE_WAIT", peerFin: true, kernel: kernel("CLOSE_WAIT") }) },
    { seq: 6, t: 600, type: "readiness", fd: 4, watcher: 7, revents: POLL_FLAGS.POLLIN, previous: 0 },
  ];
  store.getState().applyEvents({ events });
  const done = store.getState().startConsoleLine("s3 = socket.socket(socket.AF_INET, socket.SOCK_STREAM)", false);
  store.getState().finishConsoleLine(done, { text: "s3 = socket.socket(socket.AF_INET, socket.SOCK_STREAM)", status: "ok", outcome: "" });
  store.getState().startConsoleLine("s4.recv(1024)", false);
  store.getState().toggleFlagFd(4);
  store.getState().setFlagMask(POLL_FLAGS.POLLIN);
  store.getState().adoptFlagWatcher(7);
  store.getState().select(4);
  store.getState().noteMembership(4, "join", { group: "239.1.2.3", iface: null });
  store.getState().noteSoBroadcast(4, true);
  return store;
}

describe("the page's session across a reload", () => {
  it("brings back the console, recording, watches, selection, log and what the snapshot does not say, for the same Lab", () => {
    const storage = new MemoryStorage();
    const before = pageBeforeReload();
    expect(savePageSession(storage, before.getState())).toBe(true);

    const after = createLabStore();
    const open = [listener(3), conn(4, { state: "CLOSE_WAIT", kernel: kernel("LAST_ACK") })];
    after.getState().applySnapshot(snapshot(6, open));
    expect(startPageSession(after, storage, snapshot(6, open))).toBe("restored");
    const state = after.getState();
    expect(state.console.map((l) => [l.text, l.status, l.outcome])).toEqual([
      ["s3 = socket.socket(socket.AF_INET, socket.SOCK_STREAM)", "ok", ""],
      // The host interrupted the call that was still waiting when the page went.
      ["s4.recv(1024)", "error", "InterruptedError: [Errno 4] Interrupted system call  # the page reloaded while the call waited"],
    ]);
    expect(new Set(state.console.map((l) => l.id)).size).toBe(2);
    expect(state.recording.steps.map((s) => s.op)).toEqual(["socket", "bind", "listen"]);
    expect([...state.recording.named]).toEqual([[3, "SOCK_STREAM"]]);
    expect([...state.recording.froms]).toEqual([[7, ["10.0.0.7", 51000]]]);
    expect(state.flagFds).toEqual([4]);
    expect(state.flagMask).toBe(POLL_FLAGS.POLLIN);
    expect(state.flagTimeline.map((c) => [c.seq, c.fd, c.cause.kind])).toEqual([[6, 4, "watch"]]);
    expect(state.ownWatchers).toEqual([7]);
    expect(state.flagWatcher).toBe(7);
    // This page watches again; the new watcher's first report repeats what was lit, which is not news.
    after.getState().applyEvents({ events: [{ seq: 7, t: 700, type: "readiness", fd: 4, watcher: 8, revents: POLL_FLAGS.POLLIN, previous: 0 }] });
    after.getState().adoptFlagWatcher(8);
    expect(after.getState().flagTimeline.map((c) => [c.seq, c.watcher])).toEqual([[6, 7]]);
    expect(after.getState().ownWatchers).toEqual([7, 8]);
    expect(state.selectedFd).toBe(4);
    expect(state.memberships.get(4)).toEqual([{ group: "239.1.2.3", iface: null }]);
    expect(state.soBroadcast.get(4)).toBe(true);
    expect(state.previousState.get(4)).toBe("ESTABLISHED");
    // The kernel states the earlier page saw, then where the snapshot found the socket (when, it cannot say).
    expect(state.kernelHistory.get(4)?.steps).toEqual([
      { state: "ESTABLISHED", t: 300 },
      { state: "CLOSE_WAIT", t: 500 },
      { state: "LAST_ACK", t: null },
    ]);
    expect(logRows(after)).toEqual(logRows(before));
    expect(logRows(after).find((r) => r.seq === 4)?.ifname).toBe("lo");
    expect(state.logAway).toBe(0);
    expect(state.unclaimed).toEqual([]);
    expect(state.restoreNote).toBeNull();
    expect(state.labInstance).toBe(LAB);
    expect(after.getState().labSeq).toBe(7);
  });

  it("counts the events the Lab emitted while no page read them, and forgets what it knew of sockets closed meanwhile", () => {
    const storage = new MemoryStorage();
    savePageSession(storage, pageBeforeReload().getState());
    const after = createLabStore();
    startPageSession(after, storage, snapshot(9, [listener(3)]));
    const state = after.getState();
    expect(state.logAway).toBe(3);
    expect(state.selectedFd).toBeNull();
    expect(state.memberships.size).toBe(0);
    expect(state.soBroadcast.size).toBe(0);
    expect([...state.previousState]).toEqual([[3, "CLOSE"]]);
    // Watched sockets stay chosen when they close: the lights show POLLNVAL.
    expect(state.flagFds).toEqual([4]);
  });

  it("restores nothing saved for another Lab (a restart), removes it, and asks about the sockets it finds", () => {
    const storage = new MemoryStorage();
    savePageSession(storage, pageBeforeReload().getState());
    const after = createLabStore();
    expect(startPageSession(after, storage, snapshot(2, [listener(3)], RESTARTED_LAB))).toBe("other-lab");
    const state = after.getState();
    expect(state.console).toEqual([]);
    expect(state.recording.steps).toEqual([]);
    expect(state.log.size).toBe(0);
    expect(state.flagFds).toEqual([]);
    expect(state.unclaimed).toEqual([3]);
    expect(state.labInstance).toBe(RESTARTED_LAB);
    expect(storage.getItem(SESSION_KEY)).toBeNull();
  });

  it("never restores a session ahead of the Lab's latest event: that was not this Lab", () => {
    const storage = new MemoryStorage();
    savePageSession(storage, pageBeforeReload().getState());
    expect(startPageSession(createLabStore(), storage, snapshot(5, []))).toBe("other-lab");
  });

  it.each([
    ["nothing saved (a new tab, or storage cleared)", null, "none"],
    ["not JSON", "{", "unreadable"],
    ["another format of the page", JSON.stringify({ format: SESSION_FORMAT + 1, instance: LAB }), "unreadable"],
    ["a field of the wrong shape", "broken-rows", "unreadable"],
  ] as const)("restores nothing from %s, and asks about the Lab's sockets", (_, stored, kind) => {
    const storage = new MemoryStorage();
    if (stored === "broken-rows") {
      savePageSession(storage, pageBeforeReload().getState());
      const saved = JSON.parse(storage.getItem(SESSION_KEY)!) as { rows: unknown[][] };
      saved.rows[0]![3] = "not-a-kind";
      storage.setItem(SESSION_KEY, JSON.stringify(saved));
    } else if (stored !== null) storage.setItem(SESSION_KEY, stored);
    const after = createLabStore();
    expect(startPageSession(after, storage, snapshot(6, [listener(3), conn(4)]))).toBe(kind);
    expect(after.getState().console).toEqual([]);
    expect(after.getState().unclaimed).toEqual([3, 4]);
  });

  it("a Lab without a valid instance id gets nothing restored and nothing saved", () => {
    const storage = new MemoryStorage();
    savePageSession(storage, pageBeforeReload().getState());
    const after = createLabStore();
    expect(startPageSession(after, storage, snapshot(6, [listener(3)], "not-a-uuid"))).toBe("none");
    expect(after.getState().unclaimed).toEqual([3]);
    const writes = storage.writes;
    expect(savePageSession(storage, after.getState())).toBe(false);
    expect(storage.writes).toBe(writes);
  });

  it("saves nothing before the page's first snapshot, so a quick second reload cannot wipe the session", () => {
    const storage = new MemoryStorage();
    savePageSession(storage, pageBeforeReload().getState());
    const saved = storage.getItem(SESSION_KEY);
    expect(savePageSession(storage, createLabStore().getState())).toBe(false);
    expect(storage.getItem(SESSION_KEY)).toBe(saved);
  });
});

describe("bounds on what a reload keeps", () => {
  const rowsEvents = (n: number, text = "x"): LabEvent[] =>
    Array.from({ length: n }, (_, i) => ({ seq: i + 1, t: i, type: "data", fd: 3, dir: "in", len: text.length, preview: text, src: null, dst: null }));

  it(`keeps the newest ${LOG_ROWS_KEPT.toLocaleString("en")} log rows, counts the rest as dropped, and says so`, () => {
    const storage = new MemoryStorage();
    const before = createLabStore();
    before.getState().startSession(LAB, 0, []);
    before.getState().applyEvents({ events: rowsEvents(LOG_ROWS_KEPT + 500) });
    savePageSession(storage, before.getState());
    const after = createLabStore();
    startPageSession(after, storage, snapshot(LOG_ROWS_KEPT + 500, []));
    const { log, logDropped, restoreNote } = after.getState();
    expect(log.size).toBe(LOG_ROWS_KEPT);
    expect(log.seq(log.start)).toBe(501);
    expect(logDropped).toBe(500);
    expect(restoreNote).toEqual({ logRows: 500, recordingSteps: 0, consoleLines: 0 });
  });

  it("stays within its character budget: fewer rows when they are long", () => {
    const storage = new MemoryStorage();
    const before = createLabStore();
    before.getState().startSession(LAB, 0, []);
    before.getState().applyEvents({ events: rowsEvents(10_000, "y".repeat(400)) });
    savePageSession(storage, before.getState());
    const saved = storage.getItem(SESSION_KEY)!;
    expect(saved.length).toBeLessThanOrEqual(SESSION_LIMITS.budget);
    const after = createLabStore();
    startPageSession(after, storage, snapshot(10_000, []));
    const kept = after.getState().log.size;
    expect(kept).toBeGreaterThan(4_000);
    expect(kept).toBeLessThan(10_000);
    expect(after.getState().logDropped).toBe(10_000 - kept);
    expect(after.getState().log.seq(after.getState().log.end - 1)).toBe(10_000);
  });

  it("keeps a recording too large for its share as its first steps, sealed, and cuts long console lines short", () => {
    const storage = new MemoryStorage();
    const before = createLabStore();
    before.getState().startSession(LAB, 0, []);
    const record = (call: AnsweredCall) => before.getState().record(call, before.getState().sockets);
    record({ name: "socket", input: { type: "SOCK_STREAM" }, reply: ok({ fd: 3 }) });
    const big = "z".repeat(300_000);
    for (let i = 0; i < 5; i++) record({ name: "sendall", input: { fd: 3, data: big }, reply: ok(null) });
    const line = before.getState().startConsoleLine(`s3.sendall(b'${big}')`, false);
    before.getState().finishConsoleLine(line, { text: `s3.sendall(b'${big}')`, status: "ok", outcome: "" });
    savePageSession(storage, before.getState());

    const after = createLabStore();
    startPageSession(after, storage, snapshot(0, []));
    const { recording, console, restoreNote } = after.getState();
    expect(recording.steps.map((s) => s.op)).toEqual(["socket", "sendall", "sendall", "sendall"]);
    expect(recording.sealed).toBe(true);
    expect(recording.overflow).toBe(2);
    expect(console[0]!.text).toHaveLength(LINE_CHARS_KEPT + 1);
    expect(console[0]!.text.endsWith("…")).toBe(true);
    expect(restoreNote).toEqual({ logRows: 0, recordingSteps: 2, consoleLines: 1 });
    // Sealed: a step now would follow the ones that were cut, so it is counted, not appended.
    after.getState().record({ name: "close", input: { fd: 3 }, reply: ok(null) }, new Map());
    expect(after.getState().recording.steps).toHaveLength(4);
    expect(after.getState().recording.overflow).toBe(3);
  });

  it("writes a smaller session when the storage refuses the full one, and removes the old one when nothing fits", () => {
    const before = createLabStore();
    before.getState().startSession(LAB, 0, []);
    before.getState().applyEvents({ events: rowsEvents(5_000, "w".repeat(100)) });
    const tight = new MemoryStorage(300_000);
    expect(savePageSession(tight, before.getState())).toBe(true);
    const after = createLabStore();
    startPageSession(after, tight, snapshot(5_000, []));
    expect(after.getState().log.size).toBeGreaterThan(0);
    expect(after.getState().log.size).toBeLessThan(5_000);

    const full = new MemoryStorage(100);
    full.items.set(SESSION_KEY, "an older session");
    expect(savePageSession(full, before.getState())).toBe(false);
    expect(full.getItem(SESSION_KEY)).toBeNull();
  });
});

describe("sockets of an earlier page", () => {
  it("leave the banner's list when they close, and all of it when kept; an undecided list comes back after a reload", () => {
    const storage = new MemoryStorage();
    const page = createLabStore();
    startPageSession(page, storage, snapshot(4, [listener(3), conn(4), conn(5)]));
    expect(page.getState().unclaimed).toEqual([3, 4, 5]);
    page.getState().applyEvents({ events: [{ seq: 5, t: 5, type: "closed", fd: 4 }] });
    expect(page.getState().unclaimed).toEqual([3, 5]);

    savePageSession(storage, page.getState());
    const reloaded = createLabStore();
    expect(startPageSession(reloaded, storage, snapshot(5, [listener(3), conn(5)]))).toBe("restored");
    expect(reloaded.getState().unclaimed).toEqual([3, 5]);
    reloaded.getState().keepUnclaimed();
    savePageSession(storage, reloaded.getState());
    const again = createLabStore();
    startPageSession(again, storage, snapshot(5, [listener(3), conn(5)]));
    expect(again.getState().unclaimed).toEqual([]);
  });

  it("the page saves itself as it goes (pagehide) and when its tab is put away", () => {
    const storage = new MemoryStorage();
    const store = pageBeforeReload();
    const page = new EventTarget() as EventTarget & { document: EventTarget & { visibilityState: string } };
    page.document = Object.assign(new EventTarget(), { visibilityState: "visible" });
    const stop = keepPageSession(store, storage, page as unknown as Window);
    page.document.dispatchEvent(new Event("visibilitychange"));
    expect(storage.writes).toBe(0);
    page.document.visibilityState = "hidden";
    page.document.dispatchEvent(new Event("visibilitychange"));
    expect(storage.writes).toBe(1);
    page.dispatchEvent(new Event("pagehide"));
    expect(storage.writes).toBe(2);
    stop();
    page.dispatchEvent(new Event("pagehide"));
    expect(storage.writes).toBe(2);
  });
});

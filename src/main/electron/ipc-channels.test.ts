import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { IPC_CHANNELS } from "../../shared/api";
import type { Reply } from "../../shared/contract";
import type { EventBatch } from "../../shared/events";
import { LabService } from "../bridge/lab-service";
import { Lab } from "../lab/lab";
import { connectIpc, type ContentsLike, type IpcMainLike } from "./ipc-channels";

/** Just enough of ipcMain and a WebContents to drive connectIpc as Electron would; Electron itself cannot run here. */
function fakes() {
  const handlers = new Map<string, (event: { senderFrame: unknown }, ...args: unknown[]) => Promise<unknown>>();
  const listeners = new Map<string, (event: { senderFrame: unknown }, ...args: unknown[]) => void>();
  const contentsListeners = new Map<string, (...args: unknown[]) => void>();
  const sent: EventBatch[] = [];
  let delivered: (batch: EventBatch) => void = () => {};
  const ipc = {
    handle: (channel: string, listener: never) => void handlers.set(channel, listener),
    removeHandler: (channel: string) => void handlers.delete(channel),
    on: (channel: string, listener: never) => void listeners.set(channel, listener),
    off: (channel: string) => void listeners.delete(channel),
  } as unknown as IpcMainLike;
  const contents = {
    isDestroyed: () => false,
    send: (_channel: string, batch: EventBatch) => {
      sent.push(batch);
      delivered(batch);
    },
    on: (event: string, listener: (...args: unknown[]) => void) => void contentsListeners.set(event, listener),
    off: (event: string) => void contentsListeners.delete(event),
  } as unknown as ContentsLike;
  const page = { senderFrame: { url: "app://socket-lab/index.html", parent: null } };
  const call = (name: string, input: unknown, from: { senderFrame: unknown } = page) => handlers.get(IPC_CHANNELS.call)!(from, name, input) as Promise<Reply>;
  /** From now on, what the page does with each batch it receives (until then, batches go nowhere). */
  const onSend = (page: (batch: EventBatch) => void) => void (delivered = page);
  return { ipc, contents, sent, handlers, listeners, contentsListeners, page, call, onSend };
}

let lab: Lab;
beforeEach(() => {
  lab = new Lab();
});
afterEach(() => {
  vi.useRealTimers();
  lab.closeAll();
});

describe("the desktop app's IPC front door", () => {
  it("refuses calls, acks and preferences from any frame but the app's own top frame", async () => {
    const f = fakes();
    const preferences: unknown[] = [];
    const teardown = connectIpc(f.ipc, new LabService(lab), f.contents, (p) => preferences.push(p));
    for (const frame of [null, { url: "https://evil.example/", parent: null }, { url: "app://socket-lab/", parent: {} }]) {
      expect(await f.call("socket", {}, { senderFrame: frame })).toMatchObject({ ok: false, error: { message: "untrusted sender" } });
      f.listeners.get(IPC_CHANNELS.preferences)!({ senderFrame: frame }, { language: "zh-CN", theme: "dark" });
    }
    expect(lab.socketCount).toBe(0);
    expect(preferences).toEqual([]);
    f.listeners.get(IPC_CHANNELS.preferences)!(f.page, { language: "zh-CN", theme: "dark" });
    f.listeners.get(IPC_CHANNELS.preferences)!(f.page, { language: "klingon", theme: "dark" });
    expect(preferences).toEqual([{ language: "zh-CN", theme: "dark" }]);
    teardown();
    expect(f.handlers.size + f.listeners.size + f.contentsListeners.size).toBe(0);
  });

  it("a reload ends the old page's blocked calls and watchers, as a closed WebSocket page's", async () => {
    const f = fakes();
    const teardown = connectIpc(f.ipc, new LabService(lab), f.contents, () => {});
    const { result } = (await f.call("socket", { type: "SOCK_DGRAM" })) as { result: { fd: number } };
    await f.call("bind", { fd: result.fd, address: ["127.0.0.1", 0] });
    const watch = (await f.call("watch", { fds: [[result.fd, 1]] })) as { result: { watcher: number } };
    const blocked = f.call("recv", { fd: result.fd, bufsize: 8 });
    // A same-document navigation (a hash change) is the same page.
    f.contentsListeners.get("did-start-navigation")!({ isMainFrame: true, isSameDocument: true });
    f.contentsListeners.get("did-start-navigation")!({ isMainFrame: false, isSameDocument: false });
    f.contentsListeners.get("did-start-navigation")!({ isMainFrame: true, isSameDocument: false });
    expect(await blocked).toMatchObject({ ok: false, error: { type: "InterruptedError", errno: "EINTR" } });
    await expect(lab.call("unwatch", { watcher: watch.result.watcher })).rejects.toMatchObject({ info: { errno: "EINVAL" } });
    // The new page works, and its socket table still has the old page's socket.
    expect(await f.call("snapshot", {})).toMatchObject({ ok: true, result: { sockets: [{ fd: result.fd }] } });
    teardown();
  });

  it("a crashed renderer is a page gone too, and batches, and the replies behind them, wait for the page's acknowledgements", async () => {
    vi.useFakeTimers();
    const f = fakes();
    const teardown = connectIpc(f.ipc, new LabService(lab), f.contents, () => {});
    for (let i = 0; i < 16; i++) await f.call("socket", {});
    // No acks: the window (16 batches) is full, so the next calls' events wait, and their replies with them.
    let replied = 0;
    const waiting = Array.from({ length: 4 }, () => f.call("socket", {}).then((reply) => (replied++, reply)));
    await vi.advanceTimersByTimeAsync(1000);
    expect([f.sent.length, replied]).toEqual([16, 0]);
    // One ack, for the latest batch, covers all 16.
    f.listeners.get(IPC_CHANNELS.ack)!(f.page, f.sent.at(-1)!.id);
    await vi.advanceTimersByTimeAsync(20);
    expect((await Promise.all(waiting)).every((reply) => reply.ok)).toBe(true);
    expect(f.sent.length).toBe(17);
    expect(f.sent.flatMap((b) => b.events).filter((e) => e.type === "created")).toHaveLength(20);
    const { result } = (await f.call("socket", { type: "SOCK_DGRAM" })) as { result: { fd: number } };
    await f.call("bind", { fd: result.fd, address: ["127.0.0.1", 0] });
    const blocked = f.call("recv", { fd: result.fd, bufsize: 8 });
    f.contentsListeners.get("render-process-gone")!();
    expect(await blocked).toMatchObject({ ok: false, error: { errno: "EINTR" } });
    teardown();
  });

  it("after a reload under traffic, batches sent while the new page was not yet listening do not stall it", async () => {
    vi.useFakeTimers();
    const f = fakes();
    const teardown = connectIpc(f.ipc, new LabService(lab), f.contents, () => {});
    f.contentsListeners.get("did-start-navigation")!({ isMainFrame: true, isSameDocument: false });
    // The new document's preload is not up yet: what is sent now is lost, and nobody acks it.
    for (let i = 0; i < 20; i++) {
      await lab.call("socket", { family: "AF_INET", type: "SOCK_DGRAM" });
      await vi.advanceTimersByTimeAsync(20);
    }
    expect(f.sent.length).toBeGreaterThanOrEqual(16);
    // Now the page listens and acks each batch as the preload does, while events keep coming.
    const received: EventBatch[] = [];
    f.onSend((batch) => {
      received.push(batch);
      f.listeners.get(IPC_CHANNELS.ack)!(f.page, batch.id);
    });
    for (let i = 0; i < 200; i++) {
      await lab.call("socket", { family: "AF_INET", type: "SOCK_DGRAM" });
      await vi.advanceTimersByTimeAsync(20);
    }
    // It was told what it missed, then events flowed again.
    expect(received.find((b) => b.missed)?.missed?.count).toBeGreaterThanOrEqual(16);
    expect(received.at(-1)!.events.some((e) => e.type === "created")).toBe(true);
    teardown();
  });
});

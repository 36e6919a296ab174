import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Reply } from "../../shared/contract";
import type { EventBatch } from "../../shared/events";
import { Lab } from "../lab/lab";
import { ClientSession } from "./client-session";
import { LabService } from "./lab-service";

let lab: Lab;
let service: LabService;
beforeEach(() => {
  lab = new Lab();
  service = new LabService(lab);
});
afterEach(() => {
  vi.useRealTimers();
  lab.closeAll();
});

/** A page that applies and acknowledges every batch at once. */
function page(): { session: ClientSession; batches: EventBatch[] } {
  const batches: EventBatch[] = [];
  const session: ClientSession = new ClientSession(service, (batch) => {
    batches.push(batch);
    queueMicrotask(() => session.ack(batch.id));
  });
  return { session, batches };
}

async function ok<T>(reply: Promise<Reply>): Promise<T> {
  const r = await reply;
  if (!r.ok) throw new Error(`${r.error.type}: ${r.error.message}`);
  return r.result as T;
}

async function udpSocket(session: ClientSession): Promise<{ fd: number; port: number }> {
  const { fd } = await ok<{ fd: number }>(session.call("socket", { type: "SOCK_DGRAM" }));
  await ok(session.call("bind", { fd, address: ["127.0.0.1", 0] }));
  const [, port] = await ok<[string, number]>(session.call("getsockname", { fd }));
  return { fd, port };
}

describe("client session: a page's calls end with the page", () => {
  it("a blocked recv of a page that went away fails with InterruptedError and takes nothing; the next page's recv gets the first datagram", async () => {
    const a = page();
    const { fd, port } = await udpSocket(a.session);
    const orphan = a.session.call("recv", { fd, bufsize: 64 });
    await expect.poll(async () => (await ok<{ sockets: { fd: number; blocked: unknown }[] }>(a.session.call("snapshot", {}))).sockets.find((s) => s.fd === fd)?.blocked).not.toBeNull();
    a.session.close();
    expect(await orphan).toMatchObject({ ok: false, error: { type: "InterruptedError", errno: "EINTR" } });

    const b = page();
    const sender = await udpSocket(b.session);
    await ok(b.session.call("sendto", { fd: sender.fd, data: "first", address: ["127.0.0.1", port] }));
    await ok(b.session.call("sendto", { fd: sender.fd, data: "second", address: ["127.0.0.1", port] }));
    const got = await ok<{ hex: string }>(b.session.call("recv", { fd, bufsize: 64 }));
    expect(Buffer.from(got.hex, "hex").toString()).toBe("first");
    b.session.close();
  });

  it("orphaned poll() and select() calls end too, and calls after close are refused", async () => {
    const a = page();
    const { fd } = await udpSocket(a.session);
    const polls = [a.session.call("poll", { fds: [[fd, 1]], timeout: null }), a.session.call("select", { r: [fd], w: [], x: [], timeout: null })];
    a.session.close();
    for (const reply of await Promise.all(polls)) expect(reply).toMatchObject({ ok: false, error: { errno: "EINTR" } });
    expect(await a.session.call("snapshot", {})).toMatchObject({ ok: false, error: { errno: "EINTR" } });
  });

  it("ends the page's watchers, lesson sessions and repeats, but leaves its sockets to the Lab", async () => {
    const a = page();
    const { fd, port } = await udpSocket(a.session);
    const { watcher } = await ok<{ watcher: number }>(a.session.call("watch", { fds: [[fd, 1]] }));
    const { session } = await ok<{ session: number }>(
      a.session.call("scenario_open", { scenario: { name: "s", steps: [{ op: "socket", as: "x", type: "SOCK_DGRAM" }] } }),
    );
    const { job } = await ok<{ job: number }>(a.session.call("repeat", { fd, data: "x", address: ["127.0.0.1", port], count: 1_000_000, interval_ms: 50 }));
    // One the page ended itself is not ended again (which would log an error for it).
    const ended = await ok<{ watcher: number }>(a.session.call("watch", { fds: [[fd, 4]] }));
    await ok(a.session.call("unwatch", { watcher: ended.watcher }));
    const errors: string[] = [];
    lab.events.subscribe((e) => void (e.type === "error" && errors.push(e.op)));
    a.session.close();
    await expect(lab.call("unwatch", { watcher })).rejects.toMatchObject({ info: { errno: "EINVAL" } });
    await expect(service.call("scenario_step", { session })).rejects.toMatchObject({ info: { errno: "EINVAL" } });
    await expect(lab.call("cancel_job", { job })).rejects.toMatchObject({ info: { errno: "EINVAL" } });
    expect(errors).toEqual(["unwatch", "scenario_step", "cancel_job"]);
    expect(lab.socketCount).toBe(1);
  });

  it("bounds how many calls a page may have under way, and rate-limits it", async () => {
    const lazy = new ClientSession(service, () => {}, { maxInFlight: 2, rate: { perSecond: 1, burst: 10 } });
    const { fd } = await udpSocket(lazy);
    const waiting = [lazy.call("recv", { fd, bufsize: 1 }), lazy.call("recv", { fd, bufsize: 1 })];
    expect(await lazy.call("snapshot", {})).toMatchObject({ ok: false, error: { type: "RateLimitError", message: expect.stringContaining("2 calls under way") } });
    lazy.close();
    await Promise.all(waiting);
    const limited = new ClientSession(service, () => {}, { rate: { perSecond: 1, burst: 3 } });
    const replies = await Promise.all(Array.from({ length: 5 }, () => limited.call("snapshot", {})));
    expect(replies.filter((r) => !r.ok).map((r) => !r.ok && r.error.type)).toEqual(["RateLimitError", "RateLimitError"]);
    limited.close();
  });

  it("delivers the events a call caused before its reply", async () => {
    const a = page();
    const reply = await a.session.call("socket", {});
    expect(reply.ok).toBe(true);
    expect(a.batches.flatMap((b) => b.events).some((e) => e.type === "created")).toBe(true);
    a.session.close();
  });

  it("holds a reply while a full window holds back the events its call caused, and sends it after them", async () => {
    vi.useFakeTimers();
    const seen: string[] = [];
    const batches: EventBatch[] = [];
    const session = new ClientSession(
      service,
      (batch) => {
        batches.push(batch);
        for (const e of batch.events) if (e.type === "created") seen.push(`created ${e.fd}`);
      },
      { outbox: { window: 1, maxPending: 100, intervalMs: 5, ackTimeoutMs: 60_000 } },
    );
    const { fd: first } = await ok<{ fd: number }>(session.call("socket", {}));
    // The page has not acked the first batch: the window is full, so the second socket's event waits, and its reply with it.
    const second = session.call("socket", {}).then((reply) => {
      seen.push("reply");
      return reply;
    });
    await vi.advanceTimersByTimeAsync(1000);
    expect(seen).toEqual([`created ${first}`]);
    session.ack(batches[0]!.id);
    await vi.advanceTimersByTimeAsync(5);
    const { fd } = await ok<{ fd: number }>(second);
    expect(seen).toEqual([`created ${first}`, `created ${fd}`, "reply"]);
    session.close();
  });
});

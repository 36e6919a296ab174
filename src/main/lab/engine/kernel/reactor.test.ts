import { afterEach, describe, expect, test } from "vitest";
import { POLL, SHUT } from "./constants";
import { FAST_PATH_LIMIT, Reactor } from "./reactor";
import * as k from "./syscalls";
import { FdScope, tcpPair } from "./test-support";

const scope = new FdScope();
const reactors: Reactor[] = [];
afterEach(() => {
  reactors.splice(0).forEach((r) => r.close());
  scope.closeAll();
});

function reactor(): Reactor {
  const r = new Reactor();
  reactors.push(r);
  return r;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("reactor: readiness without reading", () => {
  test("a wait resolves when bytes arrive and the bytes stay in the kernel's queue", async () => {
    const { client, server } = tcpPair(scope);
    const r = reactor();
    const ready = r.wait(server, POLL.POLLIN);
    k.send(client, Buffer.from("hello"));
    expect((await ready) & POLL.POLLIN).toBe(POLL.POLLIN);
    expect(k.inq(server)).toBe(5);
  });

  test("after SPIN_MS idle it parks on a blocking poll, and wakes for data that comes later", async () => {
    const { client, server } = tcpPair(scope);
    const r = reactor();
    const ready = r.wait(server, POLL.POLLIN | POLL.POLLRDHUP);
    // The spin lasts a fraction of a millisecond (SPIN_MS): it parks as soon as the timers let it, however loaded the machine.
    await expect.poll(() => r.stats.parks, { timeout: 2000, interval: 1 }).toBe(1);
    const spinsWhileParked = r.stats.spins;
    await sleep(30);
    // Parked means idle: no spinning while nothing happens.
    expect(r.stats.spins).toBe(spinsWhileParked);
    k.shutdown(client, SHUT.SHUT_WR);
    expect((await ready) & POLL.POLLRDHUP).toBe(POLL.POLLRDHUP);
  });

  test("a wait added while parked is seen (the eventfd interrupts the parked poll)", async () => {
    const a = tcpPair(scope);
    const b = tcpPair(scope);
    const r = reactor();
    const first = r.wait(a.server, POLL.POLLIN);
    // The spin lasts a fraction of a millisecond (SPIN_MS): it parks as soon as the timers let it, however loaded the machine.
    await expect.poll(() => r.stats.parks, { timeout: 2000, interval: 1 }).toBe(1);
    const second = r.wait(b.server, POLL.POLLIN);
    k.send(b.client, Buffer.from("b"));
    expect((await second) & POLL.POLLIN).toBe(POLL.POLLIN);
    k.send(a.client, Buffer.from("a"));
    expect((await first) & POLL.POLLIN).toBe(POLL.POLLIN);
  });

  test("an fd that is ready already is answered at once, but never so often in a row that the event loop starves", async () => {
    const { client, server } = tcpPair(scope);
    k.send(client, Buffer.from("x"));
    const r = reactor();
    expect((await r.wait(server, POLL.POLLIN)) & POLL.POLLIN).toBe(POLL.POLLIN);
    expect(r.stats.fast).toBe(1);
    let loopTurned = false;
    setImmediate(() => (loopTurned = true));
    const seen: boolean[] = [];
    for (let i = 0; i < FAST_PATH_LIMIT * 3; i++) {
      await r.wait(server, POLL.POLLIN);
      seen.push(loopTurned);
    }
    // Without the cap every wait would resolve in a microtask and the immediate would wait for the loop's end.
    expect(seen.indexOf(true)).toBeGreaterThan(0);
    expect(seen.indexOf(true)).toBeLessThanOrEqual(FAST_PATH_LIMIT + 1);
    expect(k.inq(server)).toBe(1);
  });

  test("close while parked returns the worker's poll and frees the eventfd", async () => {
    const { server } = tcpPair(scope);
    const r = reactor();
    void r.wait(server, POLL.POLLIN);
    await expect.poll(() => r.stats.parks, { timeout: 2000, interval: 1 }).toBe(1);
    r.close();
    await sleep(20);
    await expect(r.wait(server, POLL.POLLIN)).rejects.toThrow("reactor closed");
  });
});

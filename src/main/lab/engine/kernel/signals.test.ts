/**
 * A signal the process handles interrupts a sleeping poll(2) with EINTR.
 * Node handles several (SIGCHLD whenever a child such as python3 exits), so
 * the engine's polls must ask again rather than throw from the event loop.
 */
import { spawn } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { AF, POLL } from "./constants";
import { kernelEngineSupport } from "./libc";
import * as k from "./syscalls";
import { FdScope, listener } from "./test-support";

const scope = new FdScope();
afterEach(() => scope.closeAll());

describe.runIf(kernelEngineSupport().ok)("signals during a poll", () => {
  it("a poll interrupted by a handled signal is asked again, not thrown", async () => {
    const onSignal = (): void => {};
    process.on("SIGUSR2", onSignal);
    try {
      const { fd, port } = listener(scope, AF.AF_INET);
      // A child signals this process while its main thread sleeps in poll, then connects: the poll can only
      // end with POLLIN if it survived the signal that came first.
      const child = spawn("bash", ["-c", `sleep 0.1; kill -USR2 ${process.pid}; sleep 0.2; exec 3<>/dev/tcp/127.0.0.1/${port}`]);
      const exited = new Promise((resolve) => child.once("exit", resolve));
      expect(k.pollSync([{ fd, events: POLL.POLLIN }], 10_000)[0]! & POLL.POLLIN).toBe(POLL.POLLIN);
      await exited;
    } finally {
      process.off("SIGUSR2", onSignal);
    }
  });
});

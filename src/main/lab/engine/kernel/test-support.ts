/**
 * Shared by the kernel engine's tests: real sockets on loopback, bounded
 * waits, and CPython as the reference (python3 -c, output as JSON).
 */
import { spawnSync } from "node:child_process";
import { AF, POLL, SOCK } from "./constants";
import { errnoOf } from "./errno";
import * as k from "./syscalls";

/** Every fd a test opened, closed in afterEach even when an assertion failed. */
export class FdScope {
  private readonly fds = new Set<number>();
  track(fd: number): number {
    this.fds.add(fd);
    return fd;
  }
  close(fd: number): void {
    this.fds.delete(fd);
    k.close(fd);
  }
  closeAll(): void {
    for (const fd of this.fds) {
      try {
        k.close(fd);
      } catch {
        // already closed by the kernel's view of the test; nothing to free
      }
    }
    this.fds.clear();
  }
}

/** Blocks (in poll, up to timeoutMs) until fd shows one of `events`; returns its revents (0 on timeout). */
export function waitFor(fd: number, events: number, timeoutMs = 2000): number {
  const [revents] = k.pollSync([{ fd, events }], timeoutMs);
  return revents ?? 0;
}

/** Polls `check` every few milliseconds, at most `tries` times: for state changes poll() cannot wait for. */
export async function eventually<T>(check: () => T | null | undefined | false, tries = 200, everyMs = 10): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const value = check();
    if (value) return value;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`condition not reached after ${tries} tries`);
}

export function listener(scope: FdScope, family: k.Family = AF.AF_INET, backlog = 8): { fd: number; port: number; host: string } {
  const host = family === AF.AF_INET ? "127.0.0.1" : "::1";
  const fd = scope.track(k.socket(family, SOCK.SOCK_STREAM));
  k.bind(fd, k.sockaddr(family, host, 0));
  k.listen(fd, backlog);
  return { fd, port: k.getsockname(fd)!.port, host };
}

/** Starts a non-blocking connect; EINPROGRESS is the expected answer on loopback too. */
export function startConnect(scope: FdScope, family: k.Family, host: string, port: number): number {
  const fd = scope.track(k.socket(family, SOCK.SOCK_STREAM));
  try {
    k.connect(fd, k.sockaddr(family, host, port));
  } catch (error) {
    if (errnoOf(error) !== "EINPROGRESS") throw error;
  }
  return fd;
}

/** A connected pair over loopback: client and the accepted server side. */
export function tcpPair(scope: FdScope, family: k.Family = AF.AF_INET): { client: number; server: number; listenFd: number; port: number } {
  const l = listener(scope, family);
  const client = startConnect(scope, family, l.host, l.port);
  if (!(waitFor(client, POLL.POLLOUT) & POLL.POLLOUT)) throw new Error("connect did not complete");
  if (!(waitFor(l.fd, POLL.POLLIN) & POLL.POLLIN)) throw new Error("nothing to accept");
  const server = scope.track(k.accept(l.fd).fd);
  return { client, server, listenFd: l.fd, port: l.port };
}

/** Runs a CPython snippet that prints one JSON value; the reference the tests compare against. */
export function python<T>(code: string, timeoutMs = 10_000): T {
  const run = spawnSync("python3", ["-c", code], { encoding: "utf8", timeout: timeoutMs });
  if (run.status !== 0) throw new Error(`python3 failed (${run.status ?? run.signal}): ${run.stderr}`);
  return JSON.parse(run.stdout) as T;
}

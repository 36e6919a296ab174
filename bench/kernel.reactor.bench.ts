// How the kernel engine learns of readiness without reading bytes: 64-byte
// ping-pong on loopback in one process, round trips/s, against raw Node `net`.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import net from "node:net";
import { Worker } from "node:worker_threads";
import { AF, LEVEL, POLL, SOCK, TCP } from "../src/main/lab/engine/kernel/constants";
import { kernelEngineSupport, libc } from "../src/main/lab/engine/kernel/libc";
import { Reactor } from "../src/main/lab/engine/kernel/reactor";
import * as k from "../src/main/lab/engine/kernel/syscalls";
import { pairedRatio, type Figure } from "./figure";

const LEG_MS = 300;
// Odd, and enough that the median survives a shared, loaded machine.
const PAIRS = 9;
const MESSAGE = Buffer.alloc(64, 0x70);

type Wait = (fd: number, events: number) => Promise<number>;

/**
 * An echo peer in another process (CPython, blocking sockets): its answer is
 * not there yet when the wait starts, so the wait's slow path is measured,
 * where the in-process ping-pong mostly measures the fast path.
 */
async function pythonEcho(): Promise<{ port: number; stop: () => void }> {
  const child = spawn("python3", ["-u", "-c", `
import socket
l = socket.socket(); l.bind(("127.0.0.1", 0)); l.listen(8); print(l.getsockname()[1], flush=True)
while True:
    c, _ = l.accept(); c.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    while True:
        d = c.recv(4096)
        if not d: break
        c.sendall(d)
    c.close()`], { stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise<number>((resolve) => child.stdout.once("data", (d: Buffer) => resolve(Number(d.toString().trim()))));
  return { port, stop: () => child.kill() };
}

/** Raw Node: a client whose every write waits for its echo (from an in-process server, or `peerPort`). */
async function rawLeg(peerPort?: number): Promise<number> {
  const server = net.createServer((s) => s.on("data", (d: Buffer) => s.write(d)));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const client = net.connect(peerPort ?? (server.address() as net.AddressInfo).port, "127.0.0.1");
  client.setNoDelay(true);
  await new Promise((r) => client.once("connect", r));
  let trips = 0;
  let got = 0;
  const start = performance.now();
  await new Promise<void>((resolve) => {
    client.on("data", (d: Buffer) => {
      got += d.length;
      if (got < MESSAGE.length) return;
      got = 0;
      trips += 1;
      if (performance.now() - start < LEG_MS) client.write(MESSAGE);
      else resolve();
    });
    client.write(MESSAGE);
  });
  const rate = trips / ((performance.now() - start) / 1000);
  client.destroy();
  server.close();
  return rate;
}

/** A connected pair of kernel sockets (TCP_NODELAY is moot: each side waits for the other). */
function kernelPair(): { client: number; server: number; close: () => void } {
  const l = k.socket(AF.AF_INET, SOCK.SOCK_STREAM);
  k.bind(l, k.sockaddr(AF.AF_INET, "127.0.0.1", 0));
  k.listen(l, 1);
  const client = k.socket(AF.AF_INET, SOCK.SOCK_STREAM);
  k.connectEx(client, k.getsockname(l)!);
  k.pollSync([{ fd: l, events: POLL.POLLIN }], 1000);
  const server = k.accept(l).fd;
  k.close(l);
  return { client, server, close: () => [client, server].forEach((fd) => k.close(fd)) };
}

/** The same against the external echo peer: one kernel socket, TCP_NODELAY on. */
async function kernelRemoteLeg(wait: Wait, peerPort: number): Promise<number> {
  const fd = k.socket(AF.AF_INET, SOCK.SOCK_STREAM);
  k.setsockoptInt(fd, LEVEL.IPPROTO_TCP, TCP.TCP_NODELAY, 1);
  k.connectEx(fd, k.sockaddr(AF.AF_INET, "127.0.0.1", peerPort));
  await wait(fd, POLL.POLLOUT);
  let trips = 0;
  const start = performance.now();
  while (performance.now() - start < LEG_MS) {
    k.send(fd, MESSAGE);
    for (let got = 0; got < MESSAGE.length; ) {
      await wait(fd, POLL.POLLIN);
      got += k.recv(fd, 4096).length;
    }
    trips += 1;
  }
  const rate = trips / ((performance.now() - start) / 1000);
  k.close(fd);
  return rate;
}

/** The kernel engine's loop: wait for readiness, then recv what the wait announced, then answer. */
async function kernelLeg(wait: Wait): Promise<number> {
  const { client, server, close } = kernelPair();
  let trips = 0;
  const start = performance.now();
  while (performance.now() - start < LEG_MS) {
    k.send(client, MESSAGE);
    await wait(server, POLL.POLLIN);
    k.send(server, k.recv(server, 4096));
    await wait(client, POLL.POLLIN);
    k.recv(client, 4096);
    trips += 1;
  }
  const rate = trips / ((performance.now() - start) / 1000);
  close();
  return rate;
}

/** One koffi `.async` poll per wait: every wake-up hops to koffi's worker thread and back. */
const asyncWait: Wait = async (fd, events) => (await k.pollAsync([{ fd, events }], -1))[0] ?? 0;

/** The reactor's fast path in front of another design, to tell the two effects apart. */
function withFastPath(wait: Wait): Wait {
  return (fd, events) => {
    const [now] = k.pollSync([{ fd, events }], 0);
    return now ? Promise.resolve(now) : wait(fd, events);
  };
}

/**
 * A worker thread blocked in epoll_wait posts each wake-up; the main thread
 * arms one-shot interest with epoll_ctl (thread-safe on a shared epoll fd).
 */
function workerEpoll(): { wait: Wait; close: () => Promise<void> } {
  const { libc: lib } = libc();
  const epollCreate = lib.func("int epoll_create1(int flags)") as (flags: number) => number;
  const epollCtl = lib.func("int epoll_ctl(int epfd, int op, int fd, void *event)") as (epfd: number, op: number, fd: number, ev: Buffer) => number;
  // struct epoll_event is packed (12 bytes) on x86_64 only; 16 on aarch64.
  const size = process.arch === "x64" ? 12 : 16;
  const dataAt = process.arch === "x64" ? 4 : 8;
  const EPOLLONESHOT = 1 << 30;
  const epfd = epollCreate(SOCK.SOCK_CLOEXEC);
  const stop = k.eventfd();
  const arm = (fd: number, events: number): void => {
    const ev = Buffer.alloc(size);
    ev.writeUInt32LE(events | (fd === stop ? 0 : EPOLLONESHOT), 0);
    ev.writeUInt32LE(fd, dataAt);
    // EPOLL_CTL_MOD 3 re-arms one-shot interest; a new fd (or a reused number,
    // whose old registration close() removed) needs EPOLL_CTL_ADD 1.
    if (epollCtl(epfd, 3, fd, ev) === -1) epollCtl(epfd, 1, fd, ev);
  };
  arm(stop, POLL.POLLIN);
  const pending = new Map<number, (revents: number) => void>();
  const worker = new Worker(
    `const { parentPort, workerData } = require("node:worker_threads");
     const koffi = require(workerData.koffi);
     const epollWait = koffi.load("libc.so.6").func("int epoll_wait(int, void *, int, int)");
     const buf = Buffer.alloc(workerData.size * 64);
     let running = true;
     while (running) {
       const n = epollWait(workerData.epfd, buf, 64, -1);
       const out = [];
       for (let i = 0; i < n; i++) {
         const fd = buf.readUInt32LE(i * workerData.size + workerData.dataAt);
         if (fd === workerData.stop) running = false;
         else
           out.push([fd, buf.readUInt32LE(i * workerData.size)]);
       }
       if (out.length) parentPort.postMessage(out);
     }`,
    { eval: true, workerData: { koffi: createRequire(import.meta.url).resolve("koffi"), epfd, size, dataAt, stop } },
  );
  worker.on("message", (ready: [number, number][]) => {
    for (const [fd, revents] of ready) {
      const resolve = pending.get(fd);
      pending.delete(fd);
      resolve?.(revents);
    }
  });
  return {
    wait: (fd, events) =>
      new Promise((resolve) => {
        pending.set(fd, resolve);
        arm(fd, events);
      }),
    close: async () => {
      k.eventfdSignal(stop);
      await new Promise((r) => worker.once("exit", r));
      k.close(stop);
      k.close(epfd);
    },
  };
}

/** CPU time the process spends per second of wall time while one wait is pending and nothing arrives. */
async function idleCpu(): Promise<number> {
  const { server, close } = kernelPair();
  const reactor = new Reactor();
  void reactor.wait(server, POLL.POLLIN);
  await new Promise((r) => setTimeout(r, 50));
  const before = process.cpuUsage();
  const start = performance.now();
  await new Promise((r) => setTimeout(r, 500));
  const used = process.cpuUsage(before);
  const share = (used.user + used.system) / 1000 / (performance.now() - start);
  reactor.close();
  close();
  return share;
}

export default async function kernelReactorBench(): Promise<Figure[]> {
  const support = kernelEngineSupport();
  if (!support.ok) return [{ name: "kernel.reactor", value: 0, unit: "skipped", baseline: null, ratio: null, reason: support.reason }];
  const reactor = new Reactor();
  const hybrid = await pairedRatio(rawLeg, () => kernelLeg((fd, ev) => reactor.wait(fd, ev)), PAIRS);
  reactor.close();
  // Waits answered on the spot against all loop work (fast waits + spin ticks): ~ the share of waits that found bytes queued.
  const fastShare = reactor.stats.fast / (reactor.stats.fast + reactor.stats.spins);
  const viaAsync = await pairedRatio(rawLeg, () => kernelLeg(asyncWait), PAIRS);
  const viaAsyncFast = await pairedRatio(rawLeg, () => kernelLeg(withFastPath(asyncWait)), PAIRS);
  const epoll = workerEpoll();
  const viaWorker = await pairedRatio(rawLeg, () => kernelLeg(epoll.wait), PAIRS);
  await epoll.close();
  const peer = await pythonEcho();
  const remoteRaw = () => rawLeg(peer.port);
  const remoteReactor = new Reactor();
  const remoteHybrid = await pairedRatio(remoteRaw, () => kernelRemoteLeg((fd, ev) => remoteReactor.wait(fd, ev), peer.port), PAIRS);
  const remoteFastShare = remoteReactor.stats.fast / (remoteReactor.stats.fast + remoteReactor.stats.spins);
  remoteReactor.close();
  const remoteAsync = await pairedRatio(remoteRaw, () => kernelRemoteLeg(withFastPath(asyncWait), peer.port), PAIRS);
  const remoteEpoll = workerEpoll();
  const remoteWorker = await pairedRatio(remoteRaw, () => kernelRemoteLeg(withFastPath(remoteEpoll.wait), peer.port), PAIRS);
  await remoteEpoll.close();
  peer.stop();
  const idle = await idleCpu();
  const figure = (name: string, r: { ratio: number; baseline: number; subject: number }, design: string): Figure => ({
    name,
    value: r.ratio,
    unit: "ratio",
    baseline: r.baseline,
    ratio: r.ratio,
    kernel_round_trips_per_s: Math.round(r.subject),
    raw_round_trips_per_s: Math.round(r.baseline),
    message_bytes: MESSAGE.length,
    pairs: PAIRS,
    design,
    goal: ">= 0.5",
  });
  return [
    { ...figure("kernel.reactor.spin-then-park", hybrid, "ready fd answered at once; else setImmediate + poll(0) while busy, koffi async poll + eventfd when idle"), fast_path_share: fastShare },
    figure("kernel.reactor.async-poll", viaAsync, "one koffi .async poll per wake-up"),
    figure("kernel.reactor.async-poll+fast-path", viaAsyncFast, "ready fd answered at once, else one koffi .async poll"),
    figure("kernel.reactor.worker-epoll", viaWorker, "worker thread in epoll_wait, postMessage per wake-up"),
    { ...figure("kernel.reactor.python-peer.spin-then-park", remoteHybrid, "as spin-then-park; echo peer is a python3 process"), fast_path_share: remoteFastShare },
    figure("kernel.reactor.python-peer.async-poll+fast-path", remoteAsync, "as async-poll+fast-path; echo peer is a python3 process"),
    figure("kernel.reactor.python-peer.worker-epoll+fast-path", remoteWorker, "fast path, else worker in epoll_wait; echo peer is a python3 process"),
    { name: "kernel.reactor.idle-cpu", value: idle, unit: "cpu s / s", baseline: null, ratio: null, note: "spin-then-park with one wait pending, nothing arriving" },
  ];
}

/**
 * The UDP flood, run as its own process (node --expose-gc --import tsx),
 * normally inside a fresh network namespace so /proc/net/snmp counts this
 * flood and nothing else. Prints one line: FLOOD_RESULT {json}.
 *
 * Phase A (the brief's flood): COUNT 64-byte datagrams into a Lab socket in
 * auto-recv mode. Phase B: a smaller flood into a socket that is not read,
 * with a small SO_RCVBUF, so the Lab's own drops are exercised too.
 * A worker thread sends, so the Lab's event loop only receives.
 */
import { readFileSync } from "node:fs";
import { Worker } from "node:worker_threads";
import { EventOutbox } from "../../src/main/bridge/outbox";
import { Lab } from "../../src/main/lab/lab";

const COUNT = Number(process.env.FLOOD_COUNT ?? 200_000);
const COUNT_B = Number(process.env.FLOOD_COUNT_B ?? 20_000);
const SIZE = 64;
/** Small enough that the flood pushes entries out (1 MiB is 16,384 payloads of 64 bytes). */
const LOG_LIMITS = { maxEntries: 20_000, maxBytes: 1024 * 1024 };
const MB = 1024 * 1024;
const gc = (globalThis as { gc?: () => void }).gc;

const SENDER = `
const dgram = require("node:dgram");
const { parentPort, workerData } = require("node:worker_threads");
const sock = dgram.createSocket("udp4");
const payload = Buffer.alloc(${SIZE}, 0x61);
let sent = 0, errors = 0;
const codes = {};
function burst(n) {
  return new Promise((resolve) => {
    let pending = n;
    for (let i = 0; i < n; i++) {
      sock.send(payload, workerData.port, "127.0.0.1", (err) => {
        if (err) { errors++; codes[err.code] = (codes[err.code] || 0) + 1; } else sent++;
        if (--pending === 0) resolve();
      });
    }
  });
}
(async () => {
  const start = performance.now();
  for (let left = workerData.count; left > 0; left -= 256) await burst(Math.min(256, left));
  const ms = performance.now() - start;
  sock.close(() => parentPort.postMessage({ sent, errors, codes, ms }));
})();
`;

interface SendReport {
  sent: number;
  errors: number;
  codes: Record<string, number>;
  ms: number;
}

function flood(port: number, count: number): Promise<SendReport> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(SENDER, { eval: true, workerData: { port, count } });
    worker.once("message", (m: SendReport) => resolve(m));
    worker.once("error", reject);
  });
}

/** Every Udp counter of this namespace, IPv4 (the flood is IPv4). */
function snmpUdp(): Record<string, number> {
  const lines = readFileSync("/proc/net/snmp", "utf8").split("\n").filter((l) => l.startsWith("Udp:"));
  const names = lines[0]!.split(/\s+/).slice(1);
  const values = lines[1]!.split(/\s+/).slice(1).map(Number);
  return Object.fromEntries(names.map((n, i) => [n, values[i]!]));
}

/** Packets the kernel's per-CPU backlog dropped (global, not per namespace): a diagnostic only. */
function softnetDrops(): number {
  return readFileSync("/proc/net/softnet_stat", "utf8")
    .trim()
    .split("\n")
    .reduce((sum, line) => sum + parseInt(line.split(/\s+/)[1] ?? "0", 16), 0);
}

function delta(after: Record<string, number>, before: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.keys(after).map((k) => [k, after[k]! - (before[k] ?? 0)]));
}

function settledMemory(): { rss: number; heapUsed: number } {
  gc?.();
  gc?.();
  const m = process.memoryUsage();
  return { rss: m.rss, heapUsed: m.heapUsed };
}

const lab = new Lab();

// What the renderer's side sees: the real EventOutbox, with a page that only counts and acknowledges each batch at once.
const batches = { flushes: 0, events: 0, maxBatch: 0, dataIn: new Map<number, number>(), flushesDuringFlood: 0 };
let flooding = false;
const batcher: EventOutbox = new EventOutbox(({ id, events }) => {
  queueMicrotask(() => batcher.ack(id));
  batches.flushes += 1;
  if (flooding) batches.flushesDuringFlood += 1;
  batches.events += events.length;
  batches.maxBatch = Math.max(batches.maxBatch, events.length);
  for (const e of events) if (e.type === "data" && e.dir === "in") batches.dataIn.set(e.fd, (batches.dataIn.get(e.fd) ?? 0) + 1);
});
lab.events.subscribe(batcher.push);

// The Lab's own count of data events, straight from the hub.
const dataIn = new Map<number, number>();
let dataEvents = 0;
lab.events.subscribe((e) => {
  if (e.type !== "data") return;
  dataEvents += 1;
  if (e.dir === "in") dataIn.set(e.fd, (dataIn.get(e.fd) ?? 0) + 1);
});

async function phase(count: number, autoRecv: boolean) {
  const { fd } = await lab.call("socket", { family: "AF_INET", type: "SOCK_DGRAM" });
  if (!autoRecv) await lab.call("setsockopt", { fd, level: "SOL_SOCKET", name: "SO_RCVBUF", value: 4096 });
  await lab.call("bind", { fd, address: ["127.0.0.1", 0] });
  if (autoRecv) await lab.call("auto", { fd, recv: true });
  const port = (await lab.call("getsockname", { fd }))[1];
  // fds are reused between phases: count from here.
  const hubBase = dataIn.get(fd) ?? 0;
  const batcherBase = batches.dataIn.get(fd) ?? 0;
  const labKernel0 = (await lab.call("kernel_udp_stats", {}))!;
  const snmp0 = snmpUdp();
  const softnet0 = softnetDrops();
  const mem0 = settledMemory();
  let peakRss = mem0.rss;
  let peakHeap = mem0.heapUsed;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 25);

  flooding = true;
  const started = performance.now();
  const sender = await flood(port, count);
  const sendMs = performance.now() - started;
  const received = () => (dataIn.get(fd) ?? 0) - hubBase;
  const kernelDrops = () => (lab.call("kernel_udp_stats", {}) as Promise<{ rcvbufErrors: number } | null>);
  // Everything sent is, eventually, either read by the Lab or counted by the kernel as dropped.
  let labKernel = labKernel0;
  const accounted = await (async () => {
    const start = performance.now();
    for (;;) {
      labKernel = (await kernelDrops()) as typeof labKernel0;
      if (received() + (labKernel.rcvbufErrors - labKernel0.rcvbufErrors) >= sender.sent) return true;
      if (performance.now() - start > 15_000) return false;
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  const drainMs = performance.now() - started;
  // Nothing more trickles in afterwards.
  const before = received();
  await new Promise((r) => setTimeout(r, 100));
  const lateArrivals = received() - before;
  flooding = false;
  clearInterval(sampler);
  batcher.drain();

  labKernel = (await lab.call("kernel_udp_stats", {}))!;
  const snap = (await lab.call("snapshot", {})).sockets.find((s) => s.fd === fd)!;
  let drained = 0;
  if (!autoRecv) {
    await lab.call("settimeout", { fd, seconds: 0 });
    for (;;) {
      try {
        await lab.call("recvfrom", { fd, bufsize: 2048 });
        drained += 1;
      } catch {
        break;
      }
    }
  }
  // Read after the drain: Linux counts InDatagrams when a program reads a datagram (udp_recvmsg), not when it is queued,
  // so datagrams the kernel engine left queued count only once recvfrom took them.
  const snmp = delta(snmpUdp(), snmp0);
  const log = await lab.call("log_config", {});
  await lab.call("close", { fd });
  const mem = settledMemory();
  return {
    autoRecv,
    sent: sender.sent,
    sendErrors: sender.errors,
    sendErrorCodes: sender.codes,
    receivedByLab: received(),
    receivedViaBatcher: (batches.dataIn.get(fd) ?? 0) - batcherBase,
    labDrops: snap.drops,
    queuedThenRead: drained,
    kernelDrops: labKernel.rcvbufErrors - labKernel0.rcvbufErrors,
    accounted,
    lateArrivals,
    kernelCounters: { InDatagrams: snmp.InDatagrams, RcvbufErrors: snmp.RcvbufErrors, InErrors: snmp.InErrors, NoPorts: snmp.NoPorts, OutDatagrams: snmp.OutDatagrams, SndbufErrors: snmp.SndbufErrors, MemErrors: snmp.MemErrors },
    softnetDropsGlobal: softnetDrops() - softnet0,
    sendMs: Math.round(sendMs),
    untilAccountedMs: Math.round(drainMs),
    sentPerSecond: Math.round(sender.sent / (sender.ms / 1000)),
    log,
    memory: {
      rssBeforeMB: +(mem0.rss / MB).toFixed(1),
      rssPeakMB: +(peakRss / MB).toFixed(1),
      rssAfterGcMB: +(mem.rss / MB).toFixed(1),
      heapBeforeMB: +(mem0.heapUsed / MB).toFixed(1),
      heapPeakMB: +(peakHeap / MB).toFixed(1),
      heapAfterGcMB: +(mem.heapUsed / MB).toFixed(1),
    },
  };
}

async function main(): Promise<void> {
  await lab.call("log_config", LOG_LIMITS);
  const a = await phase(COUNT, true);
  const b = await phase(COUNT_B, false);
  batcher.drain();
  const result = {
    namespace: process.env.FLOOD_NAMESPACE ?? null,
    gc: typeof gc === "function",
    logLimits: LOG_LIMITS,
    a,
    b,
    batches: { flushes: batches.flushes, flushesDuringFlood: batches.flushesDuringFlood, events: batches.events, maxBatch: batches.maxBatch },
    hubEvents: lab.events.lastSeq,
    dataEvents,
    snapshotAfter: (await lab.call("snapshot", {})).sockets.length,
  };
  lab.closeAll();
  batcher.stop();
  console.log(`FLOOD_RESULT ${JSON.stringify(result)}`);
  process.exit(0);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

import { spawn } from "node:child_process";
import { Lab } from "../src/main/lab/lab";
import { median, type Figure } from "./figure";

const PAYLOAD = Buffer.alloc(64, 0x61);
const SECONDS = 2;

/**
 * Datagrams per second the Lab takes in and logs (auto-recv, a listener on
 * its events as the front doors have), from a raw Node sender in another
 * process (the other core) on loopback. app_loss: datagrams the kernel delivered to the
 * Lab's socket that the Lab then dropped (its own queue); the kernel's own
 * drops are reported apart (kernel_loss, from RcvbufErrors).
 */
async function ingest(): Promise<{ rate: number; appLoss: number; kernelLoss: number; sent: number }> {
  const lab = new Lab();
  let received = 0;
  lab.events.subscribe((e) => {
    if (e.type === "data" && e.dir === "in") received += 1;
  });
  const { fd } = await lab.call("socket", { family: "AF_INET", type: "SOCK_DGRAM" });
  await lab.call("setsockopt", { fd, level: "SOL_SOCKET", name: "SO_RCVBUF", value: 4 * 1024 * 1024 });
  await lab.call("bind", { fd, address: ["127.0.0.1", 0] });
  await lab.call("auto", { fd, recv: true });
  const port = (await lab.call("getsockname", { fd }))[1];
  const before = await lab.call("kernel_udp_stats", {});
  const start = performance.now();
  const sent = await blast(port);
  const deadline = performance.now() + 2000;
  let last = -1;
  while (received !== last && performance.now() < deadline) {
    last = received;
    await new Promise((r) => setTimeout(r, 50));
  }
  const seconds = (performance.now() - start) / 1000;
  const after = await lab.call("kernel_udp_stats", {});
  const snapshot = (await lab.call("snapshot", {})).sockets.find((s) => s.fd === fd)!;
  lab.closeAll();
  const kernelLoss = before && after ? after.rcvbufErrors - before.rcvbufErrors : 0;
  return { rate: received / seconds, appLoss: snapshot.drops, kernelLoss, sent };
}

/** Sends 64-byte datagrams to `port` for SECONDS from a child process; resolves with the count sent. */
function blast(port: number): Promise<number> {
  const script = `
    const s = require("node:dgram").createSocket("udp4");
    const msg = Buffer.alloc(${PAYLOAD.length}, 0x61);
    const end = Date.now() + ${SECONDS * 1000};
    let sent = 0;
    const burst = () => {
      if (Date.now() >= end) { s.close(() => { process.stdout.write(String(sent)); }); return; }
      let pending = 256;
      for (let i = 0; i < 256; i++) s.send(msg, ${port}, "127.0.0.1", () => { sent++; if (--pending === 0) setImmediate(burst); });
    };
    burst();`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["-e", script], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.on("error", reject);
    child.on("exit", () => resolve(Number(out)));
  });
}

export default async function udpBench(): Promise<Figure[]> {
  const runs = [await ingest(), await ingest(), await ingest()];
  const rate = median(runs.map((r) => r.rate));
  const run = runs.find((r) => r.rate === rate)!;
  return [
    {
      name: "udp.ingest",
      value: rate,
      unit: "datagrams/s",
      baseline: null,
      ratio: null,
      app_loss: run.appLoss,
      kernel_loss: run.kernelLoss,
      sent: run.sent,
      payload_bytes: PAYLOAD.length,
      goal: ">= 200000 with app_loss = 0",
    },
  ];
}

import net from "node:net";
import { Lab } from "../src/main/lab/lab";
import { DEFAULT_LOG_LIMITS } from "../src/main/lab/packet-log";
import { pairedRatio, type Figure } from "./figure";

const TOTAL = 128 * 1024 * 1024;
const PAIRS = 15;
const FRAME = 4096;
/** 64 KiB of back-to-back u32be frames of 4 KiB payload (the last one spills into the next write). */
const CHUNK = (() => {
  const out = Buffer.alloc(64 * 1024, 0x61);
  for (let at = 0; at + 4 <= out.length; at += 4 + FRAME) out.writeUInt32BE(FRAME, at);
  return out;
})();

/** Writes TOTAL bytes to port as fast as the receiver takes them; resolves when all are received. */
async function pump(port: number, received: () => number): Promise<number> {
  const client = net.connect(port, "127.0.0.1");
  await new Promise((resolve) => client.once("connect", resolve));
  const start = performance.now();
  let sent = 0;
  await new Promise<void>((resolve) => {
    const write = (): void => {
      while (sent < TOTAL) {
        sent += CHUNK.length;
        if (!client.write(CHUNK)) {
          client.once("drain", write);
          return;
        }
      }
      resolve();
    };
    write();
  });
  while (received() < TOTAL) await new Promise((r) => setImmediate(r));
  const seconds = (performance.now() - start) / 1000;
  client.destroy();
  return TOTAL / seconds;
}

/** A receiver set up once; each leg connects a fresh sender and times TOTAL bytes into it. */
interface Receiver {
  readonly leg: () => Promise<number>;
  readonly close: () => void;
}

async function rawReceiver(): Promise<Receiver> {
  let received = 0;
  const server = net.createServer((sock) => sock.on("data", (chunk: Buffer) => (received += chunk.length)));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as net.AddressInfo).port;
  return {
    leg: () => {
      received = 0;
      return pump(port, () => received);
    },
    close: () => server.close(),
  };
}

/** The Lab receiving in auto-recv mode, decoding u32be frames, an event for every chunk and frame, at the Lab's default payload history. */
async function labReceiver(): Promise<Receiver> {
  const lab = new Lab();
  let received = 0;
  // A subscriber like the front doors': it sees every event.
  lab.events.subscribe((e) => {
    if (e.type === "data" && e.dir === "in") received += e.len;
  });
  const { fd } = await lab.call("socket", { family: "AF_INET", type: "SOCK_STREAM" });
  await lab.call("bind", { fd, address: ["127.0.0.1", 0] });
  await lab.call("listen", { fd, backlog: 5 });
  await lab.call("auto", { fd, accept: true, recv: true });
  await lab.call("set_framing", { fd, framing: { kind: "length-prefix", encoding: "u32be" } });
  // The settings a user gets: the default payload history (reported, so a changed default shows in the figures).
  historyBytes = (await lab.call("log_config", {})).maxBytes;
  const port = (await lab.call("getsockname", { fd }))[1];
  return {
    leg: () => {
      received = 0;
      return pump(port, () => received);
    },
    close: () => lab.closeAll(),
  };
}

let historyBytes = 0;

export default async function tcpBench(): Promise<Figure[]> {
  const raw = await rawReceiver();
  const lab = await labReceiver();
  const { ratio, baseline, subject } = await pairedRatio(raw.leg, lab.leg, PAIRS);
  raw.close();
  lab.close();
  return [
    {
      name: "tcp.lab-vs-raw",
      value: ratio,
      unit: "ratio",
      baseline,
      ratio,
      lab_bytes_per_s: Math.round(subject),
      raw_bytes_per_s: Math.round(baseline),
      pairs: PAIRS,
      framing: "u32be, 4 KiB frames",
      payload_history_bytes: historyBytes,
      default_payload_history_bytes: DEFAULT_LOG_LIMITS.maxBytes,
      goal: ">= 0.7",
    },
  ];
}

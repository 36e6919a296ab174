import net from "node:net";
import { Lab } from "../src/main/lab/lab";
import { pairedRatio, type Figure } from "./figure";

const ROUND_TRIPS = 2000;
const PAIRS = 15;
const MESSAGE = Buffer.alloc(64, 0x61);

/** A raw Node echo server and client, connected once; each leg times ROUND_TRIPS request/response pairs. */
async function rawPair(): Promise<{ leg: () => Promise<number>; close: () => void }> {
  const server = net.createServer((sock) => sock.on("data", (chunk) => sock.write(chunk)));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const client = net.connect((server.address() as net.AddressInfo).port, "127.0.0.1");
  client.setNoDelay(true);
  await new Promise((r) => client.once("connect", r));
  const leg = async (): Promise<number> => {
    const start = performance.now();
    for (let i = 0; i < ROUND_TRIPS; i++) {
      const reply = new Promise<void>((resolve) => {
        let got = 0;
        const onData = (chunk: Buffer): void => {
          got += chunk.length;
          if (got >= MESSAGE.length) {
            client.off("data", onData);
            resolve();
          }
        };
        client.on("data", onData);
      });
      client.write(MESSAGE);
      await reply;
    }
    return ROUND_TRIPS / ((performance.now() - start) / 1000);
  };
  return {
    leg,
    close: () => {
      client.destroy();
      server.close();
    },
  };
}

/** The same through the Lab, set up once: a lab client sends and recv()s, a lab server recv()s and sends back. */
async function labPair(): Promise<{ leg: () => Promise<number>; close: () => void }> {
  const lab = new Lab();
  const { fd: server } = await lab.call("socket", { family: "AF_INET", type: "SOCK_STREAM" });
  await lab.call("bind", { fd: server, address: ["127.0.0.1", 0] });
  await lab.call("listen", { fd: server, backlog: 5 });
  const port = (await lab.call("getsockname", { fd: server }))[1];
  const { fd: client } = await lab.call("socket", { family: "AF_INET", type: "SOCK_STREAM" });
  await lab.call("setsockopt", { fd: client, level: "IPPROTO_TCP", name: "TCP_NODELAY", value: 1 });
  await lab.call("connect", { fd: client, address: ["127.0.0.1", port] });
  const { fd: conn } = await lab.call("accept", { fd: server });
  const data = { hex: MESSAGE.toString("hex") };
  const recvAll = async (fd: number): Promise<void> => {
    let got = 0;
    while (got < MESSAGE.length) got += (await lab.call("recv", { fd, bufsize: 4096 })).hex.length / 2;
  };
  const leg = async (): Promise<number> => {
    const start = performance.now();
    for (let i = 0; i < ROUND_TRIPS; i++) {
      await lab.call("send", { fd: client, data });
      await recvAll(conn);
      await lab.call("send", { fd: conn, data });
      await recvAll(client);
    }
    return ROUND_TRIPS / ((performance.now() - start) / 1000);
  };
  return { leg, close: () => lab.closeAll() };
}

export default async function smallMessages(): Promise<Figure[]> {
  const raw = await rawPair();
  const lab = await labPair();
  const { ratio, baseline, subject } = await pairedRatio(raw.leg, lab.leg, PAIRS);
  raw.close();
  lab.close();
  return [{ name: "tcp.small-messages", value: ratio, unit: "ratio", baseline, ratio, lab_round_trips_per_s: Math.round(subject), raw_round_trips_per_s: Math.round(baseline), pairs: PAIRS, goal: ">= 0.5" }];
}

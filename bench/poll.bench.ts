import { POLL_FLAGS } from "../src/shared/poll-flags";
import { Lab } from "../src/main/lab/lab";
import type { Figure } from "./figure";

const SOCKETS = 1000;
const READY = 10;

/** One poll(0) over 1,000 registered sockets of which 10 are readable, through the Lab's command path. */
export default async function pollBench(): Promise<Figure[]> {
  const lab = new Lab();
  const { fd: rx } = await lab.call("socket", { family: "AF_INET", type: "SOCK_DGRAM" });
  await lab.call("bind", { fd: rx, address: ["127.0.0.1", 0] });
  const fds: [number, number][] = [];
  const receivers: number[] = [];
  for (let i = 0; i < SOCKETS; i++) {
    const { fd } = await lab.call("socket", { family: "AF_INET", type: "SOCK_DGRAM" });
    await lab.call("bind", { fd, address: ["127.0.0.1", 0] });
    fds.push([fd, POLL_FLAGS.POLLIN]);
    receivers.push(fd);
  }
  await lab.call("close", { fd: rx });
  const { fd: tx } = await lab.call("socket", { family: "AF_INET", type: "SOCK_DGRAM" });
  for (const fd of receivers.slice(0, READY)) {
    const port = (await lab.call("getsockname", { fd }))[1];
    await lab.call("sendto", { fd: tx, data: "x", address: ["127.0.0.1", port] });
  }
  while ((await lab.call("poll", { fds, timeout: 0 })).length < READY) await new Promise((r) => setTimeout(r, 5));
  const runs = 2000;
  const start = performance.now();
  for (let i = 0; i < runs; i++) await lab.call("poll", { fds, timeout: 0 });
  const ms = (performance.now() - start) / runs;
  lab.closeAll();
  return [{ name: "poll.1000fds", value: ms, unit: "ms", baseline: null, ratio: null, sockets: SOCKETS, ready: READY, goal: "<= 1" }];
}

/**
 * A console driving many agents at once, for test/lan/fanin.test.ts:
 *
 *   ip netns exec NS node --import tsx test/lan/fanin-console.child.ts JSON
 *
 * JSON is {"urls": […], "configDir": …, "count": N}. It pairs with every
 * agent, makes each one's Lab flood itself (a `repeat` of N datagrams from
 * one Lab socket to another, every event of which the agent batches to this
 * console), asks each agent's clock while the floods run, and, once every
 * flood is done, accounts for each host's events: every seq from the first
 * it heard of to the agent's last either arrived or was reported missed.
 * With `rtt` it first times `clock` round trips, alternating between an
 * agent across the LAN and one on this host (bench/multi.bench.ts). Prints
 * one JSON line and exits 0 either way.
 */
import { monitorEventLoopDelay } from "node:perf_hooks";
import { openHost } from "../../src/main/console/open-host";
import type { RemoteLab } from "../../src/main/console/remote-lab";

type Input = {
  urls: string[];
  configDir: string;
  count: number;
  /** For the bench: round trips of `clock` to an agent across the LAN and to one on this host's loopback, before the floods. */
  rtt?: { lan: string; local: string; calls: number };
};

interface Tally {
  first: number | null;
  last: number;
  received: number;
  missed: number;
  /** Seqs skipped without a missed report covering them. */
  unaccounted: number;
  jobDone: boolean;
}

async function flood(remote: RemoteLab, address: string, count: number): Promise<void> {
  const { fd: receiver } = await remote.call("socket", { family: "AF_INET", type: "SOCK_DGRAM" });
  await remote.call("bind", { fd: receiver, address: [address, 0] });
  await remote.call("auto", { fd: receiver, recv: true });
  const port = (await remote.call("getsockname", { fd: receiver }))[1];
  const { fd: sender } = await remote.call("socket", { family: "AF_INET", type: "SOCK_DGRAM" });
  await remote.call("repeat", { fd: sender, data: { hex: "6869" }, address: [address, port], count, interval_ms: 0 });
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Median µs of `clock` round trips to each, in alternating blocks so both meet the same machine. */
async function roundTrips(lan: RemoteLab, local: RemoteLab, calls: number): Promise<{ lanUs: number; localUs: number }> {
  const time = async (remote: RemoteLab, n: number, into: number[]): Promise<void> => {
    for (let i = 0; i < n; i++) {
      const start = performance.now();
      await remote.call("clock", {});
      into.push((performance.now() - start) * 1000);
    }
  };
  await time(lan, 50, []);
  await time(local, 50, []);
  const lanUs: number[] = [];
  const localUs: number[] = [];
  for (let block = 0; block < 10; block++) {
    await time(block % 2 ? lan : local, calls / 10, block % 2 ? lanUs : localUs);
    await time(block % 2 ? local : lan, calls / 10, block % 2 ? localUs : lanUs);
  }
  return { lanUs: median(lanUs), localUs: median(localUs) };
}

async function run(input: Input): Promise<unknown> {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  let rtt: { lanUs: number; localUs: number } | null = null;
  if (input.rtt) {
    const [lan, local] = await Promise.all([input.rtt.lan, input.rtt.local].map((url, i) => openHost(i ? "local" : "lan", url, { configDir: input.configDir, consoleName: "bench" }).then((o) => o.lab)));
    try {
      rtt = await roundTrips(lan!, local!, input.rtt.calls);
    } finally {
      await Promise.all([lan!.close(), local!.close()]);
    }
  }
  const remotes = await Promise.all(input.urls.map((url, i) => openHost(`h${i + 1}`, url, { configDir: input.configDir, consoleName: "fanin" }).then((o) => o.lab)));
  const tallies = remotes.map((): Tally => ({ first: null, last: 0, received: 0, missed: 0, unaccounted: 0, jobDone: false }));
  remotes.forEach((remote, i) => {
    const tally = tallies[i]!;
    remote.onEvents(({ batch }) => {
      // A missed report names the seqs the agent could not deliver before this batch's events.
      if (batch.missed) {
        tally.missed += batch.missed.count;
        tally.first ??= batch.missed.firstSeq;
        tally.last = Math.max(tally.last, batch.missed.lastSeq);
      }
      for (const e of batch.events) {
        tally.first ??= e.seq;
        if (tally.last > 0 && e.seq !== tally.last + 1) tally.unaccounted += Math.max(0, e.seq - tally.last - 1);
        tally.last = Math.max(tally.last, e.seq);
        tally.received += 1;
        if (e.type === "job" && e.done) tally.jobDone = true;
      }
    });
  });
  delay.enable();
  try {
    const start = performance.now();
    await Promise.all(remotes.map((remote) => flood(remote, remote.url.host, input.count)));
    // While every agent floods this console: each still answers a call.
    const clocks = await Promise.all(remotes.map((remote) => remote.call("clock", {}).then((r) => r.now)));
    const deadline = Date.now() + 60_000;
    while (!tallies.every((t) => t.jobDone) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    // The agents' last seqs, then until every event up to them is in (or reported missed).
    const lastSeqs = await Promise.all(remotes.map(async (remote) => (await remote.call("snapshot", {})).seq));
    while (!tallies.every((t, i) => t.last >= lastSeqs[i]!) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const seconds = (performance.now() - start) / 1000;
    delay.disable();
    return {
      ok: true,
      seconds,
      rtt,
      clocks: clocks.length,
      hosts: tallies.map((t, i) => ({ ...t, agentLast: lastSeqs[i] })),
      loopDelayMs: { p50: delay.percentile(50) / 1e6, p99: delay.percentile(99) / 1e6, max: delay.max / 1e6 },
    };
  } finally {
    await Promise.all(remotes.map((remote) => remote.close()));
  }
}

const input = JSON.parse(process.argv[2] ?? "{}") as Input;
const outcome = await run(input).catch((err: unknown) => ({ ok: false, message: err instanceof Error ? err.message : String(err) }));
process.stdout.write(`${JSON.stringify(outcome)}\n`, () => process.exit(0));

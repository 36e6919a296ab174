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
 * Prints one JSON line and exits 0 either way.
 */
import { monitorEventLoopDelay } from "node:perf_hooks";
import { openHost } from "../../src/main/console/open-host";
import type { RemoteLab } from "../../src/main/console/remote-lab";

type Input = { urls: string[]; configDir: string; count: number };

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

async function run(input: Input): Promise<unknown> {
  const delay = monitorEventLoopDelay({ resolution: 10 });
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
    await Promise.all(remotes.map((remote) => flood(remote, remote.url.host, input.count)));
    // While every agent floods this console: each still answers a call.
    const clocks = await Promise.all(remotes.map((remote) => remote.call("clock", {}).then((r) => r.now)));
    const deadline = Date.now() + 60_000;
    while (!tallies.every((t) => t.jobDone) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    // The agents' last seqs, then until every event up to them is in (or reported missed).
    const lastSeqs = await Promise.all(remotes.map(async (remote) => (await remote.call("snapshot", {})).seq));
    while (!tallies.every((t, i) => t.last >= lastSeqs[i]!) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    delay.disable();
    return {
      ok: true,
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

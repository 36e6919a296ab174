import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { AgentProcess } from "../test/lan/agent-process";
import { JsonLinesProcess } from "../test/lan/json-lines";
import { createLan, lanUnavailable, spawnIn } from "../test/lan/netns";
import type { Figure } from "./figure";

const REPO = fileURLToPath(new URL("..", import.meta.url));
const CONSOLE = fileURLToPath(new URL("../test/lan/fanin-console.child.ts", import.meta.url));
const AGENTS = 8;
/** Datagrams each agent's Lab sends itself: a few seconds of events at the agents' pace. */
const COUNT = 4000;
const RTT_CALLS = 400;

type Outcome = {
  ok: boolean;
  message?: string;
  seconds?: number;
  rtt?: { lanUs: number; localUs: number };
  hosts?: { received: number; missed: number; unaccounted: number }[];
  loopDelayMs?: { p50: number; p99: number; max: number };
};

const tempDir = (label: string): Promise<string> => mkdtemp(join(tmpdir(), `socket-lab-bench-${label}-`));

/**
 * Many hosts (issue 18), in network namespaces as the LAN tests make them:
 * multi.fanin is the events per second one console takes in from 8 agents
 * whose Labs flood it at once, counted only when none was lost; multi.rtt is
 * a `clock` round trip to an agent across the LAN, as a ratio to the same
 * call to an agent on the console's own host (loopback): the same contract,
 * TLS and code, so the ratio is what the LAN hop costs. Needs root (the
 * namespaces); without it, says why and measures nothing.
 */
export default async function multiBench(): Promise<Figure[]> {
  const unavailable = lanUnavailable();
  if (unavailable) {
    console.error(`[bench] multi.*: not measured: ${unavailable}`);
    return [];
  }
  const lan = await createLan(AGENTS);
  const agents: AgentProcess[] = [];
  try {
    const started = await Promise.allSettled([...lan.more, { ...lan.hosts.a, name: "local", address: "127.0.0.1" }].map(async (host) => AgentProcess.start(host, await tempDir(host.name))));
    for (const r of started) if (r.status === "fulfilled") agents.push(r.value);
    const failed = started.find((r) => r.status === "rejected");
    if (failed) throw (failed as PromiseRejectedResult).reason;
    // The last one listens on a's loopback: the baseline of multi.rtt.
    const local = agents.at(-1)!;
    const input = {
      urls: agents.slice(0, AGENTS).map((a) => a.pairing.url),
      configDir: await tempDir("console"),
      count: COUNT,
      rtt: { lan: agents[0]!.pairing.url, local: local.pairing.url, calls: RTT_CALLS },
    };
    const child = new JsonLinesProcess<Outcome>("the bench console", spawnIn(lan.hosts.a.netns, process.execPath, ["--import", "tsx", CONSOLE, JSON.stringify(input)], { cwd: REPO }));
    let outcome: Outcome;
    try {
      outcome = await child.waitFor("its outcome", () => true, 180_000);
    } finally {
      await child.stop();
    }
    if (!outcome.ok) throw new Error(`multi bench: ${outcome.message}`);
    const hosts = outcome.hosts!;
    const events = hosts.reduce((n, h) => n + h.received, 0);
    const missed = hosts.reduce((n, h) => n + h.missed + h.unaccounted, 0);
    const { lanUs, localUs } = outcome.rtt!;
    return [
      { name: "multi.fanin", value: events / outcome.seconds!, unit: "events/s", baseline: null, ratio: null, agents: AGENTS, events, missed, console_loop_delay_p99_ms: outcome.loopDelayMs!.p99, goal: ">= 50000 with missed = 0" },
      { name: "multi.rtt", value: lanUs, unit: "µs", baseline: localUs, ratio: lanUs / localUs, calls: RTT_CALLS, goal: "ratio <= 2" },
    ];
  } finally {
    await Promise.allSettled(agents.map((agent) => agent.stop()));
    lan.destroy();
  }
}

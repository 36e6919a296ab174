import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect } from "vitest";
import { AgentProcess, START_MS } from "./agent-process";
import { JsonLinesProcess } from "./json-lines";
import { createLan, lanUnavailable, spawnIn, type Lan, lanTest } from "./netns";

/**
 * Fan-in (issue 18): one console, in host a, driving twelve agents at once,
 * each in a host of its own, each flooding the console with its Lab's events.
 * Every agent's events are accounted for (arrived, or reported missed by
 * the agent), and each agent still answers a call while all of them flood.
 */

const REPO = fileURLToPath(new URL("../..", import.meta.url));
const CONSOLE = fileURLToPath(new URL("./fanin-console.child.ts", import.meta.url));
const AGENTS = 12;
/** Datagrams per agent: each makes a send event and a receive event, and the repeat reports its progress. */
const COUNT = 2000;

type HostTally = { first: number | null; last: number; received: number; missed: number; unaccounted: number; jobDone: boolean; agentLast: number };
type Outcome = { ok: boolean; message?: string; clocks?: number; hosts?: HostTally[]; loopDelayMs?: { p50: number; p99: number; max: number } };

const unavailable = lanUnavailable();
if (unavailable) console.log(`[lan] the fan-in test is skipped: ${unavailable}`);

describe(`fan-in: a console and ${AGENTS} agents on one LAN`, () => {
  let lan: Lan | undefined;
  const agents: AgentProcess[] = [];

  beforeAll(async () => {
    if (unavailable) return;
    lan = await createLan(AGENTS);
    const started = await Promise.allSettled(lan.more.map(async (host) => AgentProcess.start(host, await mkdtemp(join(tmpdir(), `socket-lab-agent-${host.name}-`)))));
    for (const r of started) if (r.status === "fulfilled") agents.push(r.value);
    const failed = started.find((r) => r.status === "rejected");
    if (failed) throw (failed as PromiseRejectedResult).reason;
  }, 120_000);

  afterAll(async () => {
    await Promise.allSettled(agents.map((agent) => agent.stop()));
    lan?.destroy();
  }, 30_000);

  lanTest(
    `every event of ${AGENTS} flooding agents reaches the console or is counted as missed, and each agent answers a call meanwhile`,
    async () => {
      const configDir = await mkdtemp(join(tmpdir(), "socket-lab-fanin-console-"));
      const input = { urls: agents.map((agent) => agent.pairing.url), configDir, count: COUNT };
      const child = new JsonLinesProcess<Outcome>("the fan-in console in a", spawnIn(lan!.hosts.a.netns, process.execPath, ["--import", "tsx", CONSOLE, JSON.stringify(input)], { cwd: REPO }));
      let outcome: Outcome;
      try {
        outcome = await child.waitFor("its outcome", () => true, 90_000 + START_MS);
      } finally {
        await child.stop();
      }
      expect(outcome, outcome.message).toMatchObject({ ok: true, clocks: AGENTS });
      console.log(`[fan-in] ${AGENTS} agents: ${outcome.hosts!.reduce((n, h) => n + h.received, 0)} events received, ${outcome.hosts!.reduce((n, h) => n + h.missed, 0)} reported missed; console loop delay p50 ${outcome.loopDelayMs!.p50.toFixed(1)} ms, p99 ${outcome.loopDelayMs!.p99.toFixed(1)} ms`);
      for (const [i, host] of outcome.hosts!.entries()) {
        const name = `h${i + 1}`;
        expect(host.jobDone, `${name}'s flood ended`).toBe(true);
        expect(host.unaccounted, `${name}: seqs that neither arrived nor were reported missed`).toBe(0);
        expect(host.last, `${name} delivered up to its last event`).toBeGreaterThanOrEqual(host.agentLast);
        // Every seq from the first heard of to the last: arrived or reported.
        expect(host.received + host.missed, name).toBe(host.last - host.first! + 1);
        // The flood alone is COUNT sends; their events are most of what the agent sent.
        expect(host.received + host.missed, name).toBeGreaterThan(COUNT);
      }
    },
    150_000,
  );
});

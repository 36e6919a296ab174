import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect } from "vitest";
import type { TranscriptLine } from "../../src/shared/scenario";
import { parsePairingUrl, formatPairingUrl } from "../../src/shared/pairing-url";
import { AgentProcess, PORT, START_MS } from "./agent-process";
import { JsonLinesProcess } from "./json-lines";
import { createLan, lanUnavailable, spawnIn, SUBNET, type Lan, type LanHost, lanTest as lanTestWithin } from "./netns";

/**
 * `socket-lab agent` and the console across a real LAN (network namespaces,
 * netns.ts): agents in hosts b and c, the console in host a. Pairing and
 * every refusal go through the console's own client (console-probe.child.ts)
 * or a bare handshake from a; the multi-host scenarios run as a person runs
 * them, `socket-lab run FILE --host b=URL --host c=URL` inside a.
 */

const REPO = fileURLToPath(new URL("../..", import.meta.url));
const CLI = fileURLToPath(new URL("../../src/main/cli/index.ts", import.meta.url));
const PROBE = fileURLToPath(new URL("./console-probe.child.ts", import.meta.url));
const BROADCAST = fileURLToPath(new URL("./fixtures/multi-host-broadcast.json", import.meta.url));
const HOST_LOST = fileURLToPath(new URL("./fixtures/host-lost.json", import.meta.url));


/** Each agents test starts processes in namespaces: more time than a unit test gets. */
const lanTest = (name: string, body: () => Promise<void>) => lanTestWithin(name, body, 60_000);
const unavailable = lanUnavailable();
if (unavailable) console.log(`[lan] every agent test is skipped: ${unavailable}`);


async function tempDir(label: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `socket-lab-${label}-`));
}

type Mapped = { t: number; uncertaintyUs: number };
type ClockedDatagram = { sent: number; echoed: number; remote: number; mapped: Mapped };
type ProbeResult = {
  ok: boolean;
  status?: number;
  reason?: string;
  error?: string;
  message?: string;
  agent?: string;
  code?: string | null;
  estimate?: { offsetUs: number; uncertaintyUs: number; samples: number };
  datagrams?: ClockedDatagram[];
};

/** A line of the probe's "reconnect" action. */
type ReconnectLine = { ok?: boolean; phase?: string; at?: number; lostBecause?: string | null; emitted?: number; events?: number; missed?: number; restarts?: number; message?: string };

/** One console action from a host (see console-probe.child.ts). */
async function probe(host: LanHost, action: Record<string, unknown>): Promise<ProbeResult> {
  const child = new JsonLinesProcess<ProbeResult>(`probe in ${host.name}`, spawnIn(host.netns, process.execPath, ["--import", "tsx", PROBE, JSON.stringify(action)], { cwd: REPO }));
  try {
    return await child.waitFor("its outcome", () => true, START_MS);
  } finally {
    await child.stop();
  }
}

/** `socket-lab run FILE ARGS…` in a host, its transcript as lines; `exited` resolves with the status and stderr. */
function runIn(host: LanHost, file: string, args: readonly string[], configDir: string): { run: JsonLinesProcess<TranscriptLine>; exited: Promise<{ code: number | null; stderr: string }> } {
  const child = spawnIn(host.netns, process.execPath, ["--import", "tsx", CLI, "run", file, ...args], { cwd: REPO, env: { ...process.env, SOCKET_LAB_CONFIG_DIR: configDir } });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-8000)));
  const exited = new Promise<{ code: number | null; stderr: string }>((resolve) => child.once("exit", (code) => resolve({ code, stderr })));
  return { run: new JsonLinesProcess<TranscriptLine>(`socket-lab run in ${host.name}`, child), exited };
}

describe("agents and a console on a real LAN (network namespaces)", () => {
  let lan: Lan | undefined;
  let b: AgentProcess;
  let c: AgentProcess;
  let consoleDir: string;
  const children: { stop(): Promise<void> }[] = [];

  beforeAll(async () => {
    if (unavailable) return;
    lan = await createLan();
    consoleDir = await tempDir("console");
    const [rb, rc] = await Promise.allSettled([AgentProcess.start(lan.hosts.b, await tempDir("agent-b")), AgentProcess.start(lan.hosts.c, await tempDir("agent-c"))]);
    for (const r of [rb, rc]) if (r.status === "fulfilled") children.push(r.value);
    if (rb.status === "rejected") throw rb.reason;
    if (rc.status === "rejected") throw rc.reason;
    b = rb.value;
    c = rc.value;
  }, 60_000);

  afterAll(async () => {
    await Promise.allSettled(children.map((child) => child.stop()));
    lan?.destroy();
  }, 15_000);

  lanTest("a console in a pairs with b once, by its URL, and the agent and the console show the same code", async () => {
    const a = lan!.hosts.a;
    const { url, code } = b.pairing;
    expect(parsePairingUrl(url)).toMatchObject({ host: lan!.hosts.b.address, port: PORT });
    const paired = await probe(a, { action: "open", url, configDir: consoleDir });
    expect(paired).toMatchObject({ ok: true, agent: "b", code });
    await b.waitFor("its paired note", (n) => n.kind === "paired" && n.code === code && n.from.startsWith(`${a.address}:`), 5000);
    // The same URL again from this console: its stored credential, not the spent secret.
    expect(await probe(a, { action: "open", url, configDir: consoleDir })).toMatchObject({ ok: true, code: null });
  });

  lanTest("refuses a reused secret, a wrong secret, a browser Origin, plain ws and a certificate whose fingerprint differs", async () => {
    const a = lan!.hosts.a;
    const spent = b.lines.find((n) => n.kind === "pairing")!.url;
    const other = await tempDir("console-other");
    expect(await probe(a, { action: "open", url: spent, configDir: other })).toMatchObject({ ok: false, status: 401, reason: expect.stringContaining("used already") });

    const current = parsePairingUrl(b.pairing.url);
    const wrong = formatPairingUrl({ ...current, secret: `${current.secret!.slice(0, -2)}xx` });
    expect(await probe(a, { action: "open", url: wrong, configDir: other })).toMatchObject({ ok: false, status: 401 });

    const target = `wss://${current.host}:${current.port}/?pair=${current.secret}`;
    expect(await probe(a, { action: "raw", url: target, headers: { origin: `https://${current.host}:${current.port}` } })).toMatchObject({ ok: false, status: 403, reason: expect.stringContaining("browser") });
    expect(await probe(a, { action: "raw", url: target.replace("wss:", "ws:") })).toMatchObject({ ok: false, error: expect.any(String) });
    await b.waitFor("its note of the plain connection", (n) => n.kind === "refused" && n.reason.startsWith("no TLS handshake"), 5000);

    // The URL of b, but pinning another certificate: the console hangs up after the handshake and sends nothing.
    const notesBefore = b.lines.length;
    const flipped = formatPairingUrl({ ...current, fingerprint: current.fingerprint.replace(/^./, (d) => (d === "0" ? "1" : "0")) });
    const pinned = await probe(a, { action: "open", url: flipped, configDir: other });
    expect(pinned).toMatchObject({ ok: false, error: "PinMismatchError", message: expect.stringContaining("nothing was sent") });
    for (const note of b.lines.slice(notesBefore)) expect(note).toMatchObject({ kind: "refused", reason: expect.stringMatching(/^no TLS handshake/) });

    // None of it spent b's current secret: it still pairs.
    expect(await probe(a, { action: "open", url: b.pairing.url, configDir: other })).toMatchObject({ ok: true, agent: "b" });
  });

  lanTest("socket-lab run --host: a broadcast from a, received by agents b and c, each answering by unicast, on one transcript", async () => {
    const a = lan!.hosts.a;
    const { run, exited } = runIn(a, BROADCAST, ["--host", `b=${b.pairing.url}`, "--host", `c=${c.pairing.url}`], consoleDir);
    const { code, stderr } = await exited;
    await run.stop();
    expect(code, stderr).toBe(0);
    expect(run.lines).toHaveLength(19);
    expect(run.lines.every((l) => !l.expect_failed && l.ok)).toBe(true);
    expect(run.lines.map((l) => l.host)).toEqual(["b", "b", "b", "c", "c", "c", "local", "local", "local", "local", "b", "b", "b", "local", "local", "c", "c", "c", "local"]);
    expect(run.lines[14]).toMatchObject({ step: 15, host: "local", op: "recvfrom", value: [{ hex: Buffer.from("ACK from b").toString("hex") }, [lan!.hosts.b.address, 12345]] });
    expect(stderr).toMatch(/host "c": paired with agent c, code [0-9A-Z]{4}-[0-9A-Z]{4}/);
    for (const host of ["b", "c"]) expect(stderr).toMatch(new RegExp(`host "${host}": event clock [+−]\\d+\\.\\d{3} ms from this Lab's, ± \\d+\\.\\d{3} ms \\(8 exchanges\\)`));
  });

  lanTest("the console drives b and c (hosts_call's path): receivers it opens there hear its broadcast on eth0 and answer, and the roll call says so", async () => {
    type Row = { host: string; heard: boolean; fd?: number; dst?: string | null; ifname?: string | null; answer?: { text: string } | null; why?: { code: string; port?: number } };
    const result = (await probe(lan!.hosts.a, { action: "drive", urls: { b: b.pairing.url, c: c.pairing.url }, configDir: consoleDir, broadcast: `${SUBNET}.255`, port: 47200 })) as ProbeResult & {
      sent?: { kind: string; dst: string };
      table?: Row[];
    };
    expect(result, result.message).toMatchObject({ ok: true, sent: { kind: "broadcast", dst: `${SUBNET}.255:47200` } });
    expect(result.table!.map((r) => r.host)).toEqual(["local", "b", "c"]);
    expect(result.table![0]).toMatchObject({ heard: false, why: { code: "no-socket", port: 47200 } });
    for (const row of result.table!.slice(1)) {
      expect(row, JSON.stringify(row)).toMatchObject({ heard: true, dst: `${SUBNET}.255:47200`, ifname: "eth0", answer: { text: `ACK from ${row.host}` } });
    }
  });

  lanTest("one clock: b's events land on a's timeline between the send and the echo that caused them, within the estimate's uncertainty", async () => {
    const result = await probe(lan!.hosts.a, { action: "clock", url: b.pairing.url, configDir: consoleDir });
    expect(result, result.message).toMatchObject({ ok: true, estimate: { samples: 8 } });
    // Two Labs started at different moments: their event clocks are far apart, and the exchange measures how far.
    expect(Math.abs(result.estimate!.offsetUs)).toBeGreaterThan(0);
    // Over a veth pair the best of 8 round trips is well under 20 ms, even on a loaded machine.
    expect(result.estimate!.uncertaintyUs).toBeLessThan(20_000);
    expect(result.datagrams).toHaveLength(5);
    for (const d of result.datagrams!) {
      // b heard the datagram after a sent it and before a heard b's echo: where the estimate puts it must allow that.
      expect(d.mapped.t, JSON.stringify(d)).toBeGreaterThanOrEqual(d.sent - d.mapped.uncertaintyUs);
      expect(d.mapped.t, JSON.stringify(d)).toBeLessThanOrEqual(d.echoed + d.mapped.uncertaintyUs);
    }
  });

  lanTest("an agent killed mid-run is reported as lost, with a clear error, within seconds", async () => {
    const a = lan!.hosts.a;
    const { run, exited } = runIn(a, HOST_LOST, ["--host", `c=${c.pairing.url}`], consoleDir);
    // Step 7 waits up to 30 s for a datagram that never comes; c goes meanwhile.
    await run.waitFor("step 6", (l) => l.step === 6, START_MS);
    const killed = Date.now();
    c.kill();
    const { code, stderr } = await exited;
    const took = Date.now() - killed;
    await run.stop();
    expect(code).toBe(1);
    expect(took).toBeLessThan(5000);
    expect(run.lines.at(-1)).toEqual({ step: 7, host: "local", op: "recvfrom", ok: false, error: { type: "HostLostError", errno: null } });
    expect(stderr).toMatch(/host "c" \(agent c at 10\.213\.7\.3:5748\) was lost: .*during step 7, on local\); 1 step did not run/);
  });

  lanTest("an agent whose link goes down mid-run is lost by silence within the heartbeat's 3 s", async () => {
    const a = lan!.hosts.a;
    // The scenario's host "c" is agent b this time (c was killed above): b's link to the bridge goes down, b itself lives on.
    const { run, exited } = runIn(a, HOST_LOST, ["--host", `c=${b.pairing.url}`], consoleDir);
    await run.waitFor("step 6", (l) => l.step === 6, START_MS);
    const cut = Date.now();
    execFileSync("ip", ["-n", lan!.namespaces[0]!, "link", "set", "p-b", "down"]);
    const { code, stderr } = await exited;
    const took = Date.now() - cut;
    await run.stop();
    expect(code).toBe(1);
    // Noticed 2 to 3 s after the cut (HEARTBEAT), then the run ends; a loaded machine gets a second more.
    expect(took).toBeGreaterThan(1500);
    expect(took).toBeLessThan(4500);
    expect(stderr).toMatch(/host "c" \(agent b at 10\.213\.7\.2:5748\) was lost: no answer for (2\.\d|3\.0) s \(link down, or the agent stopped\)/);
  });

  lanTest("the console's hosts show b lost when its link goes down, reconnect when it is back, and count every event b emitted meanwhile", async () => {
    const bridge = lan!.namespaces[0]!;
    // The test above left b's link down.
    execFileSync("ip", ["-n", bridge, "link", "set", "p-b", "up"]);
    const action = { action: "reconnect", url: b.pairing.url, configDir: consoleDir };
    const hosts = new JsonLinesProcess<ReconnectLine>("the hosts in a", spawnIn(lan!.hosts.a.netns, process.execPath, ["--import", "tsx", PROBE, JSON.stringify(action)], { cwd: REPO }));
    children.push(hosts);
    await hosts.waitFor("the flood", (l) => l.phase === "flooding" || l.ok === false, START_MS);
    const cut = Date.now();
    execFileSync("ip", ["-n", bridge, "link", "set", "p-b", "down"]);
    const lost = await hosts.waitFor("b lost", (l) => l.phase === "lost" || l.ok === false, 6000);
    expect(lost).toMatchObject({ phase: "lost" });
    expect(lost.at! - cut).toBeLessThan(4500);
    expect(lost.lostBecause).toMatch(/no answer for/);
    // Down a second longer: b's Lab goes on sending to itself, and none of it reaches the console.
    await new Promise((r) => setTimeout(r, 1000));
    execFileSync("ip", ["-n", bridge, "link", "set", "p-b", "up"]);
    await hosts.waitFor("b connected again", (l) => l.phase === "connected" || l.ok === false, 15_000);
    const done = await hosts.waitFor("the accounting", (l) => l.phase === "done" || l.ok === false, 30_000);
    const back = hosts.lines.find((l) => l.phase === "connected")!;
    console.log(`[lan] hosts across a link cut: lost ${lost.at! - cut} ms after it, connected again ${back.at! - cut} ms after it; ${done.emitted} events emitted, ${done.events} received, ${done.missed} counted missed`);
    expect(done).toMatchObject({ ok: true, restarts: 0 });
    expect(done.missed).toBeGreaterThan(0);
    // The idle closes after the link came back were heard.
    expect(done.events).toBeGreaterThan(0);
    expect(done.events! + done.missed!).toBe(done.emitted);
  });
});

/**
 * One console action inside a host of the LAN, for test/lan/agents.test.ts:
 *
 *   ip netns exec NS node --import tsx test/lan/console-probe.child.ts JSON
 *
 * JSON is {"action": "open", "url": …, "configDir": …}: pair or reconnect
 * through the console's own client (console/open-host.ts) and call
 * `snapshot`; or {"action": "raw", "url": …, "headers": {…}}: a bare
 * WebSocket handshake (no pinning, any headers), as a hostile client makes;
 * or {"action": "clock", …}: set the agent's clock against a Lab of this
 * host's own, then send datagrams that the agent's Lab echoes, and report
 * each one's times: sent and echoed on this clock, received on the agent's
 * (and where the estimate puts that on this clock).
 * Or {"action": "reconnect", …}: the console's hosts (console-hosts.ts)
 * follow the agent while another connection makes its Lab send itself
 * datagrams for a few seconds; prints {"phase": "flooding"}, then each change
 * of the host's state, then the final accounting once the flood is over.
 * Or {"action": "drive", "urls": {"b": …, "c": …}, …}: the console's hosts
 * pair with both, open an answering UDP receiver on each through
 * `hosts_call`'s path (ConsoleHosts.call), broadcast from the console's own
 * Lab to the LAN's broadcast address, and report the roll call the Hosts
 * view draws (model/hosts/roll-call.ts) from the timeline.
 * Prints one JSON line with the outcome (several for "reconnect") and exits 0 either way.
 */
import WebSocket from "ws";
import type { LabEvent } from "../../src/shared/events";
import { toLocal } from "../../src/main/console/clock";
import { ConsoleHosts } from "../../src/main/console/console-hosts";
import { openHost } from "../../src/main/console/open-host";
import { parsePairingUrl } from "../../src/shared/pairing-url";
import { Lab } from "../../src/main/lab/lab";
import { AgentRefusedError } from "../../src/main/console/remote-lab";
import type { HostLogRow } from "../../src/shared/hosts";
import { rollCall, type RollCallHost } from "../../src/renderer/model/hosts/roll-call";

type Probe =
  | { action: "open"; url: string; configDir: string }
  | { action: "clock"; url: string; configDir: string }
  | { action: "reconnect"; url: string; configDir: string }
  | { action: "drive"; urls: Record<string, string>; configDir: string; broadcast: string; port: number }
  | { action: "raw"; url: string; headers?: Record<string, string> };

const say = (line: unknown): void => void process.stdout.write(`${JSON.stringify(line)}\n`);

/** 120 datagrams 50 ms apart: six seconds, through a link cut of a few (the agent ends it when the cut driver's connection turns out dead). */
const FLOOD = { count: 120, interval_ms: 50 };
/** Connections the agent's Lab closes by itself (idle_close) a second apart: its events go on with no connection to cause them. */
const IDLE_CLOSES = 10;

async function reconnect(probe: Extract<Probe, { action: "reconnect" }>): Promise<unknown> {
  const local = new Lab();
  const hosts = new ConsoleHosts(local, { configDir: probe.configDir, consoleName: "probe" });
  try {
    const host = parsePairingUrl(probe.url).host;
    const driver = (await openHost("b", probe.url, { configDir: probe.configDir, consoleName: "probe" })).lab;
    const { fd } = await driver.call("socket", { family: "AF_INET", type: "SOCK_DGRAM" });
    await driver.call("bind", { fd, address: [host, 0] });
    await driver.call("auto", { fd, recv: true });
    const port = (await driver.call("getsockname", { fd }))[1];
    const { fd: listener } = await driver.call("socket", { family: "AF_INET", type: "SOCK_STREAM" });
    await driver.call("bind", { fd: listener, address: [host, 0] });
    await driver.call("listen", { fd: listener, backlog: IDLE_CLOSES });
    await driver.call("auto", { fd: listener, accept: true });
    const served = await driver.call("getsockname", { fd: listener });
    for (let k = 1; k <= IDLE_CLOSES; k++) {
      const idle = await driver.call("socket", { family: "AF_INET", type: "SOCK_STREAM" });
      await driver.call("connect", { fd: idle.fd, address: served });
      await driver.call("idle_close", { fd: idle.fd, seconds: k });
    }
    // Nothing else drives the agent: the hosts' own snapshot on adding reads this seq too.
    const from = (await driver.call("snapshot", {})).seq;
    await hosts.add("b", probe.url);
    await driver.call("repeat", { fd, data: "tick", address: [host, port], ...FLOOD });
    const floodEnds = Date.now() + Math.max(FLOOD.count * FLOOD.interval_ms, IDLE_CLOSES * 1000);
    say({ phase: "flooding" });
    let state = "connected";
    let after = 0;
    for (;;) {
      const poll = await hosts.poll(after, 100);
      after = poll.next;
      const b = poll.hosts[0]!;
      if (b.state !== state) {
        state = b.state;
        say({ phase: b.state, at: Date.now(), lostBecause: b.lostBecause });
      }
      if (state === "connected" && Date.now() > floodEnds + 1000) break;
      if (Date.now() > floodEnds + 30_000) return { ok: false, message: `still ${state} 30 s after the flood` };
    }
    // The driver's connection died with the link: a new one reads where the agent's Lab got to.
    const again = (await openHost("b", probe.url, { configDir: probe.configDir, consoleName: "probe" })).lab;
    const to = (await again.call("snapshot", {})).seq;
    await again.close();
    // Every event the agent emitted since the hosts began following it was received or counted as missed.
    let b = hosts.list()[0]!;
    for (const deadline = Date.now() + 5000; b.events + b.missed < to - from && Date.now() < deadline; b = hosts.list()[0]!) await new Promise((r) => setTimeout(r, 100));
    return { ok: true, phase: "done", emitted: to - from, events: b.events, missed: b.missed, restarts: b.restarts };
  } catch (err) {
    return { ok: false, message: err instanceof Error ? err.message : String(err) };
  } finally {
    await hosts.close();
    local.closeAll();
  }
}

async function drive(probe: Extract<Probe, { action: "drive" }>): Promise<unknown> {
  const local = new Lab();
  const hosts = new ConsoleHosts(local, { configDir: probe.configDir, consoleName: "teacher" });
  const call = async <T>(host: string, name: string, input: unknown): Promise<T> => (await hosts.call(host, name, input)) as T;
  try {
    const names = Object.keys(probe.urls);
    for (const name of names) await hosts.add(name, probe.urls[name]!);
    for (const name of names) {
      const { fd } = await call<{ fd: number }>(name, "socket", { type: "SOCK_DGRAM" });
      await call(name, "setsockopt", { fd, level: "SOL_SOCKET", name: "SO_REUSEADDR", value: 1 });
      await call(name, "bind", { fd, address: ["", probe.port] });
      await call(name, "auto", { fd, recv: true, reply: `ACK from ${name}` });
    }
    const { fd } = await call<{ fd: number }>("local", "socket", { type: "SOCK_DGRAM" });
    await call("local", "setsockopt", { fd, level: "SOL_SOCKET", name: "SO_BROADCAST", value: 1 });
    await call("local", "sendto", { fd, data: "Who is there?", address: [probe.broadcast, probe.port] });
    await call("local", "auto", { fd, recv: true });
    // Until the timeline has every receipt, every answer and its arrival back at the sender (or 5 s): each host's rows come in its own batches.
    const rows: HostLogRow[] = [];
    let after = 0;
    const has = (host: string, dir: "in" | "out") => rows.some((r) => r.host === host && r.dir === dir && r.len !== null);
    const answered = () => names.every((n) => has(n, "in") && has(n, "out")) && rows.filter((r) => r.host === "local" && r.fd === fd && r.dir === "in").length >= names.length;
    for (const deadline = Date.now() + 5000; !answered() && Date.now() < deadline; ) {
      const poll = await hosts.poll(after, 200);
      rows.push(...poll.rows);
      after = poll.next;
    }
    const sent = rows.find((r) => r.host === "local" && r.fd === fd && r.dir === "out");
    if (!sent) return { ok: false, message: "the console's timeline has no send" };
    const mine: RollCallHost = {
      name: "local",
      state: "local",
      lostBecause: null,
      sockets: (await local.call("snapshot", {})).sockets,
      interfaces: await local.call("interfaces", {}),
      udp: null,
    };
    const table = rollCall(sent, rows, [mine, ...hosts.list()]);
    return { ok: true, sent: { kind: sent.kind, dst: sent.dst }, table };
  } catch (err) {
    return { ok: false, message: err instanceof Error ? err.message : String(err) };
  } finally {
    await hosts.close();
    local.closeAll();
  }
}

/** Resolves with the first event `match` takes, or rejects after 5 s. */
function next<T>(subscribe: (listener: (e: LabEvent) => void) => () => void, match: (e: LabEvent) => T | undefined): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error("no such event within 5 s"));
    }, 5000);
    const stop = subscribe((e) => {
      const found = match(e);
      if (found === undefined) return;
      clearTimeout(timer);
      stop();
      resolve(found);
    });
  });
}

async function clock(probe: Extract<Probe, { action: "clock" }>): Promise<unknown> {
  const { lab: remote } = await openHost("b", probe.url, { configDir: probe.configDir, consoleName: "probe" });
  const lab = new Lab();
  try {
    const estimate = await remote.trackClock(() => lab.events.now());
    const host = parsePairingUrl(probe.url).host;
    const { fd: echo } = await remote.call("socket", { family: "AF_INET", type: "SOCK_DGRAM" });
    await remote.call("bind", { fd: echo, address: [host, 0] });
    await remote.call("auto", { fd: echo, recv: true, echo: true });
    const port = (await remote.call("getsockname", { fd: echo }))[1];
    const { fd } = await lab.call("socket", { family: "AF_INET", type: "SOCK_DGRAM" });
    await lab.call("auto", { fd, recv: true });
    const remoteEvents = (listener: (e: LabEvent) => void) => remote.onEvents(({ batch }) => batch.events.forEach(listener));
    const localEvents = (listener: (e: LabEvent) => void) => lab.events.subscribe(listener);
    const datagrams = [];
    for (let i = 0; i < 5; i++) {
      const heard = next(remoteEvents, (e) => (e.type === "data" && e.fd === echo && e.dir === "in" ? e.t : undefined));
      const echoed = next(localEvents, (e) => (e.type === "data" && e.fd === fd && e.dir === "in" ? e.t : undefined));
      const sent = lab.events.now();
      await lab.call("sendto", { fd, data: { hex: Buffer.from(`ping ${i}`).toString("hex") }, address: [host, port] });
      const [remoteT, echoedAt] = await Promise.all([heard, echoed]);
      datagrams.push({ sent, echoed: echoedAt, remote: remoteT, mapped: toLocal(estimate, remoteT) });
    }
    await remote.call("close", { fd: echo });
    await remote.close();
    return { ok: true, estimate, datagrams };
  } catch (err) {
    return { ok: false, message: err instanceof Error ? err.message : String(err) };
  } finally {
    lab.closeAll();
  }
}

async function open(probe: Extract<Probe, { action: "open" }>): Promise<unknown> {
  try {
    const { lab, pairedWithCode } = await openHost("b", probe.url, { configDir: probe.configDir, consoleName: "probe" });
    const snapshot = await lab.call("snapshot", {});
    await lab.close();
    return { ok: true, agent: lab.agentName, code: pairedWithCode, engine: snapshot.engine.name };
  } catch (err) {
    const refused = err instanceof AgentRefusedError ? { status: err.status, reason: err.reason } : {};
    return { ok: false, error: err instanceof Error ? err.constructor.name : "Error", message: err instanceof Error ? err.message : String(err), ...refused };
  }
}

function raw(probe: Extract<Probe, { action: "raw" }>): Promise<unknown> {
  return new Promise((resolve) => {
    const ws = new WebSocket(probe.url, { rejectUnauthorized: false, headers: probe.headers ?? {}, handshakeTimeout: 5000 });
    ws.on("unexpected-response", (_req, res) => {
      resolve({ ok: false, status: res.statusCode, reason: String(res.headers["x-socket-lab-refusal"] ?? "") });
      ws.terminate();
    });
    ws.on("open", () => {
      resolve({ ok: true });
      ws.terminate();
    });
    ws.on("error", (err) => resolve({ ok: false, error: err.message }));
  });
}

const probe = JSON.parse(process.argv[2] ?? "{}") as Probe;
const ACTIONS = { open, clock, reconnect, raw, drive } as const;
const outcome = await (ACTIONS[probe.action] as (p: Probe) => Promise<unknown>)(probe);
process.stdout.write(`${JSON.stringify(outcome)}\n`, () => process.exit(0));

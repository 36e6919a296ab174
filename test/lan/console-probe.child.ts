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
 * Prints one JSON line with the outcome and exits 0 either way.
 */
import WebSocket from "ws";
import type { LabEvent } from "../../src/shared/events";
import { toLocal } from "../../src/main/console/clock";
import { openHost } from "../../src/main/console/open-host";
import { parsePairingUrl } from "../../src/main/agent/pairing-url";
import { Lab } from "../../src/main/lab/lab";
import { AgentRefusedError } from "../../src/main/console/remote-lab";

type Probe = { action: "open"; url: string; configDir: string } | { action: "clock"; url: string; configDir: string } | { action: "raw"; url: string; headers?: Record<string, string> };

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
const outcome = await (probe.action === "open" ? open(probe) : probe.action === "clock" ? clock(probe) : raw(probe));
process.stdout.write(`${JSON.stringify(outcome)}\n`, () => process.exit(0));

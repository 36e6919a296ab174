/**
 * One console action inside a host of the LAN, for test/lan/agents.test.ts:
 *
 *   ip netns exec NS node --import tsx test/lan/console-probe.child.ts JSON
 *
 * JSON is {"action": "open", "url": …, "configDir": …}: pair or reconnect
 * through the console's own client (console/open-host.ts) and call
 * `snapshot`; or {"action": "raw", "url": …, "headers": {…}}: a bare
 * WebSocket handshake (no pinning, any headers), as a hostile client makes.
 * Prints one JSON line with the outcome and exits 0 either way.
 */
import WebSocket from "ws";
import { openHost } from "../../src/main/console/open-host";
import { AgentRefusedError } from "../../src/main/console/remote-lab";

type Probe = { action: "open"; url: string; configDir: string } | { action: "raw"; url: string; headers?: Record<string, string> };

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
const outcome = await (probe.action === "open" ? open(probe) : raw(probe));
process.stdout.write(`${JSON.stringify(outcome)}\n`, () => process.exit(0));

/**
 * A Lab in a process of its own, to run inside a network namespace:
 *
 *   ip netns exec NS node --import tsx test/lan/lab-agent.ts
 *
 * stdin:  one JSON object per line, {"id": 1, "name": "sendto", "input": {...}}
 * stdout: {"ready": true, "pid": N} once, then {"id": 1, "reply": Reply} per
 *         command (in completion order: a blocking recvfrom does not hold up
 *         the others, as in the app) and {"event": LabEvent} for each Lab event.
 *
 * Contract commands go through `dispatch`, the same validation path as the
 * Electron IPC and the WebSocket host. One extra command, `agent.scenario`
 * {file}, reads a scenario file and runs it with the Lab's ScenarioRunner on
 * this Lab, answering {lines, ok}.
 *
 * The agent ends, closing every socket, when stdin closes or on SIGTERM.
 */
import { readFile } from "node:fs/promises";
import { createInterface } from "node:readline";
import type { Reply } from "../../src/shared/contract";
import { invalidArgument } from "../../src/shared/errors";
import { parseScenario } from "../../src/shared/scenario";
import { dispatch } from "../../src/main/bridge/dispatch";
import { LabService } from "../../src/main/bridge/lab-service";
import { Lab } from "../../src/main/lab/lab";
import { toLabErrorInfo } from "../../src/main/lab/node-errors";
import { ScenarioRunner } from "../../src/main/scenario/runner";

const lab = new Lab();
const service = new LabService(lab);

function send(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

async function runScenarioFile(input: unknown): Promise<Reply> {
  const file = typeof input === "object" && input !== null && "file" in input ? input.file : undefined;
  if (typeof file !== "string") return { ok: false, error: invalidArgument("agent.scenario: expected {file: string}") };
  const parsed = parseScenario(await readFile(file, "utf8"), file);
  if (!parsed.ok) return { ok: false, error: parsed.error };
  const result = await new ScenarioRunner(lab).run(parsed.scenario);
  return { ok: true, result };
}

async function handle(line: string): Promise<void> {
  let request: { id?: unknown; name?: unknown; input?: unknown };
  try {
    request = JSON.parse(line) as typeof request;
  } catch {
    send({ id: null, reply: { ok: false, error: invalidArgument(`not a JSON line: ${line.slice(0, 80)}`) } });
    return;
  }
  const { id, name, input } = request;
  let reply: Reply;
  try {
    reply = name === "agent.scenario" ? await runScenarioFile(input) : await dispatch(service, name, input);
  } catch (err) {
    reply = { ok: false, error: toLabErrorInfo(err) };
  }
  send({ id, reply });
}

let ending = false;
function end(): void {
  if (ending) return;
  ending = true;
  lab.closeAll();
  // Let the last replies drain before leaving.
  process.stdout.write("", () => process.exit(0));
}

lab.events.subscribe((event) => send({ event }));
createInterface({ input: process.stdin }).on("line", (line) => void handle(line)).on("close", end);
process.on("SIGTERM", end);
process.on("SIGINT", end);
send({ ready: true, pid: process.pid });

import { hostname } from "node:os";
import { join } from "node:path";
import { printable } from "../../shared/printable";
import { configDir } from "../agent/config-dir";
import { advertised } from "../agent/advertise";
import { ConsoleStore } from "../agent/consoles";
import { loadIdentity } from "../agent/identity";
import { DEFAULT_AGENT_PORT, type AgentNote } from "../../shared/sharing";
import { startAgent } from "../agent/server";
import { LabService } from "../bridge/lab-service";
import type { EngineChoice } from "../lab/engine/choose";
import { Lab } from "../lab/lab";
import { portFlag, UsageError } from "./args";

export interface AgentFlags {
  readonly listen?: string;
  readonly port?: string;
  readonly name?: string;
  readonly format?: string;
  readonly list?: boolean;
  readonly revoke?: string;
}

/** Where the agent keeps its certificate, key and paired consoles. */
function agentDir(): string {
  return join(configDir(), "agent");
}

function consoleStore(): ConsoleStore {
  return new ConsoleStore(join(agentDir(), "consoles.json"));
}

/** A field of a tab-separated line, from the consoles file (which a person may have edited): no tabs, no control characters. */
function field(text: string): string {
  return printable(text, 64);
}

/** `socket-lab agent --list`: one line per paired console (id, name, when), tab-separated. */
export function listConsoles(say: (line: string) => void): void {
  const consoles = consoleStore().list();
  if (consoles.length === 0) say("no console is paired with this agent");
  for (const c of consoles) say([c.id, c.name, c.pairedAt].map(field).join("\t"));
}

/** `socket-lab agent --revoke ID|all`: a running agent drops the console's connection within a second. */
export function revokeConsole(which: string, say: (line: string) => void): void {
  const removed = consoleStore().revoke(which);
  if (removed.length === 0) throw new UsageError(`no paired console ${which} (socket-lab agent --list shows them)`);
  for (const c of removed) say(`revoked ${field(c.id)}\t${field(c.name)}`);
}

function noteText(note: AgentNote): string {
  switch (note.kind) {
    case "pairing":
      return `pair a console with ${note.url}  code ${note.code}`;
    case "paired":
      return `paired with console "${note.console.name}" (${note.console.id}) from ${note.from}, code ${note.code}; the URL above pairs no one else`;
    case "connected":
      return `console "${note.console.name}" (${note.console.id}) connected from ${note.from}`;
    case "disconnected":
      return `console "${note.console.name}" (${note.console.id}) disconnected`;
    case "revoked":
      return `console "${note.console.name}" (${note.console.id}) was unpaired: its connection is closed`;
    case "refused":
      return `refused ${note.from}: ${note.reason}`;
  }
}

/**
 * `socket-lab agent`: this machine's Lab, for a console elsewhere to drive,
 * until SIGINT/SIGTERM. Prints the pairing URL (again after each pairing:
 * each secret pairs one console) and what happens to the connections.
 */
export async function runAgent(flags: AgentFlags, engine: EngineChoice, say: (line: string) => void): Promise<void> {
  const format = flags.format ?? "text";
  if (format !== "text" && format !== "ndjson") throw new UsageError(`--format must be text or ndjson, not ${format}`);
  const listen = flags.listen ?? "0.0.0.0";
  const name = flags.name ?? hostname();
  if (name.length === 0 || name.length > 64) throw new UsageError("--name must be 1 to 64 characters");
  const identity = await loadIdentity(agentDir());
  const lab = new Lab({ engine });
  const print = (note: AgentNote): void => say(format === "ndjson" ? JSON.stringify(note) : printable(noteText(note), 1000));
  if (format === "text") {
    say(`engine: ${lab.engine.name}${lab.engineFallback ? ` (the kernel engine cannot run here: ${lab.engineFallback})` : ""}`);
    say(`${identity.created ? "made a new identity" : "identity"} in ${agentDir()}: sha256=${identity.fingerprint}`);
  }
  const running = await startAgent({
    service: new LabService(lab),
    listen,
    port: portFlag(flags.port, DEFAULT_AGENT_PORT),
    advertise: advertised(listen),
    name,
    identity,
    consoles: consoleStore(),
    note: print,
  });
  const stop = (): void => {
    lab.closeAll();
    void running.close().then(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

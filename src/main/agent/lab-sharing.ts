import { hostname } from "node:os";
import { join } from "node:path";
import { invalidArgument, LabError, osError } from "../../shared/errors";
import { DEFAULT_AGENT_PORT, SHARING_LIMITS, type AgentNote, type SharingStatus } from "../../shared/sharing";
import type { LabService, SharingDoor } from "../bridge/lab-service";
import { toLabErrorInfo } from "../lab/node-errors";
import { advertised } from "./advertise";
import { ConsoleStore } from "./consoles";
import { loadIdentity, type AgentIdentity } from "./identity";
import { startAgent, type RunningAgent } from "./server";

export interface ShareOptions {
  readonly listen?: string;
  readonly port?: number;
  readonly name?: string;
}

interface Running {
  readonly agent: RunningAgent;
  readonly identity: AgentIdentity;
  readonly listen: string;
  readonly name: string;
  /** Connected consoles by id, and from where. */
  readonly live: Map<string, string>;
  readonly notes: { at: number; note: AgentNote }[];
  code: string;
}

/**
 * "Let a console drive this Lab": the page's own Lab served as an agent, as
 * `socket-lab agent` serves one, with the same identity, pairing and
 * refusals (the agent's files under the config directory). `service` is
 * what consoles get: the Lab's contract without the hosts or this sharing,
 * so a console drives the sockets and cannot reconfigure the Lab's doors.
 */
export class LabSharing implements SharingDoor {
  private running: Running | null = null;
  private starting = false;

  constructor(
    private readonly service: LabService,
    private readonly configDir: string,
  ) {}

  async start(options: ShareOptions): Promise<SharingStatus> {
    if (this.running || this.starting) throw new LabError(osError("EEXIST", "this Lab is shared already: stop it first to change how"));
    this.starting = true;
    try {
      const dir = join(this.configDir, "agent");
      const identity = await loadIdentity(dir);
      const listen = options.listen ?? "0.0.0.0";
      const name = options.name ?? hostname();
      const live = new Map<string, string>();
      const notes: Running["notes"] = [];
      const holder: { running: Running | null } = { running: null };
      const note = (n: AgentNote): void => {
        notes.push({ at: Date.now(), note: n });
        if (notes.length > SHARING_LIMITS.notes) notes.shift();
        if (n.kind === "connected") live.set(n.console.id, n.from);
        if (n.kind === "disconnected" || n.kind === "revoked") live.delete(n.console.id);
        if (n.kind === "pairing" && holder.running) holder.running.code = n.code;
      };
      const agent = await startAgent({
        service: this.service,
        listen,
        port: options.port ?? DEFAULT_AGENT_PORT,
        advertise: advertised(listen),
        name,
        identity,
        consoles: new ConsoleStore(join(dir, "consoles.json")),
        note,
      }).catch((err: unknown) => {
        const info = toLabErrorInfo(err);
        throw new LabError({ ...info, message: `cannot listen on ${listen}:${options.port ?? DEFAULT_AGENT_PORT}: ${info.message}` });
      });
      const first = notes.findLast((n) => n.note.kind === "pairing")?.note;
      this.running = holder.running = { agent, identity, listen, name, live, notes, code: first?.kind === "pairing" ? first.code : "" };
      return this.status()!;
    } finally {
      this.starting = false;
    }
  }

  status(): SharingStatus | null {
    const r = this.running;
    if (!r) return null;
    const paired = new ConsoleStore(join(this.configDir, "agent", "consoles.json")).list();
    return {
      url: r.agent.pairingUrl(),
      code: r.code,
      listen: r.listen,
      port: r.agent.port,
      name: r.name,
      fingerprint: r.identity.fingerprint,
      consoles: paired.map((c) => ({ id: c.id, name: c.name, pairedAt: c.pairedAt, from: r.live.get(c.id) ?? null })),
      notes: [...r.notes],
    };
  }

  /** Unpairs one console (by id) or all: a connected one is cut within a second, as `socket-lab agent --revoke` does. */
  revoke(which: string): void {
    const removed = new ConsoleStore(join(this.configDir, "agent", "consoles.json")).revoke(which);
    if (removed.length === 0) throw new LabError(invalidArgument(`no paired console ${which}`));
  }

  /** Stops serving: every console's connection ends (their calls end as a departed page's do); the pairings stay. */
  async stop(): Promise<void> {
    const r = this.running;
    this.running = null;
    await r?.agent.close();
  }
}

import { COMPOSED_COMMANDS, isCommandName, parseCommand, type LabCommandName } from "../../shared/contract";
import { invalidArgument, LabError, osError, type LabErrorInfo } from "../../shared/errors";
import { HOSTS_LIMITS, LOCAL_HOST, type HostLogRow, type HostsPoll, type HostStatus } from "../../shared/hosts";
import type { HostsDoor } from "../bridge/lab-service";
import type { Lab } from "../lab/lab";
import { toLabErrorInfo } from "../lab/node-errors";
import { parsePairingUrl } from "../../shared/pairing-url";
import { HostLink, type LinkRow } from "./host-link";
import { AgentRefusedError, type Heartbeat } from "./remote-lab";
import { SocketRows } from "./socket-rows";

const composed: ReadonlySet<string> = new Set(COMPOSED_COMMANDS);

export interface ConsoleHostsOptions {
  /** The console's config directory: the agents it paired with are kept there. */
  readonly configDir: string;
  readonly consoleName?: string;
  readonly heartbeat?: Heartbeat;
  readonly reconnectDelaysMs?: readonly number[];
  /** Timeline rows kept (HOSTS_LIMITS.kept). */
  readonly kept?: number;
}

/**
 * The hosts one console drives, for its pages: each paired agent kept
 * connected (HostLink), and one timeline of every host's log rows, the
 * console's own Lab (`local`) among them, each on the console's clock. The
 * timeline is bounded; a page that reads too slowly is told how many rows
 * left it before it read them.
 */
export class ConsoleHosts implements HostsDoor {
  private readonly links = new Map<string, HostLink>();
  /** Names being added: a second add of the same name waits for nothing, it is refused. */
  private readonly adding = new Set<string>();
  private readonly timeline: HostLogRow[] = [];
  /** The index of timeline[0]. */
  private first = 0;
  private readonly waiters = new Set<() => void>();
  private readonly local = new SocketRows();
  private unsubscribeLocal: (() => void) | null = null;

  constructor(
    private readonly lab: Lab,
    private readonly options: ConsoleHostsOptions,
  ) {}

  async add(name: string, url: string): Promise<HostStatus> {
    if (name === LOCAL_HOST) throw new LabError(invalidArgument(`"${LOCAL_HOST}" is this console's own Lab; give the host another name`));
    if (this.links.has(name) || this.adding.has(name)) throw new LabError(osError("EEXIST", `there is a host named "${name}" already`));
    if (this.links.size + this.adding.size >= HOSTS_LIMITS.hosts) throw new LabError(invalidArgument(`a console drives at most ${HOSTS_LIMITS.hosts} hosts`));
    let fingerprint: string;
    try {
      fingerprint = parsePairingUrl(url).fingerprint;
    } catch (err) {
      throw new LabError(invalidArgument(`hosts_add.url: ${(err as Error).message}`));
    }
    const same = [...this.links.values()].find((l) => l.fingerprint === fingerprint);
    if (same) throw new LabError(osError("EEXIST", `that agent is host "${same.name}" already`));
    this.adding.add(name);
    this.followLocal();
    try {
      const link = await HostLink.open(name, url, {
        configDir: this.options.configDir,
        ...(this.options.consoleName === undefined ? {} : { consoleName: this.options.consoleName }),
        ...(this.options.heartbeat === undefined ? {} : { heartbeat: this.options.heartbeat }),
        ...(this.options.reconnectDelaysMs === undefined ? {} : { reconnectDelaysMs: this.options.reconnectDelaysMs }),
        localNow: () => this.lab.events.now(),
        onRow: (row) => this.push(row),
        onChange: () => this.wake(),
      });
      this.links.set(name, link);
      this.wake();
      return link.status();
    } catch (err) {
      throw new LabError(addError(name, err));
    } finally {
      this.adding.delete(name);
      if (this.links.size === 0 && this.adding.size === 0) this.stopLocal();
    }
  }

  async remove(name: string): Promise<void> {
    const link = this.linkOf(name);
    this.links.delete(name);
    if (this.links.size === 0 && this.adding.size === 0) this.stopLocal();
    this.wake();
    await link.close();
  }

  /**
   * One command of a host's Lab, checked here against its schema as the
   * bridge checks the page's own (the agent checks it again). `local` is the
   * console's own Lab. A lost or refused host's call fails at once.
   */
  async call(host: string, name: string, input: unknown, signal?: AbortSignal): Promise<unknown> {
    if (!isCommandName(name)) throw new LabError(invalidArgument(`hosts_call.name: no command "${name}"`));
    if (composed.has(name)) throw new LabError(osError("EOPNOTSUPP", `hosts_call.name: ${name} is not a command of a Lab's sockets, which is all a host serves`));
    const parsed = parseCommand(name as LabCommandName, input);
    if (!parsed.ok) throw new LabError({ ...parsed.error, message: `hosts_call.input: ${parsed.error.message}` });
    if (host === LOCAL_HOST) return this.lab.call(name as LabCommandName, parsed.args, signal);
    return this.linkOf(host).call(name as LabCommandName, parsed.args, signal);
  }

  private linkOf(name: string): HostLink {
    const link = this.links.get(name);
    if (!link) throw new LabError(invalidArgument(`no host named "${name}"${this.links.size ? ` (here: ${[...this.links.keys()].join(", ")})` : ""}`));
    return link;
  }

  list(): HostStatus[] {
    return [...this.links.values()].map((l) => l.status());
  }

  /** The hosts, and the timeline's rows after `after`; waits up to `waitMs` for one when there is none yet. */
  async poll(after: number, waitMs: number, signal?: AbortSignal): Promise<HostsPoll> {
    if (this.end() <= after && waitMs > 0 && !signal?.aborted) {
      await new Promise<void>((resolve) => {
        const done = (): void => {
          clearTimeout(timer);
          this.waiters.delete(done);
          signal?.removeEventListener("abort", done);
          resolve();
        };
        const timer = setTimeout(done, waitMs);
        this.waiters.add(done);
        signal?.addEventListener("abort", done, { once: true });
      });
    }
    const from = Math.max(after, this.first);
    const rows = this.timeline.slice(from - this.first, from - this.first + HOSTS_LIMITS.perPoll);
    return { hosts: this.list(), rows, next: from + rows.length, dropped: Math.max(0, this.first - after) };
  }

  async close(): Promise<void> {
    this.stopLocal();
    const links = [...this.links.values()];
    this.links.clear();
    await Promise.all(links.map((l) => l.close()));
    this.wake();
  }

  private end(): number {
    return this.first + this.timeline.length;
  }

  private push(row: LinkRow): void {
    this.timeline.push({ ...row, i: this.end() });
    const kept = this.options.kept ?? HOSTS_LIMITS.kept;
    if (this.timeline.length > kept) {
      // Dropping a tenth at once keeps the shift rare.
      const drop = Math.ceil(kept / 10);
      this.timeline.splice(0, drop);
      this.first += drop;
    }
    this.wake();
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  /** The console's own Lab is on the timeline while there is a host to compare it with. */
  private followLocal(): void {
    if (this.unsubscribeLocal) return;
    this.local.clear();
    this.unsubscribeLocal = this.lab.events.subscribe((event) => {
      const entry = this.local.apply(event);
      if (entry) this.push({ ...entry, host: LOCAL_HOST, hostT: entry.t, uncertainty: 0 });
    });
    void this.lab.call("snapshot", {}).then((s) => this.local.merge(s.sockets, s.seq));
  }

  private stopLocal(): void {
    this.unsubscribeLocal?.();
    this.unsubscribeLocal = null;
  }
}

/** Why adding failed, typed as the cause was (a refused connection is ConnectionRefusedError, a refusing agent PermissionError). */
function addError(name: string, err: unknown): LabErrorInfo {
  if (err instanceof LabError) return err.info;
  const why = err instanceof Error ? err.message : String(err);
  const cause = err instanceof Error && err.cause !== undefined ? err.cause : err;
  return { ...(err instanceof AgentRefusedError ? osError("EACCES") : toLabErrorInfo(cause)), message: `cannot add host "${name}": ${why}` };
}

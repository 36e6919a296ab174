import type { CommandArgs, CommandName, CommandResult, ComposedCommandName } from "../../shared/contract";
import { COMPOSED_COMMANDS } from "../../shared/contract";
import { LabError, osError } from "../../shared/errors";
import type { HostsPoll, HostStatus } from "../../shared/hosts";
import type { SharingStatus } from "../../shared/sharing";
import type { Lab } from "../lab/lab";
import { toLabErrorInfo } from "../lab/node-errors";
import { probeScenario } from "../discovery/scenario";
import { LESSONS } from "../lessons";
import { exportPython } from "../python/export";
import { ScenarioSessions } from "../scenario/sessions";
import { DiscoverySessions } from "./discovery-sessions";

type Composed = { [N in ComposedCommandName]: (args: CommandArgs<N>, signal: AbortSignal | undefined) => Promise<CommandResult<N>> };

/** What the bridge asks of the hosts a console follows (console/console-hosts.ts is it). */
export interface HostsDoor {
  add(name: string, url: string): Promise<HostStatus>;
  remove(name: string): Promise<void>;
  poll(after: number, waitMs: number, signal?: AbortSignal): Promise<HostsPoll>;
  call(host: string, name: string, input: unknown, signal?: AbortSignal): Promise<unknown>;
}

/** What the bridge asks of the agent that serves this Lab to a console (agent/lab-sharing.ts is it). */
export interface SharingDoor {
  start(options: { readonly listen?: string; readonly port?: number; readonly name?: string }): Promise<SharingStatus>;
  status(): SharingStatus | null;
  stop(): Promise<void>;
  revoke(which: string): void;
}

const composed = new Set<string>(COMPOSED_COMMANDS);
function isComposed(name: CommandName): name is ComposedCommandName {
  return composed.has(name);
}

/**
 * The whole contract over one Lab: the Lab's own commands, plus the ones
 * composed above it (scenario sessions stepped on the Lab's sockets, the
 * lessons, the Python exporter). Every front door serves this.
 */
export class LabService {
  readonly events: Lab["events"];
  private readonly sessions: ScenarioSessions;
  private readonly discoveries: DiscoverySessions;
  private readonly composed: Composed;

  private readonly hosts: HostsDoor | null;
  private readonly sharing: SharingDoor | null;

  /**
   * `doors`: the agents this Lab's pages may pair with and watch, and the
   * agent that lets a console drive it (browser mode and the desktop app).
   * What an agent serves has neither: a console drives it, and it
   * reconfigures nothing.
   */
  constructor(
    readonly lab: Lab,
    doors: { readonly hosts?: HostsDoor; readonly sharing?: SharingDoor } = {},
  ) {
    this.hosts = doors.hosts ?? null;
    this.sharing = doors.sharing ?? null;
    this.events = lab.events;
    this.sessions = new ScenarioSessions(lab);
    this.discoveries = new DiscoverySessions(lab);
    this.composed = {
      export_python: async ({ scenario, style, host }) => exportPython(scenario, { style: style ?? "repl", ...(host === undefined ? {} : { host }) }),
      lessons: async () => LESSONS.map(({ name, file, title, scenario }) => ({ name, file, title, scenario })),
      scenario_open: async ({ scenario }) => this.sessions.open(scenario),
      scenario_step: ({ session }, signal) => this.sessions.step(session, signal),
      scenario_close: async ({ session }) => {
        await this.sessions.close(session);
        return null;
      },
      discover_start: (args) => this.discoveries.start(args),
      discover_poll: (args, signal) => this.discoveries.poll(args, signal),
      discover_stop: async ({ discovery }) => {
        await this.discoveries.stop(discovery);
        return null;
      },
      discover_scenario: async ({ protocol, iface, name, timeout }) => {
        const scenario = probeScenario(protocol, { iface: iface ?? null, name: name ?? null, wait: timeout ?? 3 }, await lab.call("interfaces", {}));
        if (typeof scenario === "string") throw new LabError(osError("EINVAL", `discover_scenario: ${scenario}`));
        return scenario;
      },
      hosts_add: ({ name, url }) => this.console().add(name, url),
      hosts_remove: async ({ name }) => {
        await this.console().remove(name);
        return null;
      },
      hosts_poll: ({ after, wait_ms }, signal) => this.console().poll(after, wait_ms ?? 0, signal),
      hosts_call: ({ host, name, input }, signal) => this.console().call(host, name, input, signal),
      share_start: ({ listen, port, name }) => this.shared().start({ ...(listen === undefined ? {} : { listen }), ...(port === undefined ? {} : { port }), ...(name === undefined ? {} : { name }) }),
      share_status: async () => this.shared().status(),
      share_stop: async () => {
        await this.shared().stop();
        return null;
      },
      share_revoke: async ({ console }) => {
        this.shared().revoke(console);
        return null;
      },
    };
  }

  private console(): HostsDoor {
    if (this.hosts === null) throw new LabError(osError("EOPNOTSUPP", "this Lab is an agent: a console drives it, and it pairs with no hosts itself"));
    return this.hosts;
  }

  private shared(): SharingDoor {
    if (this.sharing === null) throw new LabError(osError("EOPNOTSUPP", "this Lab is driven through an agent already: a console cannot share it further"));
    return this.sharing;
  }

  /** Runs any command of the contract; a composed command's failure is logged as the Lab logs its own. */
  call<N extends CommandName>(name: N, args: CommandArgs<N>, signal?: AbortSignal): Promise<CommandResult<N>> {
    // TypeScript cannot narrow a generic N by a type guard on its value; the guard above proved what the casts say.
    if (!isComposed(name)) return this.lab.call(name as Exclude<N, ComposedCommandName>, args as CommandArgs<Exclude<N, ComposedCommandName>>, signal) as Promise<CommandResult<N>>;
    const handler = this.composed[name] as (args: CommandArgs<N>, signal: AbortSignal | undefined) => Promise<CommandResult<N>>;
    return Promise.resolve()
      .then(() => handler(args, signal))
      .catch((err: unknown) => {
        const info = toLabErrorInfo(err);
        this.events.emit({ type: "error", fd: -1, op: name, error: info });
        throw err instanceof LabError ? err : new LabError(info);
      });
  }

  /** Ends what a departed page started: watchers and repeats in the Lab, its lesson sessions and its discoveries (their sockets close). */
  release(started: {
    readonly watchers: Iterable<number>;
    readonly sessions: Iterable<number>;
    readonly jobs: Iterable<number>;
    readonly discoveries?: Iterable<number>;
  }): void {
    this.lab.release(started);
    for (const session of started.sessions) void this.sessions.closeIfOpen(session).catch(() => {});
    this.discoveries.release(started.discoveries ?? []);
  }
}

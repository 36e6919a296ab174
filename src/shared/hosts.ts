import type { EventBatch } from "./events";
import type { LogEntry } from "./log-entry";
import type { KernelUdpStats, NetworkInterfaceInfo, SocketSnapshot } from "./socket-model";

/**
 * Hosts: the Labs one console drives. `local` is the Lab the console (or
 * `socket-lab run`) runs itself; every other host is an agent it paired
 * with, known by the name the person gave it (`--host b=wss://…`).
 */
export const LOCAL_HOST = "local";

export const MAX_HOST_NAME_LENGTH = 32;

const HOST_NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;

/** Why `name` cannot name a host, or null when it can. Names go into filter expressions (`host == "b"`) and file names. */
export function hostNameProblem(name: string): string | null {
  if (!HOST_NAME.test(name)) return "a host name must be letters, digits, _ and -, starting with a letter";
  if (name.length > MAX_HOST_NAME_LENGTH) return `a host name must be at most ${MAX_HOST_NAME_LENGTH} characters`;
  return null;
}

/** An offset in ms with three decimals and its sign, as the CLI and the Hosts view print a clock: "+1493.950", "−2.500". */
export function signedMs(us: number): string {
  return `${us >= 0 ? "+" : "−"}${Math.abs(us / 1000).toFixed(3)}`;
}

/** A batch of one host's events, as the console receives it: every event of it happened on that host's Lab. */
export interface HostEventBatch {
  readonly host: string;
  readonly batch: EventBatch;
}

/** A host's socket as the console lists it: what a person reads in its row (the full snapshot stays on the host). */
export type HostSocket = Pick<SocketSnapshot, "fd" | "family" | "type" | "state" | "local" | "remote" | "parent" | "ended">;

/** Where the console's connection to a host stands: lost, it reconnects by itself; refused (revoked, unpaired), it stops trying. */
export const HOST_STATES = ["connected", "lost", "refused"] as const;
export type HostState = (typeof HOST_STATES)[number];

export interface HostStatus {
  readonly name: string;
  /** The agent's own name for itself (`--name`). */
  readonly agent: string;
  /** Where it listens, as the pairing URL named it. */
  readonly address: string;
  readonly fingerprint: string;
  readonly state: HostState;
  /** Why it is lost or refused (the sentence a lost call raises, or the agent's refusal), else null. */
  readonly lostBecause: string | null;
  /** Reconnection attempts since it was lost. */
  readonly attempts: number;
  /** Wall-clock ms of the last change of `state`. */
  readonly since: number;
  /** The code both sides printed when this console paired with it, when it paired now (null when it was paired before). */
  readonly pairedWithCode: string | null;
  /** The agent's clock against the console's Lab clock, once measured. */
  readonly clock: {
    readonly offsetUs: number;
    readonly uncertaintyUs: number;
    /** How much faster the host's clock runs and the bound on that (ppm); null until the exchanges span a second. */
    readonly drift: { readonly ppm: number; readonly uncertaintyPpm: number } | null;
    readonly samples: number;
  } | null;
  /** Events received from it. */
  readonly events: number;
  /** Events it had and the console never received: dropped by its outbox, or emitted while the connection was down. */
  readonly missed: number;
  /** Reconnections that found a new Lab (the agent restarted): what the old one had not sent is gone uncounted. */
  readonly restarts: number;
  readonly sockets: readonly HostSocket[];
  /** Its interfaces (read once it connects), for the roll call's "another subnet". */
  readonly interfaces: readonly NetworkInterfaceInfo[] | null;
  /** Its kernel's UDP counters (re-read every couple of seconds), or null off Linux or before the first reading. */
  readonly udp: KernelUdpStats | null;
}

/** A log row of one host, on the console's timeline: `t` is the console Lab's clock (µs), `uncertainty` how far off it may be. */
export type HostLogRow = LogEntry & {
  /** Position in the console's timeline (poll with `after` it). */
  readonly i: number;
  readonly host: string;
  /** The event's time on its own host's clock. */
  readonly hostT: number;
  readonly uncertainty: number;
};

export interface HostsPoll {
  readonly hosts: readonly HostStatus[];
  readonly rows: readonly HostLogRow[];
  /** Pass as `after` next time. */
  readonly next: number;
  /** Rows that left the console's bounded timeline before this page read them. */
  readonly dropped: number;
}

/** The console's bounds: how many hosts, how many timeline rows it keeps, how many one poll returns. */
export const HOSTS_LIMITS = { hosts: 64, kept: 50_000, perPoll: 2_000, waitMs: 10_000, urlLength: 2048 } as const;

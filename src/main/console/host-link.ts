import type { CommandArgs, CommandResult, LabCommandName } from "../../shared/contract";
import { LabError, type LabErrorInfo } from "../../shared/errors";
import type { LabEvent } from "../../shared/events";
import type { HostState, HostStatus } from "../../shared/hosts";
import type { KernelUdpStats, NetworkInterfaceInfo } from "../../shared/socket-model";
import type { LogEntry } from "../../shared/log-entry";
import { formatPairingUrl, parsePairingUrl, urlHost, type PairingUrl } from "../../shared/pairing-url";
import { toLocal, type ClockEstimate } from "./clock";
import { openHost, type OpenedHost, type OpenHostOptions } from "./open-host";
import { AgentRefusedError, HOST_LOST, type RemoteLab } from "./remote-lab";
import { SocketRows } from "./socket-rows";

/** Waits before each reconnection attempt: soon after a loss, then every few seconds for as long as it takes. */
export const RECONNECT_DELAYS_MS: readonly number[] = [250, 500, 1000, 2000, 4000];

/** How often a connected host's UDP counters are re-read. */
const COUNTERS_EVERY_MS = 2000;

/** A row of this host with its time on the console's clock; the registry numbers it. */
export type LinkRow = LogEntry & { readonly host: string; readonly hostT: number; readonly uncertainty: number };

export interface HostLinkOptions extends OpenHostOptions {
  /** The console's Lab clock (µs): rows are set on it. */
  readonly localNow: () => number;
  readonly onRow: (row: LinkRow) => void;
  /** Anything in `status()` changed. */
  readonly onChange: () => void;
  readonly reconnectDelaysMs?: readonly number[];
}

/**
 * One paired host kept connected: a RemoteLab while the agent answers, and
 * when it is lost, new connections with the stored credential until one
 * holds (or the agent refuses: revoked). Across a reconnection nothing goes
 * uncounted: the agent's Lab seq after reconnecting, against the last one
 * received, gives the events emitted while the link was down. A Lab with
 * another instance id is a restarted agent: its sockets start afresh.
 */
export class HostLink {
  private lab: RemoteLab | null = null;
  private state: HostState = "connected";
  private lostBecause: string | null = null;
  /** Why the last reconnection attempt failed. */
  private retryProblem: string | null = null;
  private attempts = 0;
  private since = Date.now();
  private events = 0;
  private missed = 0;
  private restarts = 0;
  private instance: string | null = null;
  private lastSeq = 0;
  private clock: ClockEstimate | null = null;
  /** Events held while the clock is unknown (the first exchanges are under way). */
  private held: LabEvent[] = [];
  /** While the snapshot after a connection is under way: the seqs received meanwhile (it tells which of them it covers). */
  private reconciling: number[] | null = null;
  private readonly rows = new SocketRows();
  private interfaces: NetworkInterfaceInfo[] | null = null;
  private udp: KernelUdpStats | null = null;
  private counters: NodeJS.Timeout | null = null;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  private agent: string;
  private readonly pairedWithCode: string | null;

  private constructor(
    readonly name: string,
    readonly url: PairingUrl,
    opened: OpenedHost,
    private readonly options: HostLinkOptions,
  ) {
    this.agent = opened.lab.agentName;
    this.pairedWithCode = opened.pairedWithCode;
  }

  /** Connects (pairing when the URL's secret is fresh); rejects as openHost does, and then nothing is kept. */
  static async open(name: string, urlText: string, options: HostLinkOptions): Promise<HostLink> {
    const url = parsePairingUrl(urlText);
    const opened = await openHost(name, urlText, options);
    const link = new HostLink(name, url, opened, options);
    try {
      await link.attach(opened.lab);
    } catch (err) {
      await link.close();
      throw err;
    }
    return link;
  }

  get fingerprint(): string {
    return this.url.fingerprint;
  }

  status(): HostStatus {
    const c = this.clock;
    return {
      name: this.name,
      agent: this.agent,
      address: `${urlHost(this.url.host)}:${this.url.port}`,
      fingerprint: this.url.fingerprint,
      state: this.state,
      lostBecause: this.lostBecause && (this.retryProblem ? `${this.lostBecause} (the last attempt to reconnect: ${this.retryProblem})` : this.lostBecause),
      attempts: this.attempts,
      since: this.since,
      pairedWithCode: this.pairedWithCode,
      clock: c && { offsetUs: c.offsetUs, uncertaintyUs: c.uncertaintyUs, drift: c.drift, samples: c.samples },
      events: this.events,
      missed: this.missed,
      restarts: this.restarts,
      sockets: this.rows.list(),
      interfaces: this.interfaces,
      udp: this.udp,
    };
  }

  /** One command of the host's Lab; while the host is lost or refused, a HostLostError at once saying why. */
  call<N extends LabCommandName>(name: N, args: CommandArgs<N>, signal?: AbortSignal): Promise<CommandResult<N>> {
    if (this.lab === null) {
      const why = this.state === "refused" ? `host "${this.name}" cannot run ${name}: ${this.lostBecause ?? "it refused this console"}` : `${this.lostBecause ?? `host "${this.name}" is lost`} (reconnecting; ${name} was not sent)`;
      return Promise.reject(new LabError({ type: HOST_LOST, errno: null, message: why }));
    }
    return this.lab.call(name, args, signal);
  }

  /** Ends the connection and every attempt to make one. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.counters) clearInterval(this.counters);
    await this.lab?.close();
  }

  private async attach(lab: RemoteLab): Promise<void> {
    this.lab = lab;
    const before = this.lastSeq;
    this.reconciling = [];
    lab.onEvents(({ batch }) => {
      // The estimate sharpens as exchanges come in: read it once a batch, not once an event.
      if (this.clock !== null) this.clock = lab.clock ?? this.clock;
      if (batch.missed) this.missed += batch.missed.count;
      for (const event of batch.events) this.take(event);
      if (batch.missed || batch.events.length > 0) this.options.onChange();
    });
    lab.onLost((info) => this.lose(info));
    const snapshot = await lab.call("snapshot", {});
    const received = this.reconciling;
    this.reconciling = null;
    if (this.instance !== null && snapshot.instance !== this.instance) {
      this.restarts += 1;
      this.rows.clear();
      this.clock = null;
    } else if (this.instance !== null) {
      // Emitted between the last event received and the new session's start: never sent to this console.
      const covered = received.filter((seq) => seq > before && seq <= snapshot.seq).length;
      this.missed += Math.max(0, snapshot.seq - before - covered);
    }
    this.instance = snapshot.instance;
    this.lastSeq = received.reduce((a, b) => Math.max(a, b), snapshot.seq);
    this.rows.merge(snapshot.sockets, snapshot.seq);
    this.options.onChange();
    this.interfaces = await lab.call("interfaces", {});
    this.readCounters(lab);
    const clock = await lab.trackClock(this.options.localNow);
    if (this.clock === null) {
      this.clock = clock;
      for (const event of this.held.splice(0)) this.emitRow(event);
    }
    this.options.onChange();
  }

  /** The kernel's UDP counters now and every couple of seconds while this connection lasts: the roll call's drops. */
  private readCounters(lab: RemoteLab): void {
    const read = (): void =>
      void lab.call("kernel_udp_stats", {}).then(
        (udp) => {
          this.udp = udp;
        },
        // A lost host says so through onLost; its counters just stop.
        () => undefined,
      );
    read();
    if (this.counters) clearInterval(this.counters);
    this.counters = setInterval(read, COUNTERS_EVERY_MS);
    this.counters.unref();
  }

  private take(event: LabEvent): void {
    this.events += 1;
    this.reconciling?.push(event.seq);
    this.lastSeq = Math.max(this.lastSeq, event.seq);
    if (this.clock === null) this.held.push(event);
    else this.emitRow(event);
  }

  private emitRow(event: LabEvent): void {
    const entry = this.rows.apply(event);
    if (!entry || !this.clock) return;
    const local = toLocal(this.clock, event.t);
    this.options.onRow({ ...entry, t: Math.round(local.t), host: this.name, hostT: event.t, uncertainty: Math.round(local.uncertaintyUs) });
  }

  private lose(info: LabErrorInfo): void {
    if (this.closed) return;
    this.lab = null;
    if (this.counters) clearInterval(this.counters);
    this.state = "lost";
    this.lostBecause = info.message;
    this.since = Date.now();
    this.attempts = 0;
    this.options.onChange();
    this.retry();
  }

  private retry(): void {
    const delays = this.options.reconnectDelaysMs ?? RECONNECT_DELAYS_MS;
    const delay = delays[Math.min(this.attempts, delays.length - 1)]!;
    this.timer = setTimeout(() => void this.reconnect(), delay);
  }

  private async reconnect(): Promise<void> {
    if (this.closed) return;
    this.attempts += 1;
    let opened: OpenedHost;
    try {
      // The secret was spent pairing: the stored credential (by fingerprint) is what reconnects.
      opened = await openHost(this.name, formatPairingUrl({ ...this.url, secret: null }), this.options);
    } catch (err) {
      if (this.closed) return;
      if (err instanceof AgentRefusedError) {
        this.state = "refused";
        this.lostBecause = `${err.message}; pair again with the URL the agent prints now`;
        this.retryProblem = null;
        this.since = Date.now();
      } else {
        this.retryProblem = err instanceof Error ? err.message : String(err);
        this.retry();
      }
      this.options.onChange();
      return;
    }
    if (this.closed) {
      await opened.lab.close();
      return;
    }
    this.agent = opened.lab.agentName;
    this.state = "connected";
    this.lostBecause = null;
    this.retryProblem = null;
    this.since = Date.now();
    // A connection lost while attaching says so through onLost, which retries.
    await this.attach(opened.lab).catch(() => undefined);
  }
}

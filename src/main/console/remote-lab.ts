import type { IncomingMessage } from "node:http";
import WebSocket from "ws";
import type { CommandArgs, CommandResult, LabCommandName } from "../../shared/contract";
import { abortReason, LabError, type LabErrorInfo } from "../../shared/errors";
import type { HostEventBatch } from "../../shared/hosts";
import { printable } from "../../shared/printable";
import type { Address } from "../../shared/socket-model";
import { MAX_MESSAGE_BYTES } from "../bridge/ws-session";
import { formatPairingUrl, type PairingUrl } from "../../shared/pairing-url";
import { AGENT_NAME_HEADER, CONSOLE_NAME_HEADER, CREDENTIAL_HEADER, REFUSAL_HEADER } from "../agent/protocol";
import type { LabPort } from "../scenario/lab-port";
import { estimateClock, sampleClock, type ClockEstimate, type ClockSample } from "./clock";
import { hostMessageSchema } from "./host-messages";
import { connectPinned } from "./pinned-tls";

/** The type of the error every call of a lost host ends with (and the step's line in a transcript shows). */
export const HOST_LOST = "HostLostError";

export interface Heartbeat {
  /** How often the console pings the agent. */
  readonly intervalMs: number;
  /** Silence (no pong, no message) after which the agent counts as lost. */
  readonly lostAfterMs: number;
}

/**
 * Lost within 3 s (issue 18): a killed agent's kernel says so at once; a cut
 * link only by silence. The last pong came at most one interval before the
 * cut, so silence is noticed 2 to 3 s after it.
 */
export const HEARTBEAT: Heartbeat = { intervalMs: 500, lostAfterMs: 2500 };

/** The clock's first burst of exchanges, one more every CLOCK_EVERY_MS, and the most kept (the burst stays: drift is measured from it). */
const CLOCK_BURST = 8;
const CLOCK_EVERY_MS = 2000;
const CLOCK_KEPT = 64;

export interface ConnectOptions {
  /** The console's name for this host ("b" in --host b=URL); every event batch carries it. */
  readonly host: string;
  readonly url: PairingUrl;
  /** How the console introduces itself when it pairs (the agent lists it by this name). */
  readonly consoleName: string;
  /** The credential from an earlier pairing, or null to pair with the URL's secret. */
  readonly credential: string | null;
  readonly timeoutMs: number;
  readonly heartbeat?: Heartbeat;
}

/** The agent answered the handshake with a refusal: its status and the reason it gave. */
export class AgentRefusedError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
  ) {
    super(`the agent refused: ${status} ${reason}`);
  }
}

type Pending = { readonly resolve: (result: unknown) => void; readonly reject: (err: LabError) => void };

/**
 * A Lab on another machine, driven through its agent: the contract over a
 * pinned wss connection, shaped as the scenario runner's LabPort. Event
 * batches arrive tagged with this host's name and are acknowledged once every
 * listener has taken them, as a page acknowledges browser mode's. When the
 * agent goes (killed, link down: no pong within `lostAfterMs`), every call
 * under way and every later one ends with HostLostError, and `onLost`
 * listeners hear it once.
 */
export class RemoteLab implements LabPort {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly eventListeners = new Set<(batch: HostEventBatch) => void>();
  private readonly lostListeners = new Set<(info: LabErrorInfo) => void>();
  private lost: LabErrorInfo | null = null;
  private closing = false;
  private seq = 0;
  private lastHeard = Date.now();
  private readonly heartbeat: NodeJS.Timeout;
  private clockSamples: ClockSample[] = [];
  private clockTimer: NodeJS.Timeout | null = null;

  private constructor(
    readonly host: string,
    readonly url: PairingUrl,
    /** The agent's own name for itself. */
    readonly agentName: string,
    /** A new credential, when this connection paired (the caller keeps it). */
    readonly credential: string | null,
    private readonly ws: WebSocket,
    beat: Heartbeat,
  ) {
    ws.on("message", (raw, isBinary) => this.receive(raw, isBinary));
    ws.on("pong", () => (this.lastHeard = Date.now()));
    ws.on("error", () => {});
    ws.on("close", (code, reason) => this.lose(`the connection closed (${code}${reason.length ? `: ${printable(reason.toString(), 200)}` : ""})`));
    this.heartbeat = setInterval(() => {
      const silent = Date.now() - this.lastHeard;
      if (silent > beat.lostAfterMs) this.lose(`no answer for ${(silent / 1000).toFixed(1)} s (link down, or the agent stopped)`);
      else if (ws.readyState === ws.OPEN) ws.ping();
    }, beat.intervalMs);
  }

  /** Opens a pinned connection; pairs when `credential` is null. Rejects with a sentence saying what went wrong. */
  static async connect(options: ConnectOptions): Promise<RemoteLab> {
    const { url } = options;
    const socket = await connectPinned(url.host, url.port, url.fingerprint, options.timeoutMs);
    const pairing = options.credential === null;
    const headers: Record<string, string> = pairing ? { [CONSOLE_NAME_HEADER]: options.consoleName } : { authorization: `Bearer ${options.credential}` };
    // The secret goes in the URL only now, over the checked connection; without one the agent wants the credential.
    const target = formatPairingUrl({ ...url, secret: pairing ? url.secret : null }).replace(/#.*$/, "");
    const ws = new WebSocket(target, { createConnection: () => socket, headers, perMessageDeflate: false, maxPayload: MAX_MESSAGE_BYTES, handshakeTimeout: options.timeoutMs });
    const response = await new Promise<IncomingMessage>((resolve, reject) => {
      let upgrade: IncomingMessage | null = null;
      ws.once("upgrade", (res) => (upgrade = res));
      ws.once("open", () => (upgrade ? resolve(upgrade) : reject(new Error("the agent's handshake had no response"))));
      ws.once("unexpected-response", (_req, res) => {
        const reason = String(res.headers[REFUSAL_HEADER] ?? res.statusMessage ?? "");
        reject(new AgentRefusedError(res.statusCode ?? 0, printable(reason, 300)));
        res.destroy();
        ws.terminate();
      });
      ws.once("error", (err) => reject(new Error(`the agent's WebSocket handshake failed: ${err.message}`, { cause: err })));
    });
    const name = decodeHeader(response.headers[AGENT_NAME_HEADER]);
    const credential = pairing ? String(response.headers[CREDENTIAL_HEADER] ?? "") : null;
    if (pairing && !credential) {
      ws.terminate();
      throw new Error("the agent accepted the pairing secret but sent no credential");
    }
    return new RemoteLab(options.host, url, name, credential, ws, options.heartbeat ?? HEARTBEAT);
  }

  get lastSeq(): number {
    return this.seq;
  }

  /** Why this host is lost, or null while it is connected. */
  get lostBecause(): LabErrorInfo | null {
    return this.lost;
  }

  call<N extends LabCommandName>(name: N, args: CommandArgs<N>, signal?: AbortSignal): Promise<CommandResult<N>> {
    if (this.lost) return Promise.reject(new LabError(this.lost));
    if (signal?.aborted) return Promise.reject(new LabError(abortReason(signal)));
    const id = this.nextId++;
    return new Promise<CommandResult<N>>((resolve, reject) => {
      const onAbort = (): void => {
        // The agent's call goes on until it ends or this connection closes (then it ends without taking anything).
        this.pending.delete(id);
        reject(new LabError(abortReason(signal!)));
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.pending.set(id, {
        resolve: (result) => {
          signal?.removeEventListener("abort", onAbort);
          resolve(result as CommandResult<N>);
        },
        reject: (err) => {
          signal?.removeEventListener("abort", onAbort);
          reject(err);
        },
      });
      this.ws.send(JSON.stringify({ id, name, input: args }));
    });
  }

  async socketAddress(fd: number): Promise<Address> {
    return this.call("getsockname", { fd });
  }

  /**
   * Starts setting this agent's clock against `localNow` (the console's Lab
   * clock, µs): a burst of exchanges now, resolved with the first estimate,
   * then one every couple of seconds while connected, so the estimate's
   * drift sharpens as the run goes (`clock`).
   */
  async trackClock(localNow: () => number): Promise<ClockEstimate> {
    const remoteNow = async (): Promise<number> => (await this.call("clock", {})).now;
    this.clockSamples = await sampleClock(localNow, remoteNow, CLOCK_BURST);
    if (this.clockTimer === null && !this.lost && !this.closing) {
      this.clockTimer = setInterval(() => {
        void sampleClock(localNow, remoteNow, 1).then(
          ([sample]) => {
            this.clockSamples.push(sample!);
            if (this.clockSamples.length > CLOCK_KEPT) this.clockSamples.splice(CLOCK_BURST, 1);
          },
          // A lost host says so through onLost; its clock just stops.
          () => undefined,
        );
      }, CLOCK_EVERY_MS);
      this.clockTimer.unref();
    }
    return estimateClock(this.clockSamples);
  }

  /** What the clock's exchanges say so far, or null before trackClock. */
  get clock(): ClockEstimate | null {
    return this.clockSamples.length > 0 ? estimateClock(this.clockSamples) : null;
  }

  /** Every event batch of this host, tagged with its name; returns the unsubscribe function. */
  onEvents(listener: (batch: HostEventBatch) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  /** Called once, when the host is lost (not on close()). */
  onLost(listener: (info: LabErrorInfo) => void): () => void {
    this.lostListeners.add(listener);
    return () => this.lostListeners.delete(listener);
  }

  /** Ends the connection; the agent ends what this console's session started (its sockets stay, as a page's do). */
  async close(): Promise<void> {
    this.closing = true;
    clearInterval(this.heartbeat);
    if (this.clockTimer) clearInterval(this.clockTimer);
    if (this.ws.readyState === this.ws.CLOSED) return;
    const closed = new Promise<void>((resolve) => this.ws.once("close", () => resolve()));
    this.ws.close(1000, "the console is done");
    const timer = setTimeout(() => this.ws.terminate(), 1000);
    await closed;
    clearTimeout(timer);
  }

  private receive(raw: WebSocket.RawData, isBinary: boolean): void {
    this.lastHeard = Date.now();
    let parsed: unknown;
    try {
      parsed = isBinary ? undefined : JSON.parse(raw.toString());
    } catch {
      parsed = undefined;
    }
    const message = hostMessageSchema.safeParse(parsed);
    if (!message.success) {
      this.lose("the agent sent a message that is not the contract's");
      return;
    }
    const { data } = message;
    if (data.kind === "reply") {
      const waiting = this.pending.get(data.id);
      if (!waiting) return;
      this.pending.delete(data.id);
      if (data.reply.ok) waiting.resolve(data.reply.result);
      else waiting.reject(new LabError(data.reply.error));
      return;
    }
    const last = data.batch.events.at(-1);
    if (last) this.seq = Math.max(this.seq, last.seq);
    for (const listener of this.eventListeners) {
      try {
        listener({ host: this.host, batch: data.batch });
      } catch {
        // One listener's failure must not stop the others, nor the ack.
      }
    }
    if (this.ws.readyState === this.ws.OPEN) this.ws.send(JSON.stringify({ ack: data.batch.id }));
  }

  private lose(reason: string): void {
    if (this.lost || this.closing) return;
    clearInterval(this.heartbeat);
    if (this.clockTimer) clearInterval(this.clockTimer);
    const where = `${this.url.host}:${this.url.port}`;
    this.lost = { type: HOST_LOST, errno: null, message: `host "${this.host}" (agent ${this.agentName} at ${where}) was lost: ${reason}` };
    const error = new LabError(this.lost);
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
    this.ws.terminate();
    for (const listener of this.lostListeners) listener(this.lost);
  }
}

function decodeHeader(value: string | string[] | undefined): string {
  const text = Array.isArray(value) ? value[0] : value;
  try {
    return printable(decodeURIComponent(text ?? ""), 64) || "agent";
  } catch {
    return "agent";
  }
}

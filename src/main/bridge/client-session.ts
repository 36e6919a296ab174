import type { CommandName, Reply } from "../../shared/contract";
import { CALLER_GONE, osError, type LabErrorInfo } from "../../shared/errors";
import type { EventBatch } from "../../shared/events";
import { dispatch } from "./dispatch";
import type { LabService } from "./lab-service";
import { OUTBOX_LIMITS, EventOutbox, type OutboxLimits } from "./outbox";
import { RateLimiter } from "./rate-limit";

/** Commands per second per page, and the burst a scenario or a send loop may use at once. */
export const COMMAND_RATE = { perSecond: 5000, burst: 20000 };

/** Calls of one page under way at once: enough for every socket's blocked recv in a class demo, not enough to pin the Lab. */
export const MAX_CALLS_IN_FLIGHT = 256;

export interface ClientSessionOptions {
  readonly rate?: { readonly perSecond: number; readonly burst: number };
  readonly maxInFlight?: number;
  readonly outbox?: OutboxLimits;
}

/** Resources a page starts that outlive a command: the command, and the field of its result that names one. */
const STARTS = { watch: "watcher", scenario_open: "session", repeat: "job", discover_start: "discovery" } as const satisfies Partial<Record<CommandName, string>>;
type Started = (typeof STARTS)[keyof typeof STARTS];
/** The commands that end one, with the field of their input that names it. */
const ENDS = { unwatch: "watcher", scenario_close: "session", cancel_job: "job", discover_stop: "discovery" } as const satisfies Partial<Record<CommandName, Started>>;

/**
 * One page's connection to the Lab, whichever front door it came through
 * (a WebSocket in browser mode, a window's IPC in the desktop app): its
 * event stream with flow control, its rate limit, and everything it started.
 * When the page goes (closed, reloaded, crashed), `close` ends it all as a
 * process's exit would: blocked calls fail without consuming anything,
 * watchers, lesson sessions, repeats and discoveries end. Sockets stay: they belong to
 * the Lab, and the next page shows them.
 */
export class ClientSession {
  private readonly limiter: RateLimiter;
  private readonly outbox: EventOutbox;
  private readonly unsubscribe: () => void;
  private readonly inFlight = new Set<AbortController>();
  private readonly started: Record<Started, Set<number>> = { watcher: new Set(), session: new Set(), job: new Set(), discovery: new Set() };
  private readonly maxInFlight: number;
  private closed = false;

  constructor(
    private readonly service: LabService,
    sendBatch: (batch: EventBatch) => void,
    options: ClientSessionOptions = {},
  ) {
    const rate = options.rate ?? COMMAND_RATE;
    this.limiter = new RateLimiter(rate.perSecond, rate.burst);
    this.maxInFlight = options.maxInFlight ?? MAX_CALLS_IN_FLIGHT;
    this.outbox = new EventOutbox(sendBatch, options.outbox ?? OUTBOX_LIMITS);
    this.unsubscribe = service.events.subscribe(this.outbox.push);
  }

  /**
   * Runs one untrusted call; always answers, never throws. The reply waits
   * until the events emitted before it have been sent (a full window holds
   * both), so the page never sees a result before its cause. The call counts
   * as under way while it waits.
   */
  async call(name: unknown, input: unknown): Promise<Reply> {
    if (this.closed) return refuse(CALLER_GONE);
    if (!this.limiter.take()) return rateLimited("too many commands from this page; slow down");
    if (this.inFlight.size >= this.maxInFlight) return rateLimited(`this page already has ${this.maxInFlight} calls under way; wait for some to finish`);
    const controller = new AbortController();
    this.inFlight.add(controller);
    try {
      const reply = await dispatch(this.service, name, input, controller.signal);
      this.note(name, input, reply);
      await this.outbox.flush();
      return reply;
    } finally {
      this.inFlight.delete(controller);
    }
  }

  /** The page applied event batch `id`. */
  ack(id: number): void {
    this.outbox.ack(id);
  }

  /** The page went: end what it started (see the class comment). Safe to call twice. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.unsubscribe();
    this.outbox.stop();
    for (const controller of this.inFlight) controller.abort(CALLER_GONE);
    this.service.release({ watchers: this.started.watcher, sessions: this.started.session, jobs: this.started.job, discoveries: this.started.discovery });
  }

  /** Keeps the set of what the page started and has not ended itself. */
  private note(name: unknown, input: unknown, reply: Reply): void {
    if (!reply.ok || typeof name !== "string") return;
    if (Object.hasOwn(STARTS, name)) {
      const key = STARTS[name as keyof typeof STARTS];
      const id = (reply.result as Partial<Record<Started, unknown>> | null)?.[key];
      if (typeof id === "number") this.started[key].add(id);
    } else if (Object.hasOwn(ENDS, name)) {
      const key = ENDS[name as keyof typeof ENDS];
      // The call succeeded, so its input passed the contract's schema: the field is the id.
      this.started[key].delete((input as Record<Started, number>)[key]);
    }
  }
}

function refuse(error: LabErrorInfo): Reply {
  return { ok: false, error };
}

/** The page asks too much at once: EAGAIN, as a program would see it, under the Lab's own name. */
function rateLimited(message: string): Reply {
  return refuse({ ...osError("EAGAIN"), type: "RateLimitError", message });
}

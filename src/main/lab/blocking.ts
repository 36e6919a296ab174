import { abortReason, LabError, SOCKET_TIMEOUT, type LabErrorInfo } from "../../shared/errors";
import type { BlockedCall } from "../../shared/socket-model";
import { FoldedLoop } from "./folded-loop";

/** Returns the call's result when it can complete now, or undefined to wait. */
export type Attempt<T> = () => T | undefined;

/**
 * One call waiting on a socket. A class, not closures: a blocking recv()
 * is the commonest call there is, and a closure per call costs garbage.
 */
class Waiter {
  timer: NodeJS.Timeout | undefined;
  signal: AbortSignal | undefined;

  constructor(
    readonly call: BlockedCall,
    private readonly attempt: Attempt<unknown>,
    private readonly resolve: (value: unknown) => void,
    private readonly reject: (err: unknown) => void,
    private readonly blocker: Blocker,
  ) {}

  /** Re-runs the attempt; settles and leaves the blocker when it completes or fails. */
  check(): void {
    let value: unknown;
    try {
      value = this.attempt();
    } catch (err) {
      this.blocker.leave(this);
      this.reject(err);
      return;
    }
    if (value === undefined) return;
    this.blocker.leave(this);
    this.resolve(value);
  }

  expire(): void {
    this.timer = undefined;
    this.blocker.leave(this);
    this.reject(new LabError(SOCKET_TIMEOUT));
  }

  /** The caller stopped waiting: the call ends without running its attempt again, so it takes nothing. */
  readonly abort = (): void => this.end(abortReason(this.signal!));

  end(reason: LabErrorInfo): void {
    this.blocker.leave(this);
    this.reject(new LabError(reason));
  }
}

/**
 * Python's three blocking modes for one socket: timeout null waits forever,
 * 0 raises the "would block" error at once, > 0 waits that long and then
 * raises TimeoutError('timed out'), leaving the socket usable.
 *
 * A waiting call re-runs its attempt whenever the socket changes (`wake`),
 * so there is no polling and no lost wake-up.
 */
export class Blocker {
  timeout: number | null = null;
  /** Waiting calls, oldest first: a socket rarely has more than one, so a plain array beats a map. */
  private waiters: Waiter[] = [];

  constructor(
    /** Called when a call starts or stops waiting, so the UI can show it. */
    private readonly onBlockChange: () => void,
    private readonly now: () => number,
  ) {}

  /** The oldest call still waiting, for the "blocked in recv()…" indicator. */
  get current(): BlockedCall | null {
    return this.waiters[0]?.call ?? null;
  }

  /**
   * `signal` ends the wait early (the caller went away, or Ctrl+C) with its
   * reason as the error. `dontWait` is MSG_DONTWAIT on a blocking socket: this
   * one call behaves as if the socket were non-blocking (with a timeout,
   * CPython waits for readiness before the call, so the flag changes nothing).
   */
  run<T>(op: string, attempt: Attempt<T>, wouldBlock: LabErrorInfo, signal?: AbortSignal, dontWait = false): Promise<T> {
    if (signal?.aborted) return Promise.reject(new LabError(abortReason(signal)));
    const now = attempt();
    if (now !== undefined) return Promise.resolve(now);
    if (this.timeout === 0 || (dontWait && this.timeout === null)) return Promise.reject(new LabError(wouldBlock));
    const timeout = this.timeout;
    // The promise settles with what `attempt` returned, so it is a Promise<T>.
    return new Promise<unknown>((resolve, reject) => {
      const since = this.now();
      const waiter = new Waiter({ op, since, deadline: timeout === null ? null : since + timeout * 1e6 }, attempt, resolve, reject, this);
      // Arrays are replaced, never changed in place, so a wake pass can walk the one it started with.
      this.waiters = [...this.waiters, waiter];
      if (timeout !== null) waiter.timer = setTimeout(() => waiter.expire(), timeout * 1000);
      if (signal) {
        waiter.signal = signal;
        signal.addEventListener("abort", waiter.abort, { once: true });
      }
      this.onBlockChange();
    }) as Promise<T>;
  }

  /** A waiter is done (settled or expired): it stops waiting, and the UI hears so. */
  leave(waiter: Waiter): void {
    this.waiters = this.waiters.filter((w) => w !== waiter);
    if (waiter.timer) clearTimeout(waiter.timer);
    waiter.signal?.removeEventListener("abort", waiter.abort);
    this.onBlockChange();
  }

  /** Ends every waiting call with `reason` (Ctrl+C): none runs its attempt again, so none takes anything. */
  interrupt(reason: LabErrorInfo): number {
    const ended = this.waiters;
    for (const waiter of ended) waiter.end(reason);
    return ended.length;
  }

  private readonly loop = new FoldedLoop();

  /** Re-runs every waiting attempt; a wake from inside one is folded into another pass. */
  wake(): void {
    if (this.waiters.length === 0) return;
    this.loop.run(() => {
      // A check may remove itself (and others): walk this pass's array, skipping those already gone.
      const pass = this.waiters;
      for (const waiter of pass) if (this.waiters.includes(waiter)) waiter.check();
    });
  }
}

import { LabError, SOCKET_TIMEOUT, type LabErrorInfo } from "../../shared/errors";
import type { BlockedCall } from "../../shared/socket-model";

/** Returns the call's result when it can complete now, or undefined to wait. */
export type Attempt<T> = () => T | undefined;

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
  private waiters: { readonly check: () => void; readonly call: BlockedCall }[] = [];

  constructor(
    /** Called when a call starts or stops waiting, so the UI can show it. */
    private readonly onBlockChange: () => void,
    private readonly now: () => number,
  ) {}

  /** The oldest call still waiting, for the "blocked in recv()…" indicator. */
  get current(): BlockedCall | null {
    return this.waiters[0]?.call ?? null;
  }

  run<T>(op: string, attempt: Attempt<T>, wouldBlock: LabErrorInfo): Promise<T> {
    const now = attempt();
    if (now !== undefined) return Promise.resolve(now);
    if (this.timeout === 0) return Promise.reject(new LabError(wouldBlock));
    return new Promise<T>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const finish = (): void => {
        this.waiters = this.waiters.filter((w) => w.check !== check);
        if (timer) clearTimeout(timer);
        this.onBlockChange();
      };
      const check = (): void => {
        let value: T | undefined;
        try {
          value = attempt();
        } catch (err) {
          finish();
          reject(err);
          return;
        }
        if (value === undefined) return;
        finish();
        resolve(value);
      };
      const since = this.now();
      // Arrays are replaced, never changed in place, so a wake pass can walk the one it started with.
      this.waiters = [...this.waiters, { check, call: { op, since, deadline: this.timeout === null ? null : since + this.timeout * 1e6 } }];
      if (this.timeout !== null) {
        timer = setTimeout(() => {
          finish();
          reject(new LabError(SOCKET_TIMEOUT));
        }, this.timeout * 1000);
      }
      this.onBlockChange();
    });
  }

  private waking = false;
  private wakeAgain = false;

  /**
   * Re-runs every waiting attempt. A successful attempt often changes the
   * socket and wakes it again; that nested wake is folded into another pass
   * here, so no attempt ever runs inside itself (which could take data twice).
   */
  wake(): void {
    if (this.waiters.length === 0) return;
    if (this.waking) {
      this.wakeAgain = true;
      return;
    }
    this.waking = true;
    try {
      do {
        this.wakeAgain = false;
        // A check may remove itself (and others): walk this pass's array, skipping those already gone.
        const pass = this.waiters;
        for (const waiter of pass) if (this.waiters.includes(waiter)) waiter.check();
      } while (this.wakeAgain);
    } finally {
      this.waking = false;
    }
  }
}

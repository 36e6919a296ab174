import { LabError, SOCKET_TIMEOUT, type LabErrorInfo } from "../../shared/errors";

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
  private readonly waiters = new Set<() => void>();

  get waiting(): number {
    return this.waiters.size;
  }

  run<T>(attempt: Attempt<T>, wouldBlock: LabErrorInfo): Promise<T> {
    const now = attempt();
    if (now !== undefined) return Promise.resolve(now);
    if (this.timeout === 0) return Promise.reject(new LabError(wouldBlock));
    return new Promise<T>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const finish = (): void => {
        this.waiters.delete(check);
        if (timer) clearTimeout(timer);
      };
      const check = (): void => {
        try {
          const value = attempt();
          if (value === undefined) return;
          finish();
          resolve(value);
        } catch (err) {
          finish();
          reject(err);
        }
      };
      this.waiters.add(check);
      if (this.timeout !== null) {
        timer = setTimeout(() => {
          finish();
          reject(new LabError(SOCKET_TIMEOUT));
        }, this.timeout * 1000);
      }
    });
  }

  wake(): void {
    for (const check of [...this.waiters]) check();
  }
}

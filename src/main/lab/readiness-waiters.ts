/**
 * poll() and select() calls that wait for any socket to become ready. Each
 * waiter re-evaluates when some socket's readiness changed; a timeout ends
 * the wait with the empty answer, as poll() returning [] does.
 */
export class ReadinessWaiters {
  private readonly waiters = new Set<() => void>();
  private notifying = false;
  private again = false;

  wait<T>(evaluate: () => T | undefined, timeoutMs: number | null, onTimeout: () => T): Promise<T> {
    const now = evaluate();
    if (now !== undefined) return Promise.resolve(now);
    if (timeoutMs === 0) return Promise.resolve(onTimeout());
    return new Promise<T>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const finish = (): void => {
        this.waiters.delete(check);
        if (timer) clearTimeout(timer);
      };
      const check = (): void => {
        try {
          const value = evaluate();
          if (value === undefined) return;
          finish();
          resolve(value);
        } catch (err) {
          finish();
          reject(err);
        }
      };
      this.waiters.add(check);
      if (timeoutMs !== null) {
        timer = setTimeout(() => {
          finish();
          resolve(onTimeout());
        }, timeoutMs);
      }
    });
  }

  notify(): void {
    if (this.waiters.size === 0) return;
    if (this.notifying) {
      this.again = true;
      return;
    }
    this.notifying = true;
    try {
      do {
        this.again = false;
        for (const check of [...this.waiters]) if (this.waiters.has(check)) check();
      } while (this.again);
    } finally {
      this.notifying = false;
    }
  }
}

import { abortReason, LabError, type LabErrorInfo } from "../../shared/errors";
import { FoldedLoop } from "./folded-loop";

interface Waiter {
  readonly fds: ReadonlySet<number>;
  /** Re-evaluates; settles and leaves when the answer is ready. */
  check(): void;
  /** Ends the wait with this error. */
  end(reason: LabErrorInfo): void;
}

/**
 * poll() and select() calls that wait for any of their sockets to become
 * ready. A waiter re-evaluates only when one of its own fds changed: a page
 * polling 100,000 fds must not make every other socket's packet cost a scan
 * of them. A timeout ends the wait with the empty answer, as poll() returning
 * [] does; an aborted signal ends it with the signal's reason.
 */
export class ReadinessWaiters {
  private readonly byFd = new Map<number, Set<Waiter>>();
  private readonly dirty = new Set<number>();
  /** A settled waiter often changes another socket (and so notifies again): that is folded into the running pass. */
  private readonly loop = new FoldedLoop();

  wait<T>(fds: Iterable<number>, evaluate: () => T | undefined, timeoutMs: number | null, onTimeout: () => T, signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) return Promise.reject(new LabError(abortReason(signal)));
    const now = evaluate();
    if (now !== undefined) return Promise.resolve(now);
    if (timeoutMs === 0) return Promise.resolve(onTimeout());
    return new Promise<T>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const finish = (): void => {
        for (const fd of waiter.fds) {
          const set = this.byFd.get(fd);
          set?.delete(waiter);
          if (set?.size === 0) this.byFd.delete(fd);
        }
        if (timer) clearTimeout(timer);
        signal?.removeEventListener("abort", abort);
      };
      const end = (reason: LabErrorInfo): void => {
        finish();
        reject(new LabError(reason));
      };
      const abort = (): void => end(abortReason(signal!));
      const waiter: Waiter = {
        fds: new Set(fds),
        end,
        check: () => {
          try {
            const value = evaluate();
            if (value === undefined) return;
            finish();
            resolve(value);
          } catch (err) {
            finish();
            reject(err);
          }
        },
      };
      for (const fd of waiter.fds) {
        let set = this.byFd.get(fd);
        if (!set) this.byFd.set(fd, (set = new Set()));
        set.add(waiter);
      }
      if (timeoutMs !== null) {
        timer = setTimeout(() => {
          finish();
          resolve(onTimeout());
        }, timeoutMs);
      }
      signal?.addEventListener("abort", abort, { once: true });
    });
  }

  /** Ends every wait that watches `fd` with `reason` (Ctrl+C); returns how many. */
  interrupt(fd: number, reason: LabErrorInfo): number {
    const waiting = [...(this.byFd.get(fd) ?? [])];
    for (const waiter of waiting) waiter.end(reason);
    return waiting.length;
  }

  /** `fd`'s readiness changed (or it was closed): its waiters re-evaluate. */
  notify(fd: number): void {
    if (!this.byFd.has(fd)) return;
    this.dirty.add(fd);
    this.loop.run(() => {
      for (const next of this.dirty) {
        this.dirty.delete(next);
        const set = this.byFd.get(next);
        if (!set) continue;
        for (const waiter of [...set]) if (set.has(waiter)) waiter.check();
      }
    });
  }
}

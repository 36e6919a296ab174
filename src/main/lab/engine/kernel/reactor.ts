/**
 * How the kernel engine learns that a kernel socket changed without reading
 * its bytes (in manual mode they must stay in the kernel's queue): one-shot
 * readiness waits, `wait(fd, events) → revents`.
 *
 * Design (measured in bench/kernel.reactor.bench.ts, see README.md here):
 * a wait whose fd is ready already is answered at once (poll(2) with timeout
 * 0, ~0.5 µs through koffi; capped, see FAST_PATH_LIMIT). Otherwise, while
 * something waits and the sockets are busy, a setImmediate loop calls
 * poll(2) with timeout 0 over every waiting fd (~0.5 µs a call, no thread
 * hop); after SPIN_MS without a wake-up it parks: one poll(2) on koffi's
 * worker thread over the waiting fds plus an eventfd, which a new wait
 * signals to re-plan. Nothing runs when nothing waits.
 */
import { POLL } from "./constants";
import { errnoOf } from "./errno";
import * as k from "./syscalls";

/**
 * How long the loop keeps spinning after the last wake-up before it parks on
 * a blocking poll: long enough for a peer in another process on loopback to
 * answer (python's echo does in well under 0.1 ms), short enough that a
 * socket fed every millisecond parks between datagrams instead of keeping a
 * core busy (README.md here: 2 ms made eight agents on two cores spend most
 * of them spinning).
 */
export const SPIN_MS = 0.1;

/**
 * Waits answered on the spot (the fd already ready) before one goes through
 * setImmediate: the fast path saves a loop turn per wait on loopback, the cap
 * keeps a consumer of always-ready fds from starving timers and other I/O.
 */
export const FAST_PATH_LIMIT = 32;

interface Waiter {
  readonly fd: number;
  readonly events: number;
  readonly resolve: (revents: number) => void;
}

export interface ReactorStats {
  /** poll(2) calls made with timeout 0 by the spin loop. */
  spins: number;
  /** Blocking polls on koffi's worker thread. */
  parks: number;
  /** Waits answered at once because the fd was already ready. */
  fast: number;
}

export class Reactor {
  private readonly waiters = new Set<Waiter>();
  private readonly wake = k.eventfd();
  private spinning = false;
  private parked = false;
  private closed = false;
  private lastWake = 0;
  private fastInARow = 0;
  readonly stats: ReactorStats = { spins: 0, parks: 0, fast: 0 };

  /** Resolves with the fd's revents once any of `events` (or POLLERR/POLLHUP/POLLNVAL) holds. */
  wait(fd: number, events: number): Promise<number> {
    if (this.closed) return Promise.reject(new Error("reactor closed"));
    if (this.fastInARow < FAST_PATH_LIMIT) {
      const [now] = k.pollSync([{ fd, events }], 0);
      if (now) {
        this.fastInARow += 1;
        this.stats.fast += 1;
        this.lastWake = performance.now();
        return Promise.resolve(now);
      }
    }
    return new Promise((resolve) => {
      this.waiters.add({ fd, events, resolve });
      this.lastWake = performance.now();
      if (this.parked) k.eventfdSignal(this.wake);
      else this.spin();
    });
  }

  /** Resolves every waiter ready now; true if any was. */
  private sweep(): boolean {
    const list = [...this.waiters];
    if (list.length === 0) return false;
    const revents = k.pollSync(list.map((w) => ({ fd: w.fd, events: w.events })), 0);
    let any = false;
    list.forEach((w, i) => {
      const r = revents[i] ?? 0;
      if (r !== 0) {
        this.waiters.delete(w);
        w.resolve(r);
        any = true;
      }
    });
    return any;
  }

  private spin(): void {
    if (this.spinning || this.closed) return;
    this.spinning = true;
    const tick = (): void => {
      this.stats.spins += 1;
      this.fastInARow = 0;
      if (this.sweep()) this.lastWake = performance.now();
      if (this.closed || this.waiters.size === 0) {
        this.spinning = false;
        return;
      }
      if (performance.now() - this.lastWake < SPIN_MS) setImmediate(tick);
      else {
        this.spinning = false;
        void this.park();
      }
    };
    setImmediate(tick);
  }

  private async park(): Promise<void> {
    this.parked = true;
    this.stats.parks += 1;
    const list = [...this.waiters];
    try {
      await k.pollAsync([...list.map((w) => ({ fd: w.fd, events: w.events })), { fd: this.wake, events: POLL.POLLIN }], -1);
    } catch (error) {
      // EINTR from a signal is an ordinary wake-up. Anything else (ENOMEM) is
      // retried after a breath; a bad fd shows as POLLNVAL in the next sweep.
      if (errnoOf(error) !== "EINTR") await new Promise((r) => setTimeout(r, 10));
    }
    this.parked = false;
    k.eventfdDrain(this.wake);
    if (this.closed) return;
    this.lastWake = performance.now();
    this.spin();
  }

  /** Drops the waits on `fd` (they never resolve), so a parked poll does not keep waiting for a socket nobody watches. */
  cancel(fd: number): void {
    let dropped = false;
    for (const w of this.waiters) {
      if (w.fd === fd) {
        this.waiters.delete(w);
        dropped = true;
      }
    }
    if (dropped && this.parked) k.eventfdSignal(this.wake);
  }

  /** Stops the loop; pending waits never resolve (their fds are being closed by the caller). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.waiters.clear();
    // A parked poll holds the eventfd: wake it, and close the fd once it returned.
    if (this.parked) k.eventfdSignal(this.wake);
    const done = (): void => {
      if (this.parked) setTimeout(done, 1);
      else k.close(this.wake);
    };
    done();
  }
}

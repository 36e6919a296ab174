/**
 * How the kernel engine hears that a socket changed: one epoll instance
 * holds every kernel socket the Lab owns, edge-triggered, and the reactor
 * waits (without reading a byte) until that instance is readable.
 *
 * Edge-triggered matters twice. Linux reports an edge for every new arrival
 * even on a socket that is already readable, and for state changes poll()
 * cannot see (our FIN acknowledged: FIN_WAIT1 → FIN_WAIT2), so bytes left in
 * the receive queue in manual mode never hide newer ones. And a socket that
 * stays hung up (POLLHUP) wakes nobody twice, where a level-triggered wait
 * would spin on it.
 */
import { POLL } from "./constants";
import { EPOLL } from "./epoll-event";
import { Reactor } from "./reactor";
import * as k from "./syscalls";

/** What a kernel socket is told about: every poll() bit and a state change. */
const WATCHED = POLL.POLLIN | POLL.POLLPRI | POLL.POLLOUT | POLL.POLLRDHUP | EPOLL.EPOLLET;

/** Edges handled per epoll_wait; more simply take another turn. */
const BATCH = 256;

export type KernelEventHandler = (events: number) => void;

export class KernelMonitor {
  private readonly epfd = k.epollCreate();
  private readonly reactor = new Reactor();
  private readonly handlers = new Map<number, KernelEventHandler>();
  private waiting = false;

  add(fd: number, handler: KernelEventHandler): void {
    k.epollCtl(this.epfd, EPOLL.EPOLL_CTL_ADD, fd, WATCHED, fd);
    this.handlers.set(fd, handler);
    this.arm();
  }

  /** Before the fd is closed: close(2) would drop it from the epoll set too, but a later fd with the same number must not inherit the handler. */
  remove(fd: number): void {
    if (!this.handlers.delete(fd)) return;
    k.epollCtl(this.epfd, EPOLL.EPOLL_CTL_DEL, fd, 0, 0);
    // No socket left: stop waiting, so an idle Lab holds no parked poll (and a CLI run can exit).
    if (this.handlers.size === 0 && this.waiting) {
      this.waiting = false;
      this.reactor.cancel(this.epfd);
    }
  }

  private arm(): void {
    if (this.waiting || this.handlers.size === 0) return;
    this.waiting = true;
    void this.reactor.wait(this.epfd, POLL.POLLIN).then(() => {
      if (!this.waiting) return;
      this.waiting = false;
      this.drain();
      this.arm();
    });
  }

  /** Hands every pending edge to its socket. A handler may close sockets; a removed fd's edge is dropped. */
  private drain(): void {
    for (;;) {
      const ready = k.epollWait(this.epfd, BATCH);
      for (const { token, events } of ready) this.handlers.get(token)?.(events);
      if (ready.length < BATCH) return;
    }
  }
}

let shared: KernelMonitor | null = null;

/** One monitor per process: kernel fds are the process's, whichever Lab opened them. */
export function kernelMonitor(): KernelMonitor {
  shared ??= new KernelMonitor();
  return shared;
}

import type { LinuxTcpState, SocketSnapshot } from "../../shared/socket-model";

/**
 * The kernel's states a socket went through, as the page saw them: each
 * `state` event carries the socket's tcp_info state (kernel engine), and a
 * change from the last one seen is a step. The Lab sends one state event
 * per turn of its event loop, so a state the kernel passed through within
 * one turn (FIN_WAIT1 on a fast loopback ACK) may not be seen: the history
 * shows what was observed, never a guess.
 */

/** Steps kept per socket (the newest): a connection's life has about six states; more means it was reused oddly. */
export const KERNEL_HISTORY_LIMIT = 12;

export interface KernelStep {
  readonly state: LinuxTcpState;
  /** Lab µs of the event that showed it; null when it came from a snapshot (the page does not know when it happened). */
  readonly t: number | null;
}

export interface KernelHistory {
  /** Oldest first; the last is the state now. */
  readonly steps: readonly KernelStep[];
  /** Older steps the bound pushed out. */
  readonly trimmed: number;
}

/** `history` with `state` appended when it differs from the last step; the same object when it does not. */
export function advance(history: KernelHistory | undefined, state: LinuxTcpState, t: number | null): KernelHistory {
  if (!history || history.steps.length === 0) return { steps: [{ state, t }], trimmed: history?.trimmed ?? 0 };
  if (history.steps.at(-1)!.state === state) return history;
  const steps = [...history.steps, { state, t }];
  const over = Math.max(0, steps.length - KERNEL_HISTORY_LIMIT);
  return { steps: over > 0 ? steps.slice(over) : steps, trimmed: history.trimmed + over };
}

/** One step per socket the kernel can describe: a snapshot says where each socket is, not how it got there. */
export function historiesFromSnapshot(sockets: readonly SocketSnapshot[]): Map<number, KernelHistory> {
  const out = new Map<number, KernelHistory>();
  for (const s of sockets) if (s.kernel) out.set(s.fd, advance(undefined, s.kernel.state, null));
  return out;
}

/**
 * What an earlier page of this tab saw (a reload), continued to where the
 * Lab's snapshot says each socket is now; only for sockets still open.
 */
export function restoreHistories(saved: ReadonlyMap<number, KernelHistory>, now: ReadonlyMap<number, KernelHistory>): Map<number, KernelHistory> {
  const out = new Map(now);
  for (const [fd, history] of saved) {
    const current = now.get(fd)?.steps.at(-1);
    if (!current) continue;
    out.set(fd, advance(history, current.state, current.t));
  }
  return out;
}

import type { KernelTcpInfo } from "../../../../shared/socket-model";

/** tcp_info's ssthresh before the first loss (TCP_INFINITE_SSTHRESH): no threshold yet. */
const INFINITE_SSTHRESH = 0x7fffffff;

/** µs as milliseconds with two decimals: tcp_info's rtt on loopback is tens of µs, so fewer would read 0. */
export function ms2(us: number): string {
  return (us / 1000).toFixed(2);
}

/** rtt ± rttvar, as `ss -i` reads them, in ms. */
export function formatRtt(tcp: Pick<KernelTcpInfo, "rtt" | "rttvar">): string {
  return `${ms2(tcp.rtt)} ± ${ms2(tcp.rttvar)} ms`;
}

/** A timer in µs: whole ms up to a second (rto starts at 200 ms), seconds beyond. */
export function formatTimer(us: number): string {
  const ms = us / 1000;
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

export function formatSsthresh(ssthresh: number): string {
  return ssthresh >= INFINITE_SSTHRESH ? "∞" : String(ssthresh);
}

/**
 * The time between two steps of a socket's history, in the unit that
 * keeps it readable: µs on a fast loopback, ms, then seconds.
 */
export function formatGap(us: number): string {
  if (us < 1000) return `+${Math.round(us)} µs`;
  if (us < 1_000_000) return `+${(us / 1000).toFixed(us < 10_000 ? 2 : 1)} ms`;
  return `+${(us / 1_000_000).toFixed(2)} s`;
}

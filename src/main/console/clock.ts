/**
 * One clock for a console and its agents, NTP's way: the console reads its
 * own clock, asks an agent for its Lab's (`clock`), and reads its own again.
 * The agent read its clock somewhere between the two, so its offset from the
 * console's lies within half the round trip of the midpoint; the exchange
 * with the shortest round trip bounds it tightest. Two such bounds far apart
 * in time give the drift. All times are microseconds on the Labs' event
 * clocks (each event's `t`), so an agent's event maps onto the console's
 * timeline with `toLocal`.
 */

export interface ClockSample {
  /** The console's clock just before it asked. */
  readonly sent: number;
  /** The agent's clock, read while the question was there. */
  readonly remote: number;
  /** The console's clock just after the answer came. */
  readonly received: number;
}

export interface ClockEstimate {
  /** remote − local, µs, at `at` on the console's clock. */
  readonly offsetUs: number;
  /** The true offset at `at` lies within offsetUs ± uncertaintyUs: half the round trip of the exchange that bounds it. */
  readonly uncertaintyUs: number;
  /** When (console clock, µs) the offset holds; away from it drift adds up. */
  readonly at: number;
  /** How much faster the agent's clock runs, parts per million, and the bound on that; null until the samples span DRIFT_SPAN_US. */
  readonly drift: { readonly ppm: number; readonly uncertaintyPpm: number } | null;
  readonly samples: number;
}

/** Samples must span this long (µs) before drift is estimated: over less, the round trips' noise swamps it. */
export const DRIFT_SPAN_US = 1_000_000;

interface Bound {
  readonly at: number;
  readonly offset: number;
  readonly half: number;
}

function tightest(samples: readonly ClockSample[]): Bound {
  let best = samples[0]!;
  for (const s of samples) if (s.received - s.sent < best.received - best.sent) best = s;
  const at = (best.sent + best.received) / 2;
  return { at, offset: best.remote - at, half: (best.received - best.sent) / 2 };
}

/** The offset (and, over a long enough span, the drift) that the samples bound. */
export function estimateClock(samples: readonly ClockSample[]): ClockEstimate {
  if (samples.length === 0) throw new RangeError("a clock estimate needs at least one exchange");
  const ordered = [...samples].sort((a, b) => a.sent - b.sent);
  const span = ordered.at(-1)!.received - ordered[0]!.sent;
  if (span < DRIFT_SPAN_US || ordered.at(-1)!.sent - ordered[0]!.received < (2 * span) / 3) {
    const b = tightest(ordered);
    return { offsetUs: b.offset, uncertaintyUs: b.half, at: b.at, drift: null, samples: samples.length };
  }
  // The first and last thirds of the span (by time: a burst at the start counts as one moment) each bound
  // the offset at their time; the line through them is the drift.
  const start = ordered[0]!.sent;
  const end = ordered.at(-1)!.received;
  const early = tightest(ordered.filter((x) => x.received <= start + span / 3));
  const late = tightest(ordered.filter((x) => x.sent >= end - span / 3));
  const elapsed = late.at - early.at;
  const ppm = ((late.offset - early.offset) / elapsed) * 1e6;
  const uncertaintyPpm = ((early.half + late.half) / elapsed) * 1e6;
  return { offsetUs: late.offset, uncertaintyUs: late.half, at: late.at, drift: { ppm, uncertaintyPpm }, samples: samples.length };
}

/** An agent's event time on the console's clock, and how far off it may be (the drift's bound counted from `at`). */
export function toLocal(estimate: ClockEstimate, remoteT: number): { readonly t: number; readonly uncertaintyUs: number } {
  const ppm = estimate.drift?.ppm ?? 0;
  // remote = local + offset + ppm·(local − at)/1e6, solved for local.
  const t = (remoteT - estimate.offsetUs + (ppm / 1e6) * estimate.at) / (1 + ppm / 1e6);
  const away = Math.abs(t - estimate.at);
  return { t, uncertaintyUs: estimate.uncertaintyUs + ((estimate.drift?.uncertaintyPpm ?? 0) / 1e6) * away };
}

/** Exchanges with an agent, one after another so none waits behind another; `remoteNow` asks it (the `clock` command). */
export async function sampleClock(localNow: () => number, remoteNow: () => Promise<number>, exchanges: number): Promise<ClockSample[]> {
  const samples: ClockSample[] = [];
  for (let i = 0; i < exchanges; i++) {
    const sent = localNow();
    const remote = await remoteNow();
    samples.push({ sent, remote, received: localNow() });
  }
  return samples;
}

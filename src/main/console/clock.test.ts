import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DRIFT_SPAN_US, estimateClock, sampleClock, toLocal, type ClockSample } from "./clock";

/**
 * An agent whose clock is `offset` µs ahead at local time 0 and runs `ppm`
 * faster; each exchange's two legs take any time (asymmetric, as a loaded
 * network makes them).
 */
function exchanges(offset: number, ppm: number, legs: readonly [number, number, number][]): ClockSample[] {
  const remoteAt = (local: number): number => local + offset + (ppm / 1e6) * local;
  return legs.map(([start, out, back]) => ({ sent: start, remote: remoteAt(start + out), received: start + out + back }));
}

const leg = fc.integer({ min: 20, max: 20_000 });

describe("the console's clock for an agent", () => {
  it("bounds the true offset: it lies within the estimate's uncertainty, however the round trips split", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.array(fc.tuple(leg, leg), { minLength: 1, maxLength: 12 }), (offset, trips) => {
        let start = 5_000;
        const legs = trips.map(([out, back]) => {
          const l: [number, number, number] = [start, out, back];
          start += out + back + 100;
          return l;
        });
        const estimate = estimateClock(exchanges(offset, 0, legs));
        expect(Math.abs(estimate.offsetUs - offset)).toBeLessThanOrEqual(estimate.uncertaintyUs + 1e-6);
        // The tightest exchange sets the bound: half its round trip.
        expect(estimate.uncertaintyUs).toBe(Math.min(...trips.map(([o, b]) => o + b)) / 2);
        expect(estimate.drift).toBeNull();
      }),
    );
  });

  it("measures drift once the exchanges span a second, within its own bound, and maps an agent's event back within the stated uncertainty", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e8, max: 1e8 }), fc.integer({ min: -200, max: 200 }), fc.array(fc.tuple(leg, leg), { minLength: 12, maxLength: 30 }), (offset, ppm, trips) => {
        const every = (3 * DRIFT_SPAN_US) / trips.length;
        const legs = trips.map(([out, back], i): [number, number, number] => [i * every, out, back]);
        const estimate = estimateClock(exchanges(offset, ppm, legs));
        expect(estimate.drift).not.toBeNull();
        expect(Math.abs(estimate.drift!.ppm - ppm)).toBeLessThanOrEqual(estimate.drift!.uncertaintyPpm + 1e-6);
        // An event the agent stamped at local time T (before, inside and after the sampled span).
        for (const T of [0, 1.5 * DRIFT_SPAN_US, 10 * DRIFT_SPAN_US]) {
          const mapped = toLocal(estimate, T + offset + (ppm / 1e6) * T);
          expect(Math.abs(mapped.t - T)).toBeLessThanOrEqual(mapped.uncertaintyUs + 1e-3);
        }
      }),
    );
  });

  it("resolves a crystal's drift when the round trips are short: 35 ppm over ten seconds of 100 µs exchanges", () => {
    const legs = Array.from({ length: 20 }, (_, i): [number, number, number] => [i * 500_000, 40 + (i % 3) * 10, 60]);
    const estimate = estimateClock(exchanges(123_456, 35, legs));
    expect(estimate.drift!.ppm).toBeCloseTo(35, 0);
    expect(estimate.drift!.uncertaintyPpm).toBeLessThan(25);
    expect(Math.abs(estimate.offsetUs - (123_456 + 35e-6 * estimate.at))).toBeLessThanOrEqual(estimate.uncertaintyUs);
  });

  it("measures drift between a burst at the start and a later exchange: the burst counts as one moment, not a third of the samples", () => {
    const burst = Array.from({ length: 8 }, (_, i): [number, number, number] => [i * 200, 50, 50]);
    const estimate = estimateClock(exchanges(-5_000_000, 20, [...burst, [2_000_000, 50, 50]]));
    expect(estimate.drift!.ppm).toBeCloseTo(20, 0);
    // ±50 µs at each end over 2 s; measured inside the burst it would be thousands of ppm.
    expect(estimate.drift!.uncertaintyPpm).toBeLessThan(60);
  });

  it("asks one exchange at a time", async () => {
    let now = 0;
    let inFlight = 0;
    const samples = await sampleClock(
      () => (now += 10),
      async () => {
        inFlight += 1;
        expect(inFlight).toBe(1);
        await new Promise((resolve) => setTimeout(resolve, 1));
        inFlight -= 1;
        return 1_000_000 + now;
      },
      5,
    );
    expect(samples).toHaveLength(5);
    for (const s of samples) expect(s.sent).toBeLessThan(s.received);
    expect(() => estimateClock([])).toThrow(RangeError);
  });
});

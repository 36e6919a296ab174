import { describe, expect, it } from "vitest";
import { formatGap, formatRtt, formatSsthresh, formatTimer } from "./kernel-format";

describe("tcp_info's numbers as a person reads them", () => {
  it("rtt ± rttvar in ms with two decimals (loopback rtts are tens of µs)", () => {
    expect(formatRtt({ rtt: 33, rttvar: 16 })).toBe("0.03 ± 0.02 ms");
    expect(formatRtt({ rtt: 12_345, rttvar: 1_000 })).toBe("12.35 ± 1.00 ms");
  });

  it("timers in whole ms, seconds past one", () => {
    expect(formatTimer(200_000)).toBe("200 ms");
    expect(formatTimer(204_000)).toBe("204 ms");
    expect(formatTimer(3_000_000)).toBe("3.00 s");
  });

  it("ssthresh before the first loss is no threshold: ∞", () => {
    expect(formatSsthresh(2147483647)).toBe("∞");
    expect(formatSsthresh(7)).toBe("7");
  });

  it("the time between two states in the unit that keeps it short", () => {
    expect(formatGap(407)).toBe("+407 µs");
    expect(formatGap(2_345)).toBe("+2.35 ms");
    expect(formatGap(123_456)).toBe("+123.5 ms");
    expect(formatGap(2_500_000)).toBe("+2.50 s");
  });
});

import { describe, expect, it } from "vitest";
import { expectationHolds, jsonEqual } from "./expect";

describe("expectationHolds", () => {
  const failed = { step: 1, op: "send", ok: false, error: { type: "BrokenPipeError", errno: "EPIPE" } } as const;
  const timedOut = { step: 2, op: "recv", ok: false, error: { type: "TimeoutError", errno: null } } as const;
  const value = { step: 3, op: "poll", ok: true, value: [["conn", 5]] } as const;

  it("matches an error by errno name or by exception type", () => {
    expect(expectationHolds({ error: "EPIPE" }, failed)).toBe(true);
    expect(expectationHolds({ error: "BrokenPipeError" }, failed)).toBe(true);
    expect(expectationHolds({ error: "OSError" }, failed)).toBe(false);
    expect(expectationHolds({ error: "TimeoutError" }, timedOut)).toBe(true);
    expect(expectationHolds({ error: "EPIPE" }, value)).toBe(false);
  });

  it("compares values as JSON", () => {
    expect(expectationHolds({ value: [["conn", 5]] }, value)).toBe(true);
    expect(expectationHolds({ value: [["conn", 4]] }, value)).toBe(false);
    expect(expectationHolds({ value: null }, failed)).toBe(false);
    expect(jsonEqual({ a: 1, b: [true] }, { b: [true], a: 1 })).toBe(true);
    expect(jsonEqual(true, 1)).toBe(false);
    expect(jsonEqual({ hex: "" }, { hex: "", x: undefined })).toBe(false);
  });
});

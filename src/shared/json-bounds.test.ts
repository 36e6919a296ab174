import { describe, expect, it } from "vitest";
import { jsonBoundsProblem } from "./json-bounds";

describe("json bounds", () => {
  it("refuses deep nesting and too many values without walking them first", () => {
    let deep: unknown = 0;
    for (let i = 0; i < 5000; i++) deep = [deep];
    expect(jsonBoundsProblem(deep, { maxDepth: 64, maxNodes: 1e6 })).toBe("nested deeper than 64 levels");
    expect(jsonBoundsProblem(new Array(3_000_000).fill(0), { maxDepth: 64, maxNodes: 2e6 })).toBe("more than 2,000,000 values");
    expect(jsonBoundsProblem({ a: [1, { b: "x" }], t: new Uint8Array(1e6) }, { maxDepth: 64, maxNodes: 100 })).toBeNull();
  });
});

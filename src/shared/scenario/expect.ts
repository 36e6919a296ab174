import type { Expectation } from "./schema";
import type { TranscriptLine } from "./transcript";

/**
 * Whether a step's outcome meets its `expect` (references already resolved).
 * The same rule as the exported program's `expectation_holds`, so the Lab
 * and CPython agree on which lines get `expect_failed`: an expected error
 * matches the exception type or the errno name; an expected value must be
 * JSON-equal, where true is not 1 and key order does not matter.
 */
export function expectationHolds(expected: Expectation, line: TranscriptLine): boolean {
  if ("error" in expected) return !line.ok && (expected.error === line.error.type || expected.error === line.error.errno);
  return line.ok && jsonEqual(line.value, expected.value);
}

export function jsonEqual(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => jsonEqual(item, b[i]));
  }
  if (typeof a === "object" && a !== null && typeof b === "object" && b !== null) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return (
      ka.length === kb.length &&
      ka.every((k) => Object.hasOwn(b, k) && jsonEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
    );
  }
  return a === b;
}

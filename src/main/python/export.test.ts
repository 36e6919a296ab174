import { describe, expect, it } from "vitest";
import { normalizeTranscript, parseTranscript } from "../../shared/scenario";
import { exportPython } from "./export";
import { loadFixtures } from "./load-fixtures";
import { runPython } from "./run-python";

/**
 * Each fixture is exported, run by the real CPython, and its transcript
 * compared with the one written down in fixtures/<name>.expected.json — the
 * same file the Lab's runner is held to.
 */
describe("exported programs on CPython", () => {
  const fixtures = loadFixtures();

  it("covers the required behaviours", () => {
    const names = fixtures.map((f) => f.name);
    for (const name of ["half-close", "send-after-shut-wr", "recv-timeout", "nonblocking", "connect-refused", "bind-in-use",
      "udp-truncation", "poll", "select", "framing-u32be", "framing-delimiter", "expect-failed"]) {
      expect(names).toContain(name);
    }
  });

  it.each(fixtures.map((f) => [f.name, f] as const))("%s prints the expected transcript", async (_name, fixture) => {
    const run = await runPython(exportPython(fixture.scenario, { style: "transcript" }));
    expect(run.stderr).toBe("");
    expect(normalizeTranscript(parseTranscript(run.stdout))).toEqual(fixture.transcript);
    expect(run.status).toBe(fixture.exitCode);
  });
});

import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseScenario, type Scenario, type TranscriptLine } from "../../shared/scenario";

/**
 * Scenarios with the transcript CPython on Linux prints for them (ports
 * normalized), checked by hand against the kernel's behaviour. They are the
 * spec for both the exporter and the Lab's scenario runner: `<name>.json` is
 * the scenario, `<name>.expected.json` holds `{exitCode, transcript}`.
 */
export const FIXTURE_DIR = fileURLToPath(new URL("./fixtures/", import.meta.url));

export interface Fixture {
  readonly name: string;
  readonly file: string;
  readonly scenario: Scenario;
  readonly exitCode: number;
  readonly transcript: readonly TranscriptLine[];
}

export function loadFixtures(dir: string = FIXTURE_DIR): Fixture[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json") && !f.endsWith(".expected.json"))
    .sort()
    .map((file) => {
      const parsed = parseScenario(readFileSync(dir + file, "utf8"), file);
      if (!parsed.ok) throw new Error(parsed.error.message);
      const expected = JSON.parse(readFileSync(dir + file.replace(/\.json$/, ".expected.json"), "utf8")) as {
        exitCode: number;
        transcript: TranscriptLine[];
      };
      return { name: file.replace(/\.json$/, ""), file: dir + file, scenario: parsed.scenario, ...expected };
    });
}

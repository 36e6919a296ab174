import { readFile } from "node:fs/promises";
import { parseScenario, type Scenario } from "../../shared/scenario";
import { UsageError } from "./args";

/** A malformed scenario: the message names the step and field; exit status 2. */
export class ScenarioFileError extends Error {}

/** Reads and validates a scenario file (JSON or YAML). */
export async function loadScenarioFile(path: string): Promise<Scenario> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    throw new UsageError(`cannot read ${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const parsed = parseScenario(text, path);
  if (!parsed.ok) throw new ScenarioFileError(parsed.problems.join("\n"));
  return parsed.scenario;
}

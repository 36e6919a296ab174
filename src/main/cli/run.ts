import { printable } from "../../shared/printable";
import type { TranscriptLine } from "../../shared/scenario";
import type { EngineChoice } from "../lab/engine/choose";
import { Lab } from "../lab/lab";
import { ScenarioRunner } from "../scenario/runner";
import type { Scenario } from "../../shared/scenario";

export type TranscriptFormat = "ndjson" | "text";

function show(value: unknown): string {
  return JSON.stringify(value);
}

/** One line a person reads: "  9 send        ✗ BrokenPipeError [EPIPE]". */
export function textLine(line: TranscriptLine): string {
  const head = `${String(line.step).padStart(3)} ${line.op.padEnd(12)}`;
  const outcome = line.ok ? `→ ${show(line.value)}` : `✗ ${line.error.type}${line.error.errno ? ` [${line.error.errno}]` : ""}`;
  const failed = line.expect_failed ? `   EXPECTATION FAILED, expected ${show(line.expected)}` : "";
  return `${head} ${outcome}${failed}`;
}

/** `socket-lab run`: the transcript on stdout as it happens; true when every expect held. */
export async function runScenario(scenario: Scenario, format: TranscriptFormat, write: (line: string) => void, engine: EngineChoice = "auto"): Promise<boolean> {
  const lab = new Lab({ engine });
  try {
    // The name and title come from a file: printed as escapes, never as terminal control sequences.
    if (format === "text") write(`# ${printable(scenario.name)}${scenario.title ? `: ${printable(scenario.title.en)}` : ""}`);
    const result = await new ScenarioRunner(lab).run(scenario, (line) => write(format === "ndjson" ? JSON.stringify(line) : textLine(line)));
    if (format === "text") write(result.ok ? "# every expectation held" : "# some expectations failed");
    return result.ok;
  } finally {
    lab.closeAll();
  }
}

import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { normalizeTranscript, parseScenario, parseTranscript, type Scenario, type TranscriptLine } from "../../shared/scenario";
import type { EngineName } from "../../shared/socket-model";
import { Lab } from "../lab/lab";
import { exportPython } from "../python/export";
import { runPython } from "../python/run-python";
import { ScenarioRunner } from "./runner";

/** Every scenario file (JSON with "steps") in `dirs`, parsed. */
export async function loadScenarios(dirs: readonly string[]): Promise<{ file: string; scenario: Scenario }[]> {
  const out: { file: string; scenario: Scenario }[] = [];
  for (const dir of dirs) {
    for (const name of (await readdir(dir)).filter((f) => f.endsWith(".json")).sort()) {
      const text = await readFile(join(dir, name), "utf8");
      if (name.endsWith(".expected.json")) continue;
      const parsed = parseScenario(text, name);
      if (!parsed.ok) throw new Error(parsed.error.message);
      out.push({ file: name, scenario: parsed.scenario });
    }
  }
  return out;
}

export async function runInLab(scenario: Scenario, engine?: EngineName): Promise<TranscriptLine[]> {
  const lab = new Lab({ engine });
  try {
    return (await new ScenarioRunner(lab).run(scenario)).lines;
  } finally {
    lab.closeAll();
  }
}

/** Runs the exported program in real CPython and reads its transcript (exit 1 = an expectation failed). */
export async function runInPython(scenario: Scenario): Promise<TranscriptLine[]> {
  const run = await runPython(exportPython(scenario, { style: "transcript" }), 30_000);
  // Exit 1 also means a crash; a traceback tells the two apart.
  if ((run.status !== 0 && run.status !== 1) || run.stderr.includes("Traceback")) throw new Error(`python3 exited ${run.status}: ${run.stderr}`);
  return parseTranscript(run.stdout);
}

/**
 * Both transcripts, one JSON string per line, ports normalised after leaving
 * out `skipSteps` (so a step known to differ cannot shift the numbering of
 * ports in the lines that are compared).
 */
export async function bothTranscripts(
  scenario: Scenario,
  options: { readonly skipSteps?: ReadonlySet<number>; readonly engine?: EngineName } = {},
): Promise<{ lab: string[]; python: string[] }> {
  const skipSteps = options.skipSteps ?? new Set();
  const [lab, python] = await Promise.all([runInLab(scenario, options.engine), runInPython(scenario)]);
  const show = (lines: TranscriptLine[]) =>
    normalizeTranscript(lines.filter((line) => !skipSteps.has(line.step))).map((line) => JSON.stringify(line));
  return { lab: show(lab), python: show(python) };
}

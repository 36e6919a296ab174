import { namesHosts, type Scenario } from "../../shared/scenario";
import { invalidArgument, LabError } from "../../shared/errors";
import type { ExportStyle } from "../../shared/contract";
import { pyDocText } from "../../shared/python-literals";
import { CORE_PRELUDE, FRAMING_ERROR, FRAMING_PRELUDE, REPL_PRELUDE } from "./prelude";
import { replDocstring, replSteps } from "./repl";
import { stepSource } from "./steps";

export interface ExportOptions {
  /**
   * "repl" (default): the program a person would write, printing what the
   * console printed. "transcript": the lab's NDJSON transcript program, for
   * differential tests and comparisons with `socket-lab run`.
   */
  readonly style?: ExportStyle;
}

/** A complete Python 3 program (standard library only) that performs the scenario's steps with `socket`/`select`. */
export function exportPython(scenario: Scenario, options: ExportOptions = {}): string {
  if (namesHosts(scenario.steps)) {
    // One program per host, with the order they must run in, is issue 18's item 5; until then, no program that pretends to be one machine.
    throw new LabError(invalidArgument("this scenario names hosts: exporting one Python program per host is not done yet"));
  }
  return (options.style ?? "repl") === "repl" ? replProgram(scenario) : transcriptProgram(scenario);
}

const usesFraming = (scenario: Scenario): boolean => scenario.steps.some((s) => s.op === "send_frame" || s.op === "recv_frame");

/**
 * The session as a person would type it. Exit status 0 when every step went
 * as recorded; 1, with the traceback, when a step raises that the recording
 * did not expect to, or when one that should have raised did not.
 */
function replProgram(scenario: Scenario): string {
  const head = [
    "#!/usr/bin/env python3",
    `"""${pyDocText(replDocstring(scenario).join("\n"))}\n"""`,
    REPL_PRELUDE.trimEnd(),
    ...(usesFraming(scenario) ? ["", "", FRAMING_ERROR.trimEnd(), "", "", FRAMING_PRELUDE.trimEnd()] : []),
    "",
    "",
    "# ---- the session ----",
    "",
  ].join("\n").split("\n");
  return [...head, ...replSteps(scenario.steps, head.length + 1), ""].join("\n");
}

/**
 * The program that prints the same transcript the Lab prints (conventions:
 * src/shared/scenario/transcript.ts). Exit status 0 when every expectation
 * held, 1 otherwise.
 */
function transcriptProgram(scenario: Scenario): string {
  const title = scenario.title?.en.trim();
  const docstring = [
    `${scenario.name}${title ? `: ${title}` : ""}`,
    "",
    "Exported from Socket Lab. Performs the scenario's steps with the socket module and",
    "prints one JSON line per step (the lab's transcript format), then exits with",
    "status 0 if every expectation held, 1 otherwise. The helpers come first; the",
    "scenario itself, one statement per step, is at the end.",
    "",
    "Save it under a name that is no module it imports (not socket.py or select.py):",
    "Python would import the program itself instead.",
  ].join("\n");
  const steps = scenario.steps.map((step, i) => stepSource(step, i + 1));
  return [
    "#!/usr/bin/env python3",
    `"""${pyDocText(docstring)}\n"""`,
    CORE_PRELUDE.trimEnd(),
    "",
    "",
    FRAMING_ERROR.trimEnd(),
    ...(usesFraming(scenario) ? ["", "", FRAMING_PRELUDE.trimEnd()] : []),
    "",
    "",
    "# ---- the scenario ----",
    "",
    steps.join("\n\n"),
    "",
    "finish()",
    "",
  ].join("\n");
}

import { namesHosts, recvfromsKept, type Scenario, type Step } from "../../shared/scenario";
import { invalidArgument, LabError } from "../../shared/errors";
import type { ExportStyle } from "../../shared/contract";
import { pyDocText } from "../../shared/python-literals";
import { CORE_PRELUDE, FRAMING_ERROR, FRAMING_PRELUDE, REPL_PRELUDE } from "./prelude";
import { hostPart, partHosts } from "./per-host";
import { replDocstring, replSteps } from "./repl";
import { stepSource } from "./steps";

export interface ExportOptions {
  /**
   * "repl" (default): the program a person would write, printing what the
   * console printed. "transcript": the lab's NDJSON transcript program, for
   * differential tests and comparisons with `socket-lab run`.
   */
  readonly style?: ExportStyle;
  /** For a scenario whose steps name hosts: the host whose program to write (one per host, each run on its machine). */
  readonly host?: string;
}

/** A complete Python 3 program (standard library only) that performs the scenario's steps with `socket`/`select`. */
export function exportPython(scenario: Scenario, options: ExportOptions = {}): string {
  const style = options.style ?? "repl";
  if (options.host !== undefined || namesHosts(scenario.steps)) {
    // No program that pretends to be one machine: one per host, each saying where it runs and in which order they start.
    const hosts = partHosts(scenario.steps);
    if (options.host === undefined) throw new LabError(invalidArgument(`this scenario runs on ${hosts.length} hosts (${hosts.join(", ")}): export one program per host, naming the host`));
    if (style !== "repl") throw new LabError(invalidArgument("the transcript program checks one Lab's transcript: run a multi-host scenario with socket-lab run --host, or export each host's program"));
    const part = hostPart(scenario, options.host);
    return replProgram(scenario, part.steps, part.numbers, part.note);
  }
  return style === "repl" ? replProgram(scenario, scenario.steps) : transcriptProgram(scenario);
}

const usesFraming = (steps: readonly Step[]): boolean => steps.some((s) => s.op === "send_frame" || s.op === "recv_frame");

/**
 * The session as a person would type it. Exit status 0 when every step went
 * as recorded; 1, with the traceback, when a step raises that the recording
 * did not expect to, or when one that should have raised did not.
 */
function replProgram(scenario: Scenario, steps: readonly Step[], numbers?: readonly number[], hostNote: readonly string[] = []): string {
  const docstring = [...replDocstring(scenario, hostNote.length === 0), ...(hostNote.length ? ["", ...hostNote] : [])];
  const head = [
    "#!/usr/bin/env python3",
    `"""${pyDocText(docstring.join("\n"))}\n"""`,
    REPL_PRELUDE.trimEnd(),
    ...(usesFraming(steps) ? ["", "", FRAMING_ERROR.trimEnd(), "", "", FRAMING_PRELUDE.trimEnd()] : []),
    "",
    "",
    "# ---- the session ----",
    "",
  ].join("\n").split("\n");
  return [...head, ...replSteps(steps, head.length + 1, numbers), ""].join("\n");
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
  const kept = recvfromsKept(scenario.steps);
  const steps = scenario.steps.map((step, i) => stepSource(step, i + 1, kept.has(i)));
  return [
    "#!/usr/bin/env python3",
    `"""${pyDocText(docstring)}\n"""`,
    CORE_PRELUDE.trimEnd(),
    "",
    "",
    FRAMING_ERROR.trimEnd(),
    ...(usesFraming(scenario.steps) ? ["", "", FRAMING_PRELUDE.trimEnd()] : []),
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

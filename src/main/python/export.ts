import type { Scenario } from "../../shared/scenario";
import { pyDocText } from "../../shared/python-literals";
import { CORE_PRELUDE, FRAMING_PRELUDE } from "./prelude";
import { stepSource } from "./steps";

/**
 * A complete Python 3 program (standard library only) that performs the
 * scenario's steps with `socket`/`select` and prints the same transcript the
 * Lab prints (conventions: src/shared/scenario/transcript.ts). Exit status 0
 * when every expectation held, 1 otherwise.
 */
export function exportPython(scenario: Scenario): string {
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
  ]
    .join("\n");
  const usesFraming = scenario.steps.some((s) => s.op === "send_frame" || s.op === "recv_frame");
  const steps = scenario.steps.map((step, i) => stepSource(step, i + 1));
  return [
    "#!/usr/bin/env python3",
    `"""${pyDocText(docstring)}\n"""`,
    CORE_PRELUDE.trimEnd(),
    ...(usesFraming ? ["", "", FRAMING_PRELUDE.trimEnd()] : []),
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

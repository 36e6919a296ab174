import { fromVariable, type Step } from "../../shared/scenario";
import { pyComment, pyJson, pyStr } from "../../shared/python-literals";
import { stepExpression } from "../../shared/python-steps";

/** `# Step 3: narration…` — the step's number, then its note as comment lines. */
export function stepComment(step: Step, number: number): string[] {
  const note = step.note?.en.trim();
  if (!note) return [`# Step ${number}`];
  const comment = pyComment(note);
  // A note may run to many thousands of lines: no spread of them onto the call stack.
  comment[0] = `# Step ${number}: ${comment[0]!.slice(2)}`;
  return comment;
}

/**
 * One step as comment lines (number, narration) and a single `run(…)`
 * statement; a recvfrom whose address a later "$rx.from" reads has run()
 * keep it in `rx_from` (`keepsFrom`, see recvfromsKept).
 */
export function stepSource(step: Step, number: number, keepsFrom = false): string {
  const lines = stepComment(step, number);
  const args = [String(number), pyStr(step.op), `lambda: ${stepExpression(step)}`];
  if (step.expect) args.push(`expect=${pyJson(step.expect)}`);
  const creates = step.op === "socket" || step.op === "accept" ? step.as : null;
  if (creates) args.push(`name=${pyStr(creates)}`);
  if (keepsFrom && step.op === "recvfrom") args.push(`keep=${pyStr(fromVariable(step.sock))}`);
  lines.push(`${creates ? `${creates} = ` : ""}run(${args.join(", ")})`);
  return lines.join("\n");
}

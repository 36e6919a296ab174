import type { Step } from "../../shared/scenario";
import { pyComment, pyJson, pyStr } from "../../shared/python-literals";
import { stepExpression } from "../../shared/python-steps";

/** One step as comment lines (number, narration) and a single `run(…)` statement. */
export function stepSource(step: Step, number: number): string {
  const lines: string[] = [];
  const note = step.note?.en.trim();
  lines.push(`# Step ${number}`);
  if (note) {
    const [first, ...rest] = pyComment(note);
    lines[0] = `# Step ${number}: ${first!.slice(2)}`;
    lines.push(...rest);
  }
  const args = [String(number), pyStr(step.op), `lambda: ${stepExpression(step)}`];
  if (step.expect) args.push(`expect=${pyJson(step.expect)}`);
  const creates = step.op === "socket" || step.op === "accept" ? step.as : null;
  if (creates) args.push(`name=${pyStr(creates)}`);
  lines.push(`${creates ? `${creates} = ` : ""}run(${args.join(", ")})`);
  return lines.join("\n");
}

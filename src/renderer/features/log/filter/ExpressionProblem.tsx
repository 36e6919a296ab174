import { useT } from "../../../hooks/use-t";
import { explainProblem } from "./explain";
import type { Problem } from "./parser";

/** Where and why a filter does not parse: the text with the fault underlined, and a sentence. */
export function ExpressionProblem({ text, problem, id }: { text: string; problem: Problem; id: string }) {
  const t = useT();
  const before = text.slice(0, problem.at);
  const fault = text.slice(problem.at, problem.end) || " ";
  const after = text.slice(problem.end);
  return (
    <p className="expr-problem" id={id} role="alert">
      <span className="mono expr-echo" aria-hidden>
        {before}
        <mark>{fault}</mark>
        {after}
      </span>
      <span>{explainProblem(problem, t)}</span>
    </p>
  );
}

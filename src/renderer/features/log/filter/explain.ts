import type { Translate } from "../../../../shared/i18n";
import type { Problem } from "./parser";

/** "Column 9: this field takes one of: …": where the problem is (1-based, as people count) and why. */
export function explainProblem(problem: Problem, t: Translate): string {
  const x = problem.code === "unknown-value" ? problem.detail : problem.detail ? `“${problem.detail}”` : t("log.expr.end");
  return t("log.expr.at", { col: problem.at + 1, why: t(`log.expr.${problem.code}`, { x }) });
}

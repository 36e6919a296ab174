import type { LogRing } from "../../../store/log-ring";
import type { ColourRule, Tone } from "../../../store/state/log-view";
import { compile, type RowTest } from "../filter/compile";
import { parseFilter, type Problem } from "../filter/parser";

export interface Painter {
  /** The tone of the first enabled rule that matches, or null. */
  tone(ring: LogRing, abs: number): Tone | null;
  /** Each rule's parse problem (null when it parses), in rule order. */
  readonly problems: readonly (Problem | null)[];
}

/** Rules are written in the filter language; a broken one is skipped and reported, never thrown. */
export function compileColours(rules: readonly ColourRule[]): Painter {
  const tests: { test: RowTest; tone: Tone }[] = [];
  const problems = rules.map((rule) => {
    const parsed = parseFilter(rule.expression);
    if (!parsed.ok) return parsed.problem;
    if (rule.enabled && parsed.expr) tests.push({ test: compile(parsed.expr), tone: rule.tone });
    return null;
  });
  return {
    problems,
    tone: (ring, abs) => tests.find(({ test }) => test(ring, abs))?.tone ?? null,
  };
}

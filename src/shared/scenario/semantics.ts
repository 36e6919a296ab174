import { referencesIn } from "./references";
import type { Step } from "./schema";

/** A problem the schema cannot see: it needs the steps before this one. */
export interface SemanticIssue {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/** The socket names a step reads, each with the field it sits in. */
function namesUsed(step: Step): [path: (string | number)[], name: string][] {
  const used: [(string | number)[], string][] = [];
  if ("sock" in step) used.push([["sock"], step.sock]);
  if (step.op === "poll") step.register.forEach(([name], i) => used.push([["register", i, 0], name]));
  if (step.op === "select") {
    for (const list of ["r", "w", "x"] as const) step[list].forEach((name, i) => used.push([[list, i], name]));
  }
  if ("address" in step) {
    step.address.forEach((item, i) => {
      for (const ref of referencesIn(item)) used.push([["address", i], ref.name]);
    });
  }
  if (step.expect && "value" in step.expect) {
    for (const ref of referencesIn(step.expect.value)) used.push([["expect", "value"], ref.name]);
  }
  return used;
}

/**
 * Every name a step uses must have been given by an earlier `socket` or
 * `accept` step; otherwise the exported program would stop with a NameError
 * and the Lab would have nothing to run the step on.
 */
export function checkNames(steps: readonly Step[]): SemanticIssue[] {
  const known = new Set<string>();
  const issues: SemanticIssue[] = [];
  steps.forEach((step, index) => {
    for (const [path, name] of namesUsed(step)) {
      if (!known.has(name)) {
        issues.push({ path: ["steps", index, ...path], message: `unknown socket "${name}": no earlier socket or accept step names it` });
      }
    }
    if (step.op === "socket" || step.op === "accept") known.add(step.as);
  });
  return issues;
}

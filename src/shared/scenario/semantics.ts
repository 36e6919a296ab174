import { LOCAL_HOST } from "../hosts";
import { referencesIn } from "./references";
import type { Step } from "./schema";

/** A problem the schema cannot see: it needs the steps before this one. */
export interface SemanticIssue {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/**
 * The socket names a step reads, each with the field it sits in: `socket`
 * for a socket the step operates on (it must live on the step's host),
 * `reference` for a "$name.port" (names are global: any host's socket).
 */
function namesUsed(step: Step): [path: (string | number)[], name: string, use: "socket" | "reference"][] {
  const used: [(string | number)[], string, "socket" | "reference"][] = [];
  if ("sock" in step) used.push([["sock"], step.sock, "socket"]);
  if (step.op === "poll") step.register.forEach(([name], i) => used.push([["register", i, 0], name, "socket"]));
  if (step.op === "select") {
    for (const list of ["r", "w", "x"] as const) step[list].forEach((name, i) => used.push([[list, i], name, "socket"]));
  }
  if ("address" in step) {
    step.address.forEach((item, i) => {
      for (const ref of referencesIn(item)) used.push([["address", i], ref.name, "reference"]);
    });
  }
  if (step.expect && "value" in step.expect) {
    for (const ref of referencesIn(step.expect.value)) used.push([["expect", "value"], ref.name, "reference"]);
  }
  return used;
}

/** The host a step runs on. */
export function stepHost(step: Step): string {
  return step.host ?? LOCAL_HOST;
}

/**
 * Every name a step uses must have been given by an earlier `socket` or
 * `accept` step; otherwise the exported program would stop with a NameError
 * and the Lab would have nothing to run the step on. A socket lives on the
 * host whose step made it, and a step can only operate on its own host's
 * sockets (a poll() cannot watch another machine's fds); a reference to a
 * socket's address may name any host's.
 */
export function checkNames(steps: readonly Step[]): SemanticIssue[] {
  const hostOf = new Map<string, string>();
  const issues: SemanticIssue[] = [];
  steps.forEach((step, index) => {
    const host = stepHost(step);
    for (const [path, name, use] of namesUsed(step)) {
      const lives = hostOf.get(name);
      if (lives === undefined) {
        issues.push({ path: ["steps", index, ...path], message: `unknown socket "${name}": no earlier socket or accept step names it` });
      } else if (use === "socket" && lives !== host) {
        const fix = lives === LOCAL_HOST ? `leave "host" out` : `add "host": "${lives}"`;
        issues.push({ path: ["steps", index, ...path], message: `socket "${name}" lives on host "${lives}", and this step runs on "${host}": ${fix}` });
      }
    }
    if (step.op === "socket" || step.op === "accept") hostOf.set(step.as, host);
  });
  return issues;
}

/** The hosts other than local that a scenario's steps run on, in the order they first appear. */
export function scenarioHosts(steps: readonly Step[]): string[] {
  return [...new Set(steps.map(stepHost).filter((host) => host !== LOCAL_HOST))];
}

/** A multi-host scenario: some step says which host it runs on. Its transcript lines then say it too. */
export function namesHosts(steps: readonly Step[]): boolean {
  return steps.some((step) => step.host !== undefined);
}

import { LOCAL_HOST } from "../hosts";
import { fromVariable, referencesIn, type Reference } from "./references";
import type { Step } from "./schema";

/** A problem the schema cannot see: it needs the steps before this one. */
export interface SemanticIssue {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/** How a step uses a name: operates on its socket, or reads a reference's field. */
type Use = "socket" | Reference["field"];

/**
 * The socket names a step reads, each with the field it sits in: `socket`
 * for a socket the step operates on (it must live on the step's host), a
 * reference's field for "$name.port" (names are global: any host's socket)
 * or "$name.from".
 */
function namesUsed(step: Step): [path: (string | number)[], name: string, use: Use][] {
  const used: [(string | number)[], string, Use][] = [];
  if ("sock" in step) used.push([["sock"], step.sock, "socket"]);
  if (step.op === "poll") step.register.forEach(([name], i) => used.push([["register", i, 0], name, "socket"]));
  if (step.op === "select") {
    for (const list of ["r", "w", "x"] as const) step[list].forEach((name, i) => used.push([[list, i], name, "socket"]));
  }
  if ("address" in step) {
    if (typeof step.address === "string") for (const ref of referencesIn(step.address)) used.push([["address"], ref.name, ref.field]);
    else {
      step.address.forEach((item, i) => {
        for (const ref of referencesIn(item)) used.push([["address", i], ref.name, ref.field]);
      });
    }
  }
  if (step.expect && "value" in step.expect) {
    for (const ref of referencesIn(step.expect.value)) used.push([["expect", "value"], ref.name, ref.field]);
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
  const datagram = new Set<string>();
  const received = new Set<string>();
  const created = new Set(steps.flatMap((s) => (s.op === "socket" || s.op === "accept" ? [s.as] : [])));
  const issues: SemanticIssue[] = [];
  steps.forEach((step, index) => {
    const host = stepHost(step);
    for (const [path, name, use] of namesUsed(step)) {
      const at = ["steps", index, ...path];
      const lives = hostOf.get(name);
      if (lives === undefined) {
        issues.push({ path: at, message: `unknown socket "${name}": no earlier socket or accept step names it` });
      } else if (use === "socket" && lives !== host) {
        const fix = lives === LOCAL_HOST ? `leave "host" out` : `add "host": "${lives}"`;
        issues.push({ path: at, message: `socket "${name}" lives on host "${lives}", and this step runs on "${host}": ${fix}` });
      } else if (use === "from") {
        const problem = fromProblem(name, { lives, host, datagram: datagram.has(name), received: received.has(name), created });
        if (problem) issues.push({ path: at, message: problem });
      }
    }
    if (step.op === "socket" || step.op === "accept") {
      hostOf.set(step.as, host);
      if (step.op === "socket" && step.type === "SOCK_DGRAM") datagram.add(step.as);
      else datagram.delete(step.as);
    }
    if (step.op === "recvfrom") received.add(step.sock);
  });
  return issues;
}

/**
 * Why "$name.from" cannot be read here, or null. The exported program keeps
 * the address in a variable its recvfrom step assigns (`data, rx_from =
 * rx.recvfrom(1024)`): on the socket's own machine, after a recvfrom on it,
 * of a datagram socket (a stream socket's recvfrom returns no address).
 */
function fromProblem(
  name: string,
  at: { lives: string; host: string; datagram: boolean; received: boolean; created: ReadonlySet<string> },
): string | null {
  const ref = `"$${name}.from"`;
  if (!at.datagram) return `${ref}: ${name} is not a SOCK_DGRAM socket, and a stream socket's recvfrom() returns no address (use getpeername)`;
  if (!at.received) return `${ref}: no earlier recvfrom step on ${name} says where a datagram came from`;
  if (at.lives !== at.host) return `${ref}: the address ${name}'s recvfrom returned is known on host "${at.lives}" only, and this step runs on "${at.host}"`;
  for (const taken of [fromVariable(name), "data"]) {
    if (at.created.has(taken)) return `${ref}: the exported program keeps what ${name}'s recvfrom returned in data and ${fromVariable(name)}: rename the socket called ${taken}`;
  }
  return null;
}

/** The hosts other than local that a scenario's steps run on, in the order they first appear. */
export function scenarioHosts(steps: readonly Step[]): string[] {
  return [...new Set(steps.map(stepHost).filter((host) => host !== LOCAL_HOST))];
}

/** A multi-host scenario: some step says which host it runs on. Its transcript lines then say it too. */
export function namesHosts(steps: readonly Step[]): boolean {
  return steps.some((step) => step.host !== undefined);
}

/**
 * The recvfrom steps (by index) whose address a later "$name.from" reads: the
 * exported program and the lesson's line keep it (`data, rx_from =
 * rx.recvfrom(1024)`); every other recvfrom is the plain call the REPL echoes.
 */
export function recvfromsKept(steps: readonly Step[]): ReadonlySet<number> {
  const kept = new Set<number>();
  const readLater = new Set<string>();
  for (let i = steps.length - 1; i >= 0; i--) {
    const step = steps[i]!;
    if (step.op === "recvfrom" && readLater.has(step.sock)) kept.add(i);
    for (const [, name, use] of namesUsed(step)) if (use === "from") readLater.add(name);
  }
  return kept;
}

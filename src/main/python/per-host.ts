import { invalidArgument, LabError } from "../../shared/errors";
import { LOCAL_HOST } from "../../shared/hosts";
import { parseReference, scenarioHosts, stepHost, type AddressSpec, type Scenario, type Step } from "../../shared/scenario";

/**
 * One host's part of a multi-host scenario, as a program that host runs on
 * its own (issue 18, item 5). Each program keeps its host's order; across
 * hosts the programs meet only over the network, so the order between them
 * holds only where a step waits for what another host sends, and where a
 * person starts them in the order the note gives.
 */
export interface HostPart {
  readonly host: string;
  /**
   * The host's steps, without `host`, with every address that names another
   * host's socket written as the address it is bound to. Expected values stay
   * as they are: the person's program checks what raises, not what returns.
   */
  readonly steps: readonly Step[];
  /** Each step's number in the whole scenario, so the program's "# Step N" matches the file and the note. */
  readonly numbers: readonly number[];
  /** The docstring's paragraph on where the program runs and in which order the hosts start. */
  readonly note: readonly string[];
}

/** Every host a scenario's steps run on, local first when it has steps, in the order they first appear. */
export function partHosts(steps: readonly Step[]): string[] {
  const local = steps.some((s) => stepHost(s) === LOCAL_HOST) ? [LOCAL_HOST] : [];
  return [...local, ...scenarioHosts(steps)];
}

const BLOCKING_WAITS: ReadonlySet<Step["op"]> = new Set(["recv", "recvfrom", "recv_frame", "accept"]);

/** `host`'s program, or a LabError saying which step cannot be written for one machine and what to change. */
export function hostPart(scenario: Scenario, host: string): HostPart {
  const hosts = partHosts(scenario.steps);
  if (!hosts.includes(host)) throw new LabError(invalidArgument(`no step of this scenario runs on host "${host}" (its hosts: ${hosts.join(", ")})`));
  const lives = new Map<string, string>();
  const steps: Step[] = [];
  const numbers: number[] = [];
  scenario.steps.forEach((step, i) => {
    const on = stepHost(step);
    if (step.op === "socket" || step.op === "accept") lives.set(step.as, on);
    if (on !== host) return;
    const resolve = (text: string): string | number => {
      const ref = parseReference(text);
      if (!ref || ref.field === "from" || lives.get(ref.name) === host) return text;
      return boundElsewhere(scenario.steps, i, ref.name, ref.field, lives.get(ref.name) ?? LOCAL_HOST, host);
    };
    let rewritten = { ...step } as Step;
    delete rewritten.host;
    // "$x.from" is read on x's own host (checkNames), whose program keeps it: it stays.
    if ("address" in rewritten && typeof rewritten.address !== "string") {
      rewritten = { ...rewritten, address: rewritten.address.map((item) => (typeof item === "string" ? resolve(item) : item)) as unknown as AddressSpec } as Step;
    }
    steps.push(rewritten);
    numbers.push(i + 1);
  });
  return { host, steps, numbers, note: orderNote(scenario.steps, hosts, host) };
}

/**
 * The address another host's socket is bound to, known before anything runs
 * only when its bind names it: an address the kernel picks (port 0, '') is
 * known to that host alone, and no order of starting the programs tells it
 * to this one.
 */
function boundElsewhere(steps: readonly Step[], before: number, name: string, field: "host" | "port", owner: string, host: string): string | number {
  const bind = steps.slice(0, before).findLast((s): s is Extract<Step, { op: "bind" }> => s.op === "bind" && s.sock === name && stepHost(s) === owner);
  const [boundHost, boundPort] = bind?.address ?? ["", 0];
  const value = field === "host" ? boundHost : boundPort;
  const known = field === "host" ? typeof value === "string" && value !== "" && !WILDCARDS.has(value) && !parseReference(value) : typeof value === "number" && value !== 0;
  if (known) return value;
  const where = !bind ? "is not bound by a bind step before it" : field === "host" ? `is bound to ${JSON.stringify(boundHost)}, an address its kernel picks per packet` : "is bound to port 0, a port its kernel picks";
  const step = steps[before]!;
  const received = "sock" in step && steps.slice(0, before).some((s) => s.op === "recvfrom" && s.sock === step.sock && stepHost(s) === host);
  const answer = received && (step.op === "sendto" || step.op === "connect" || step.op === "connect_ex") ? `, or answer what ${step.sock} received at "$${step.sock}.from"` : "";
  const fix = field === "host" ? `bind it to its own address${answer}` : `bind it to a fixed port${answer}`;
  throw new LabError(
    invalidArgument(`step ${before + 1} (host ${host}) uses "$${name}.${field}", but ${name} is a socket of host ${owner} and ${where}, which the program for ${host} cannot know: ${fix} to export one program per host`),
  );
}

const WILDCARDS: ReadonlySet<string> = new Set(["0.0.0.0", "::", "<broadcast>"]);

/** Where the program runs, the order to start the hosts in, and each place the scenario hands over from one host to another. */
function orderNote(steps: readonly Step[], hosts: readonly string[], host: string): string[] {
  const handovers: string[] = [];
  for (let i = 1; i < steps.length; i++) {
    const from = stepHost(steps[i - 1]!);
    const to = stepHost(steps[i]!);
    if (from === to || (from !== host && to !== host)) continue;
    const next = steps[i]!;
    const how = BLOCKING_WAITS.has(next.op) ? "it waits for it over the network" : "kept only by the order the programs start in";
    handovers.push(`step ${i + 1} (${to}: ${next.op}) comes after step ${i} (${from}: ${steps[i - 1]!.op}): ${how}`);
  }
  return [
    `This is host ${host}'s program, one of ${hosts.length} (${hosts.join(", ")}): run each on its own machine. Each keeps its`,
    "own host's order; the programs meet only over the network. A blocking recv,",
    "recvfrom or accept waits (up to its socket's timeout) for what another host sends;",
    "every other order across hosts holds only if the programs start in this order,",
    `each within the others' timeouts: ${startOrder(steps, hosts).join(", then ")}.`,
    ...(handovers.length ? ["", `Where this host hands over to another or takes over from one:`, ...handovers.map((h) => `  ${h}`)] : []),
  ];
}

/** Hosts by their first step: a host whose part starts earlier starts first (receivers bind before the sender sends). */
function startOrder(steps: readonly Step[], hosts: readonly string[]): string[] {
  const first = (h: string) => steps.findIndex((s) => stepHost(s) === h);
  return [...hosts].sort((a, b) => first(a) - first(b));
}

import { hostNameProblem, LOCAL_HOST } from "../../shared/hosts";
import { stepHost, type Scenario } from "../../shared/scenario";
import { parsePairingUrl, PairingUrlError } from "../../shared/pairing-url";
import { UsageError } from "./args";

export interface HostFlag {
  readonly name: string;
  readonly url: string;
}

/**
 * `--host NAME=PAIRING_URL`, repeatable, checked against the scenario before
 * anything connects: each name once, not `local` (the Lab that runs the
 * scenario), each URL a pairing URL, and every host a step names given.
 */
export function hostFlags(values: readonly string[] | undefined, scenario: Scenario): HostFlag[] {
  const hosts: HostFlag[] = [];
  for (const value of values ?? []) {
    const at = value.indexOf("=");
    // A URL's own "=" (?pair=…) is no name: "--host wss://…" forgot it.
    if (at < 0 || value.slice(0, at).includes("://")) throw new UsageError(`--host takes NAME=PAIRING_URL, not ${value.slice(0, 80)}`);
    const name = value.slice(0, at);
    const url = value.slice(at + 1);
    const problem = hostNameProblem(name);
    if (problem) throw new UsageError(`--host ${name.slice(0, 40)}: ${problem}`);
    if (name === LOCAL_HOST) throw new UsageError(`--host ${LOCAL_HOST}: "${LOCAL_HOST}" is the Lab that runs the scenario, not an agent`);
    if (hosts.some((h) => h.name === name)) throw new UsageError(`--host ${name} is given twice`);
    try {
      parsePairingUrl(url);
    } catch (err) {
      if (err instanceof PairingUrlError) throw new UsageError(`--host ${name}: ${err.message}`);
      throw err;
    }
    hosts.push({ name, url });
  }
  for (const [index, step] of scenario.steps.entries()) {
    const host = stepHost(step);
    if (host !== LOCAL_HOST && !hosts.some((h) => h.name === host)) {
      throw new UsageError(`step ${index + 1} (${step.op}) runs on host "${host}", which was not given: add --host ${host}=PAIRING_URL`);
    }
  }
  return hosts;
}

import type { CommandInput } from "../../../shared/contract";
import { discoveryNameProblem, DISCOVERY_LIMITS, type StandardDiscoveryProtocol } from "../../../shared/discovery/contract";
import type { DiscoveryDraft } from "../../store/state/discovery";

export type DraftProblem = "name" | "timeout" | "probe";

/** The form as discover_start's input, or what is wrong with it. `passive` listens until stopped. */
type Parsed<I> = { ok: true; input: I } | { ok: false; problems: DraftProblem[] };

const validTimeout = (text: string): boolean => text.trim() !== "" && Number(text) >= DISCOVERY_LIMITS.minTimeout && Number(text) <= DISCOVERY_LIMITS.maxTimeout;

export function startInput(draft: DiscoveryDraft, passive: boolean): Parsed<CommandInput<"discover_start">> {
  const problems: DraftProblem[] = [];
  const name = draft.name.trim();
  if (name !== "" && discoveryNameProblem(name, draft.protocols.includes("nbns")) !== null) problems.push("name");
  const timeout = Number(draft.timeout);
  if (!passive && !validTimeout(draft.timeout)) problems.push("timeout");
  const probe = draft.probe;
  const withProbe = probe.on && !passive;
  const port = Number(probe.port);
  const hex = probe.hex.replace(/\s+/g, "").toLowerCase();
  const address = probe.address.trim();
  const ipv4 = /^\d{1,3}(\.\d{1,3}){3}$/.test(address) && address.split(".").every((o) => Number(o) <= 255);
  if (withProbe && !(ipv4 && Number.isInteger(port) && port >= 1 && port <= 65535 && /^([0-9a-f]{2})+$/.test(hex))) problems.push("probe");
  if (problems.length > 0) return { ok: false, problems };
  const match = probe.match.trim();
  return {
    ok: true,
    input: {
      protocols: [...draft.protocols],
      iface: draft.iface === "" ? null : draft.iface,
      name: name === "" ? null : name,
      passive,
      timeout: passive ? null : timeout,
      ...(withProbe
        ? {
            probes: [
              {
                data: hex,
                address,
                port,
                match: match === "" ? { kind: "any" as const } : match.startsWith("hex:") ? { kind: "prefix" as const, hex: match.slice(4).toLowerCase() } : { kind: "regex" as const, source: match },
              },
            ],
          }
        : {}),
    },
  };
}

/**
 * The form as discover_scenario's input for one protocol: its interface and
 * name, and its timeout as the wait for the answer (at most a minute; the
 * Lab's 3 s when the field is not a valid timeout). LLMNR and NetBIOS need
 * a valid name.
 */
export function scenarioInput(draft: DiscoveryDraft, protocol: StandardDiscoveryProtocol): Parsed<CommandInput<"discover_scenario">> {
  const name = draft.name.trim();
  const named = discoveryNameProblem(name, protocol === "nbns") === null;
  if ((protocol === "llmnr" || protocol === "nbns") && !named) return { ok: false, problems: ["name"] };
  return {
    ok: true,
    input: {
      protocol,
      iface: draft.iface === "" ? null : draft.iface,
      name: named ? name : null,
      ...(validTimeout(draft.timeout) ? { timeout: Math.min(Number(draft.timeout), 60) } : {}),
    },
  };
}

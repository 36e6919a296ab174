import type { CommandInput } from "../../../shared/contract";
import type { DiscoveryDraft } from "../../store/state/discovery";

export type DraftProblem = "name" | "timeout" | "probe";

/** The form as discover_start's input, or what is wrong with it. `passive` listens until stopped. */
export function startInput(draft: DiscoveryDraft, passive: boolean): { ok: true; input: CommandInput<"discover_start"> } | { ok: false; problems: DraftProblem[] } {
  const problems: DraftProblem[] = [];
  const name = draft.name.trim();
  if (name !== "" && !/^[A-Za-z0-9_-]{1,15}$/.test(name)) problems.push("name");
  const timeout = Number(draft.timeout);
  if (!passive && !(draft.timeout.trim() !== "" && timeout >= 0.5 && timeout <= 3600)) problems.push("timeout");
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

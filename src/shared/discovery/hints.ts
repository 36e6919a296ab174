import type { Translate } from "../i18n";
import type { RollCall } from "./roll-call";
import { PROTOCOL_LABELS, type DiscoveryProtocol } from "./types";

/**
 * What to check when a protocol got no answer: the usual reasons a device
 * stays silent, per protocol, from the catalog (`disc.hint.*`), so the CLI
 * and the Discovery view say the same in each language.
 */

/** The probed protocols nobody answered (an announcement or a query is not an answer). */
export function silentProtocols(probed: readonly DiscoveryProtocol[], state: RollCall): DiscoveryProtocol[] {
  const answered = new Set<DiscoveryProtocol>();
  for (const row of state.rows.values()) for (const [p, cell] of Object.entries(row.protocols)) if (cell?.answered) answered.add(p as DiscoveryProtocol);
  return probed.filter((p) => !answered.has(p));
}

/** One line for a protocol nobody answered: that it was silent, then what to check. */
export function silenceHint(t: Translate, protocol: DiscoveryProtocol): string {
  return t("disc.hints.line", { silent: t("disc.hints.silent", { protocol: PROTOCOL_LABELS[protocol] }), hint: t(`disc.hint.${protocol}`) });
}

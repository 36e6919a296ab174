import type { PollFlagName } from "../../../shared/poll-flags";
import { POLL_FLAGS } from "../../../shared/poll-flags";
import type { Translate } from "../../../shared/i18n";

/** The tooltip of a flag: its bit, what it means, and what sets it in this lab. */
export function flagTooltip(name: PollFlagName, t: Translate): string {
  const bit = `0x${POLL_FLAGS[name].toString(16).padStart(3, "0")}`;
  return `${name} (${bit}): ${t(`flag.${name}.means`)}\n${t("flags.here")} ${t(`flag.${name}.here`)}`;
}

import type { Translate } from "../../../shared/i18n";
import type { LogKind } from "../../../shared/log-entry";

export type Cast = "unicast" | "broadcast" | "multicast";

/** Where an arriving datagram was sent, from its log kind: the kind is the cast (a plain datagram was unicast). */
export function castOfKind(kind: LogKind): Cast | null {
  if (kind === "broadcast" || kind === "multicast") return kind;
  return kind === "datagram" ? "unicast" : null;
}

/**
 * Where an arriving datagram went, as the kernel engine saw it (IP_PKTINFO):
 * "→ 127.255.255.255:9000 (broadcast) on lo". Null without a destination.
 */
export function arrivalText(t: Translate, dst: string | null, cast: Cast | null, ifname: string | null): string | null {
  if (!dst || !cast) return null;
  const castName = t(`arrival.cast.${cast}`);
  return ifname ? t("arrival.text", { dst, cast: castName, ifname }) : t("arrival.noIf", { dst, cast: castName });
}

import type { Translate } from "../i18n";
import { PROTOCOL_LABELS, type DiscoveryProtocol } from "./types";

/**
 * Something a person should know about a discovery run: a port it could not
 * bind, a probe it could not send, an answer that came back the wrong way.
 * The discoverer says what happened as data; each front door words it in its
 * language from the one catalog (the view in the page's, the CLI in English).
 * `error` is the Lab's errno and message, as Python would print them.
 */
export type DiscoveryNote =
  | { readonly code: "no-interface" }
  | { readonly code: "no-ipv4"; readonly iface: string }
  | {
      readonly code: "cannot-listen";
      readonly protocol: DiscoveryProtocol;
      /** "224.0.0.251:5353", or "*:137" for a port with no group. */
      readonly at: string;
      readonly error: string;
      /** What the errno usually means here, when it is one of the two common ones. */
      readonly cause: "privileged" | "in-use" | null;
    }
  | { readonly code: "no-broadcast"; readonly protocol: DiscoveryProtocol; readonly iface: string }
  | { readonly code: "cannot-probe"; readonly protocol: DiscoveryProtocol; readonly iface: string; readonly address: string; readonly error: string }
  | { readonly code: "send-failed"; readonly protocol: DiscoveryProtocol; readonly to: string; readonly error: string }
  | { readonly code: "other-interface"; readonly protocol: DiscoveryProtocol; readonly address: string; readonly ifname: string; readonly probeIface: string }
  | { readonly code: "other-subnet"; readonly protocol: DiscoveryProtocol; readonly address: string; readonly iface: string; readonly subnet: string };

/** The note as a sentence in `t`'s language. */
export function noteText(t: Translate, note: DiscoveryNote): string {
  switch (note.code) {
    case "no-interface":
      return t("disc.note.noInterface");
    case "no-ipv4":
      return t("disc.note.noIpv4", { iface: note.iface });
    case "cannot-listen": {
      const text = t("disc.note.cannotListen", { protocol: PROTOCOL_LABELS[note.protocol], at: note.at, error: note.error });
      return note.cause === null ? text : `${text} ${t(note.cause === "privileged" ? "disc.note.cause.privileged" : "disc.note.cause.inUse")}`;
    }
    case "no-broadcast":
      return t("disc.note.noBroadcast", { protocol: PROTOCOL_LABELS[note.protocol], iface: note.iface });
    case "cannot-probe":
      return t("disc.note.cannotProbe", { protocol: PROTOCOL_LABELS[note.protocol], iface: note.iface, address: note.address, error: note.error });
    case "send-failed":
      return t("disc.note.sendFailed", { protocol: PROTOCOL_LABELS[note.protocol], to: note.to, error: note.error });
    case "other-interface":
      return t("disc.note.otherInterface", { protocol: PROTOCOL_LABELS[note.protocol], address: note.address, ifname: note.ifname, probeIface: note.probeIface });
    case "other-subnet":
      return t("disc.note.otherSubnet", { protocol: PROTOCOL_LABELS[note.protocol], address: note.address, iface: note.iface, subnet: note.subnet });
  }
}

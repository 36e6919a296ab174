import type { RollCall } from "./roll-call";
import type { DiscoveryProtocol } from "./types";

/**
 * What to check when a protocol got no answer: the usual reasons a device
 * stays silent, per protocol. Pure: the roll call and what was probed in,
 * sentences out (the CLI prints them; the Discovery view shows the same
 * reasons from its catalog, src/renderer/i18n/messages/discovery.ts, in
 * English and Chinese: change both together).
 */

const WHY: Record<DiscoveryProtocol, string> = {
  mdns:
    "a host firewall dropping UDP 5353 (or the unicast answers to our port); the device on another link (mDNS uses a link-local group and never crosses a router); " +
    "the device's responder off, or answering only by multicast while this host could not listen on 5353",
  ssdp: "the device's UPnP turned off (often a router or TV setting); a firewall dropping UDP 1900 or the unicast answers; the device on another subnet (SSDP goes out with TTL 2)",
  wsd: "the device's WS-Discovery turned off (ONVIF cameras often have a 'discovery mode' setting); a firewall dropping UDP 3702; the device behind a router (the Probe goes out with TTL 1)",
  llmnr: "the name is not the device's (LLMNR answers only for its own single-label name); LLMNR turned off (systemd-resolved's LLMNR=no, Windows policy); the device behind a router (TTL 1)",
  nbns: "NetBIOS over TCP/IP turned off (common on current Windows and Samba's 'disable netbios'); the name not registered; a firewall dropping UDP 137; the device on another subnet (the query is a subnet broadcast)",
  custom: "the device listening on another port or address; the matcher not matching what it answers (--packets shows what came back); a broadcast without SO_BROADCAST on the device's side",
};

/** One sentence for each probed protocol that nobody answered. */
export function silenceHints(probed: readonly DiscoveryProtocol[], state: RollCall): string[] {
  const answered = new Set<DiscoveryProtocol>();
  for (const row of state.rows.values()) for (const [p, cell] of Object.entries(row.protocols)) if (cell?.answered) answered.add(p as DiscoveryProtocol);
  return probed.filter((p) => !answered.has(p)).map((p) => `${p}: no device answered; check ${WHY[p]}`);
}

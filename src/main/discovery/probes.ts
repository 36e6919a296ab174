import type { DiscoveryProtocol } from "../../shared/discovery/types";
import { encodeQuery, SERVICES_META } from "./dns";
import type { Matcher } from "../../shared/discovery/types";
import { encodeNameQuery, NBNS_PORT } from "./nbns";
import { encodeMSearch, SSDP_GROUP, SSDP_PORT, SSDP_TARGETS } from "./ssdp";
import { encodeProbe, WSD_GROUP, WSD_PORT } from "./wsd";

/** Where each protocol listens and how its multicast datagrams are sent. */
export const WELL_KNOWN = {
  mdns: { group: "224.0.0.251", port: 5353, ttl: 255 },
  ssdp: { group: SSDP_GROUP, port: SSDP_PORT, ttl: 2 },
  wsd: { group: WSD_GROUP, port: WSD_PORT, ttl: 1 },
  llmnr: { group: "224.0.0.252", port: 5355, ttl: 1 },
  nbns: { group: null, port: NBNS_PORT, ttl: 1 },
} as const satisfies Record<Exclude<DiscoveryProtocol, "custom">, { group: string | null; port: number; ttl: number }>;

/*
 * TTLs: RFC 6762 §11 sends mDNS with IP TTL 255; UDA 1.1 says SSDP's multicast
 * TTL should default to 2; LLMNR (RFC 4795 §2.5) and SOAP-over-UDP use 1,
 * so neither crosses a router.
 */

export type StandardProtocol = keyof typeof WELL_KNOWN;

/** A user-defined probe: these bytes to this address and port (a host, a broadcast address or a group), answers recognised by `match`. */
export interface CustomProbe {
  readonly data: Uint8Array;
  readonly address: string;
  readonly port: number;
  readonly match: Matcher;
}

/** One datagram a probe sends, and what ties its answers to it. */
export interface ProbeDatagram {
  readonly bytes: Buffer;
  readonly to: readonly [string, number];
  /** DNS/NetBIOS id or WS-Discovery MessageID; null where answers carry none (SSDP, custom). */
  readonly txid: number | string | null;
  /** Names asked (mDNS), to tell an answer from an announcement on the group. */
  readonly asked: readonly string[];
}

let nextId = Math.floor(Math.random() * 0xfff0) + 1;
/** DNS ids for our queries: distinct within a run (a reply is matched to its query by id). */
export function freshId(): number {
  nextId = (nextId % 0xfffe) + 1;
  return nextId;
}

/** mDNS's first question: which service types are there (RFC 6763 §9). Sent from an ephemeral port, so answers come back by unicast (RFC 6762 §6.7). */
export function mdnsBrowse(): ProbeDatagram {
  const id = freshId();
  return { bytes: encodeQuery(id, [{ name: SERVICES_META, type: "PTR" }]), to: [WELL_KNOWN.mdns.group, WELL_KNOWN.mdns.port], txid: id, asked: [SERVICES_META] };
}

export function ssdpSearches(mx: number): ProbeDatagram[] {
  return SSDP_TARGETS.map((st) => ({ bytes: encodeMSearch(st, mx), to: [SSDP_GROUP, SSDP_PORT] as const, txid: null, asked: [] }));
}

export function wsdProbe(): ProbeDatagram {
  const { bytes, messageId } = encodeProbe();
  return { bytes, to: [WSD_GROUP, WSD_PORT], txid: messageId, asked: [] };
}

export function llmnrQuery(name: string): ProbeDatagram[] {
  return (["A", "AAAA"] as const).map((type) => {
    const id = freshId();
    return { bytes: encodeQuery(id, [{ name, type }]), to: [WELL_KNOWN.llmnr.group, WELL_KNOWN.llmnr.port] as const, txid: id, asked: [name] };
  });
}

export function nbnsQuery(name: string, broadcast: string): ProbeDatagram {
  const id = freshId();
  return { bytes: encodeNameQuery(id, name), to: [broadcast, NBNS_PORT], txid: id, asked: [name] };
}

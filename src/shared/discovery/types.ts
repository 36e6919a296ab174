/**
 * Discovery: what the LAN's discovery protocols said, decoded. Plain data
 * (JSON-safe), shared by the main-process discoverer, the CLI and the
 * renderer's roll call.
 */

export const DISCOVERY_PROTOCOLS = ["mdns", "ssdp", "wsd", "llmnr", "nbns", "custom"] as const;
export type DiscoveryProtocol = (typeof DISCOVERY_PROTOCOLS)[number];

/** How a person reads each protocol's name, in the view and in the CLI's notes. */
export const PROTOCOL_LABELS: Record<DiscoveryProtocol, string> = {
  mdns: "mDNS",
  ssdp: "SSDP",
  wsd: "WS-Discovery",
  llmnr: "LLMNR",
  nbns: "NetBIOS",
  custom: "probe",
};

/**
 * What a datagram was: an answer to one of our probes, a device speaking on
 * its own (an announcement, or a goodbye that withdraws one), or somebody's
 * query (ours are left out).
 */
export type SightingKind = "response" | "announcement" | "goodbye" | "query";

/** Where a datagram was sent: to one host (a unicast reply), a multicast group, or a broadcast address. */
export type Cast = "unicast" | "multicast" | "broadcast";

export interface DnsRecordView {
  readonly section: "answer" | "authority" | "additional";
  readonly name: string;
  readonly type: string;
  readonly ttl: number;
  /** mDNS cache-flush bit (the top bit of the class). */
  readonly flush: boolean;
  /** The record's data as one line: an address, a name, "0 0 631 host.local", TXT as key=value pairs. */
  readonly data: string;
}

/** The decoded message, for a detail pane: DNS records as a tree, SSDP headers, WS-Discovery XML pretty-printed. */
export type SightingDetail =
  | {
      readonly format: "dns";
      readonly id: number;
      readonly response: boolean;
      readonly authoritative: boolean;
      readonly truncated: boolean;
      readonly rcode: string;
      readonly questions: readonly { readonly name: string; readonly type: string; readonly unicastResponse: boolean }[];
      readonly records: readonly DnsRecordView[];
    }
  | { readonly format: "http"; readonly startLine: string; readonly headers: readonly (readonly [string, string])[] }
  | {
      readonly format: "xml";
      readonly action: string | null;
      readonly messageId: string | null;
      readonly relatesTo: string | null;
      /** The envelope, re-indented. */
      readonly pretty: string;
    }
  | {
      readonly format: "nbns";
      readonly id: number;
      readonly response: boolean;
      readonly opcode: number;
      readonly rcode: number;
      readonly broadcast: boolean;
      readonly questions: readonly { readonly name: string; readonly suffix: number; readonly type: string }[];
      readonly answers: readonly NbnsAnswerView[];
    }
  | { readonly format: "bytes"; readonly hex: string };

export interface NbnsAnswerView {
  readonly name: string;
  readonly suffix: number;
  readonly type: string;
  readonly ttl: number;
  /** NB: the addresses the name resolves to. */
  readonly addresses: readonly string[];
  /** NBSTAT: the node's name table. */
  readonly names: readonly { readonly name: string; readonly suffix: number; readonly group: boolean }[];
  /** NBSTAT: the unit id (usually the MAC address), as aa:bb:cc:dd:ee:ff. */
  readonly mac: string | null;
}

/** A DNS-SD service instance as its records describe it. */
export interface ServiceInstance {
  /** Full name, e.g. "Office Printer._ipp._tcp.local". */
  readonly fqdn: string;
  /** The instance label, e.g. "Office Printer". */
  readonly name: string;
  /** The service type, e.g. "_ipp._tcp.local". */
  readonly type: string;
  readonly host: string | null;
  readonly port: number | null;
  readonly txt: readonly string[];
}

/** What one decoded datagram told about its sender. */
export interface Facts {
  /** Host names, instance names, friendly names, NetBIOS names; in the order seen. */
  readonly names: readonly string[];
  /** Service types: DNS-SD types, SSDP ST/NT, WS-Discovery Types. */
  readonly services: readonly string[];
  /** Addresses the sender claims (A/AAAA, NB records, XAddrs hosts). */
  readonly addresses: readonly string[];
  readonly instances: readonly ServiceInstance[];
  /** SSDP USN or WS-Discovery endpoint address. */
  readonly usn: string | null;
  /** SSDP LOCATION or WS-Discovery XAddrs. */
  readonly locations: readonly string[];
  /** SSDP SERVER. */
  readonly server: string | null;
  /** What a query asked for (names or search targets), for queries. */
  readonly asked: readonly string[];
}

export interface Sighting {
  readonly protocol: DiscoveryProtocol;
  readonly kind: SightingKind;
  /** Wall-clock milliseconds (Date.now()) when it arrived. */
  readonly at: number;
  readonly src: readonly [string, number];
  /** Where it was sent, as the kernel saw it; null when the engine cannot tell (portable). */
  readonly dst: readonly [string, number] | null;
  readonly cast: Cast | null;
  /** The interface it came in on (kernel engine), or the one its probe went out of. */
  readonly ifname: string | null;
  /** For a response matched to one of our probes (by id, or the latest one for SSDP): ms from probe to answer. */
  readonly rttMs: number | null;
  readonly facts: Facts;
  /** One line for a log. */
  readonly summary: string;
  readonly detail: SightingDetail;
}

/** A datagram that did not decode: kept with (the start of) its bytes and why. */
export interface Undecodable {
  readonly protocol: DiscoveryProtocol;
  readonly at: number;
  readonly src: readonly [string, number];
  readonly dst: readonly [string, number] | null;
  readonly ifname: string | null;
  readonly len: number;
  /** Hex of the first MAX_KEPT_BYTES bytes. */
  readonly hex: string;
  readonly reason: string;
}

/** How many bytes of an undecodable datagram are kept. */
export const MAX_KEPT_BYTES = 2048;

export const EMPTY_FACTS: Facts = { names: [], services: [], addresses: [], instances: [], usn: null, locations: [], server: null, asked: [] };

/** How a user-defined probe recognises an answer. */
export type Matcher =
  | { readonly kind: "any" }
  /** The datagram starts with these bytes. */
  | { readonly kind: "prefix"; readonly hex: string }
  /** The datagram, read as Latin-1, matches this regular expression. */
  | { readonly kind: "regex"; readonly source: string };

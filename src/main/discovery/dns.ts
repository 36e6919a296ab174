import * as dnsPacket from "dns-packet";
import type { DnsRecordView, Facts, ServiceInstance, SightingDetail } from "../../shared/discovery/types";
import { EMPTY_FACTS } from "../../shared/discovery/types";

/**
 * mDNS / DNS-SD (RFC 6762, 6763) and LLMNR (RFC 4795) share DNS's wire
 * format; dns-packet reads and writes it. What it leaves to us: the
 * question's unicast-response bit (it reads the class as a string first, so
 * its own `qu` test never fires) and what the records mean for DNS-SD.
 */

export const SERVICES_META = "_services._dns-sd._udp.local";

export type DnsDecoded =
  | { readonly ok: true; readonly packet: dnsPacket.DecodedPacket; readonly detail: Extract<SightingDetail, { format: "dns" }> }
  | { readonly ok: false; readonly reason: string };

const DNS_HEADER = 12;
const QU_BIT = 0x8000;

function rcodeName(packet: dnsPacket.DecodedPacket): string {
  // dns-packet's header decoder sets rcode; its types leave it out.
  const rcode: unknown = (packet as { rcode?: unknown }).rcode;
  return typeof rcode === "string" ? rcode : "NOERROR";
}

/** "UNKNOWN_32769" is IN with the unicast-response bit; dns-packet names every class it does not know that way. */
function questionClass(cls: string | undefined): { readonly unicastResponse: boolean } {
  const m = /^UNKNOWN_(\d+)$/.exec(cls ?? "");
  return { unicastResponse: m ? (Number(m[1]) & QU_BIT) !== 0 : false };
}

function textOf(part: string | Buffer | Uint8Array): string {
  return typeof part === "string" ? part : Buffer.from(part).toString("utf8");
}

/** Printable on one line: control characters as \xNN, bounded. */
function oneLine(text: string, max = 300): string {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}

function txtStrings(data: unknown): string[] {
  const parts = Array.isArray(data) ? data : [data];
  return parts.filter((p): p is string | Buffer => typeof p === "string" || Buffer.isBuffer(p)).map((p) => oneLine(textOf(p), 255));
}

function recordData(a: dnsPacket.Answer): string {
  switch (a.type) {
    case "A":
    case "AAAA":
    case "PTR":
    case "CNAME":
    case "NS":
    case "DNAME":
      return oneLine(String(a.data));
    case "SRV":
      return `${a.data.priority ?? 0} ${a.data.weight ?? 0} ${a.data.port} ${oneLine(a.data.target)}`;
    case "TXT":
      return txtStrings(a.data).join(" ");
    case "HINFO":
      return `${oneLine(a.data.cpu)} ${oneLine(a.data.os)}`;
    case "NSEC":
      return `${oneLine(a.data.nextDomain)} ${a.data.rrtypes.join(" ")}`;
    case "OPT":
      return `udp ${a.udpPayloadSize}`;
    default: {
      const data: unknown = (a as { data?: unknown }).data;
      return Buffer.isBuffer(data) ? data.toString("hex") : oneLine(JSON.stringify(data) ?? "");
    }
  }
}

function recordsOf(packet: dnsPacket.DecodedPacket): DnsRecordView[] {
  const out: DnsRecordView[] = [];
  const sections = [
    ["answer", packet.answers],
    ["authority", packet.authorities],
    ["additional", packet.additionals],
  ] as const;
  for (const [section, list] of sections) {
    for (const a of list ?? []) {
      const ttl = "ttl" in a && typeof a.ttl === "number" ? a.ttl : 0;
      const flush = "flush" in a && a.flush === true;
      out.push({ section, name: oneLine(a.name), type: a.type, ttl, flush, data: recordData(a) });
    }
  }
  return out;
}

/** Decodes one DNS-format datagram; never throws. */
export function decodeDns(bytes: Uint8Array): DnsDecoded {
  if (bytes.length < DNS_HEADER) return { ok: false, reason: `${bytes.length} bytes: shorter than a DNS header (12)` };
  let packet: dnsPacket.DecodedPacket;
  try {
    packet = dnsPacket.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (err) {
    return { ok: false, reason: `DNS: ${err instanceof Error ? err.message : String(err)}` };
  }
  const questions = (packet.questions ?? []).map((q) => ({ name: oneLine(q.name), type: q.type, ...questionClass(q.class) }));
  const detail = {
    format: "dns",
    id: packet.id ?? 0,
    response: packet.type === "response",
    authoritative: packet.flag_aa,
    truncated: packet.flag_tc,
    rcode: rcodeName(packet),
    questions,
    records: recordsOf(packet),
  } as const;
  return { ok: true, packet, detail };
}

/** "Office\032Printer._ipp._tcp.local" → instance "Office Printer", type "_ipp._tcp.local" (the type starts at the first label with "_" followed by "_tcp"/"_udp"). */
export function splitInstance(fqdn: string): { readonly name: string; readonly type: string } | null {
  const m = /^(.+?)\.(_[^.]+\._(?:tcp|udp)\..+)$/.exec(fqdn);
  return m ? { name: m[1]!, type: m[2]! } : null;
}

/** What a DNS-SD response says about its sender: types, instances (PTR+SRV+TXT), host names and addresses. */
export function dnsSdFacts(packet: dnsPacket.DecodedPacket): Facts {
  const all = [...(packet.answers ?? []), ...(packet.additionals ?? []), ...(packet.authorities ?? [])];
  const services = new Set<string>();
  const names = new Set<string>();
  const addresses = new Set<string>();
  const instances = new Map<string, { name: string; type: string; host: string | null; port: number | null; txt: string[] }>();
  const instance = (fqdn: string) => {
    let inst = instances.get(fqdn);
    const split = splitInstance(fqdn);
    if (!inst && split) {
      inst = { name: split.name, type: split.type, host: null, port: null, txt: [] };
      instances.set(fqdn, inst);
    }
    return inst;
  };
  for (const a of all) {
    const name = oneLine(a.name);
    if (a.type === "PTR") {
      const target = oneLine(String(a.data));
      if (name.toLowerCase() === SERVICES_META) services.add(target);
      else if (/^_[^.]+\._(tcp|udp)\./.test(name)) {
        services.add(name);
        if (instance(target)) names.add(splitInstance(target)!.name);
      } else if (/\.(in-addr|ip6)\.arpa$/i.test(name)) names.add(target);
    } else if (a.type === "SRV") {
      const inst = instance(name);
      if (inst) {
        inst.host = oneLine(a.data.target);
        inst.port = a.data.port;
        services.add(inst.type);
        names.add(inst.name);
      }
      names.add(oneLine(a.data.target));
    } else if (a.type === "TXT") {
      const inst = instance(name);
      if (inst) inst.txt = txtStrings(a.data).filter((t) => t !== "");
    } else if (a.type === "A" || a.type === "AAAA") {
      names.add(name);
      addresses.add(String(a.data));
    }
  }
  const list: ServiceInstance[] = [...instances].map(([fqdn, i]) => ({ fqdn, ...i }));
  return { ...EMPTY_FACTS, names: [...names], services: [...services], addresses: [...addresses], instances: list };
}

/** Every record's TTL is 0: RFC 6762 §10.1's goodbye. */
export function isGoodbye(packet: dnsPacket.DecodedPacket): boolean {
  const answers = packet.answers ?? [];
  return answers.length > 0 && answers.every((a) => "ttl" in a && a.ttl === 0);
}

export type Question = { readonly name: string; readonly type: "PTR" | "SRV" | "TXT" | "A" | "AAAA" };

/** A standard query (RD off, as mDNS and LLMNR want). */
export function encodeQuery(id: number, questions: readonly Question[]): Buffer {
  return dnsPacket.encode({ type: "query", id, flags: 0, questions: questions.map((q) => ({ name: q.name, type: q.type, class: "IN" })) });
}

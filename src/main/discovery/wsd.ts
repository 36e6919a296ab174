import { randomUUID } from "node:crypto";
import { XMLBuilder, XMLParser, XMLValidator } from "fast-xml-parser";
import type { Facts, SightingDetail, SightingKind } from "../../shared/discovery/types";
import { EMPTY_FACTS } from "../../shared/discovery/types";

/**
 * WS-Discovery (the 2005/04 draft that printers, scanners and ONVIF cameras
 * speak): SOAP 1.2 envelopes over UDP to 239.255.255.250:3702. A Probe goes
 * to the group; ProbeMatches come back by unicast, carrying our MessageID in
 * RelatesTo; Hello and Bye are announcements.
 */

export const WSD_GROUP = "239.255.255.250";
export const WSD_PORT = 3702;
const NS_DISCOVERY = "http://schemas.xmlsoap.org/ws/2005/04/discovery";

/** A SOAP-over-UDP message fits a datagram; more than this is not one. */
const MAX_XML = 65_536;

export function encodeProbe(messageId = `urn:uuid:${randomUUID()}`): { readonly bytes: Buffer; readonly messageId: string } {
  const xml =
    '<?xml version="1.0" encoding="utf-8"?>' +
    '<soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope" xmlns:wsa="http://schemas.xmlsoap.org/ws/2004/08/addressing" ' +
    `xmlns:wsd="${NS_DISCOVERY}">` +
    "<soap:Header>" +
    "<wsa:To>urn:schemas-xmlsoap-org:ws:2005:04:discovery</wsa:To>" +
    `<wsa:Action>${NS_DISCOVERY}/Probe</wsa:Action>` +
    `<wsa:MessageID>${messageId}</wsa:MessageID>` +
    "</soap:Header>" +
    "<soap:Body><wsd:Probe/></soap:Body>" +
    "</soap:Envelope>";
  return { bytes: Buffer.from(xml, "utf8"), messageId };
}

export type WsdDecoded =
  | {
      readonly ok: true;
      readonly kind: SightingKind;
      readonly relatesTo: string | null;
      readonly facts: Facts;
      readonly detail: Extract<SightingDetail, { format: "xml" }>;
      readonly summary: string;
    }
  | { readonly ok: false; readonly reason: string };

// Entities off: a SOAP message has no DTD, and expanding nothing is the safe way to read a stranger's XML.
const parser = new XMLParser({ removeNSPrefix: true, ignoreAttributes: true, parseTagValue: false, processEntities: false, trimValues: true });
const orderedParser = new XMLParser({ preserveOrder: true, ignoreAttributes: false, parseTagValue: false, processEntities: false, trimValues: true });
const pretty = new XMLBuilder({ preserveOrder: true, ignoreAttributes: false, format: true, indentBy: "  ", processEntities: false, suppressEmptyNode: true });

type Node = Record<string, unknown>;

function child(node: unknown, name: string): unknown {
  return typeof node === "object" && node !== null && !Array.isArray(node) ? (node as Node)[name] : undefined;
}

function textOf(node: unknown): string | null {
  if (typeof node === "string") return node;
  if (Array.isArray(node)) return textOf(node[0]);
  const text = child(node, "#text");
  return typeof text === "string" ? text : null;
}

function list(node: unknown): unknown[] {
  return node === undefined ? [] : Array.isArray(node) ? node : [node];
}

function words(node: unknown): string[] {
  return (textOf(node) ?? "").split(/\s+/).filter((w) => w !== "");
}

const BODY_KINDS: Record<string, SightingKind> = {
  ProbeMatches: "response",
  ResolveMatches: "response",
  Hello: "announcement",
  Bye: "goodbye",
  Probe: "query",
  Resolve: "query",
};

/** ONVIF names a device in its scopes: onvif://www.onvif.org/name/Front%20Door. */
function scopeNames(scopes: readonly string[]): string[] {
  const out: string[] = [];
  for (const s of scopes) {
    const m = /^onvif:\/\/www\.onvif\.org\/name\/(.+)$/i.exec(s);
    if (!m) continue;
    try {
      out.push(decodeURIComponent(m[1]!));
    } catch {
      out.push(m[1]!);
    }
  }
  return out;
}

function xaddrHosts(xaddrs: readonly string[]): string[] {
  const out: string[] = [];
  for (const x of xaddrs) {
    try {
      out.push(new URL(x).hostname.replace(/^\[|\]$/g, ""));
    } catch {
      // Not a URL: kept in locations, no host to take from it.
    }
  }
  return out;
}

/** Decodes one WS-Discovery datagram; never throws. */
export function decodeWsd(bytes: Uint8Array): WsdDecoded {
  if (bytes.length === 0) return { ok: false, reason: "empty datagram" };
  if (bytes.length > MAX_XML) return { ok: false, reason: `${bytes.length} bytes: larger than a SOAP-over-UDP message` };
  const text = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
  if (/<!DOCTYPE/i.test(text)) return { ok: false, reason: "XML with a DTD: SOAP messages carry none, and entities in it are not expanded" };
  let doc: unknown;
  let ordered: unknown;
  try {
    const valid = XMLValidator.validate(text);
    if (valid !== true) return { ok: false, reason: `not well-formed XML: ${valid.err.msg} (line ${valid.err.line})` };
    doc = parser.parse(text);
    ordered = orderedParser.parse(text);
  } catch (err) {
    return { ok: false, reason: `XML: ${err instanceof Error ? err.message : String(err)}` };
  }
  const envelope = child(doc, "Envelope");
  if (envelope === undefined) return { ok: false, reason: "XML, but not a SOAP envelope" };
  const header = child(envelope, "Header");
  const body = child(envelope, "Body");
  const action = textOf(child(header, "Action"));
  const messageId = textOf(child(header, "MessageID"));
  const relatesTo = textOf(child(header, "RelatesTo"));
  const bodyName = Object.keys(typeof body === "object" && body !== null ? body : {}).find((k) => k in BODY_KINDS);
  if (!bodyName) return { ok: false, reason: `a SOAP envelope without a WS-Discovery body (action ${action ?? "none"})` };
  const kind = BODY_KINDS[bodyName]!;
  const content = child(body, bodyName);
  // ProbeMatches/ResolveMatches hold matches; Hello, Bye, Probe and Resolve are one element each.
  const items = bodyName.endsWith("Matches") ? list(child(content, bodyName.replace(/es$/, ""))) : [content];
  const names: string[] = [];
  const services: string[] = [];
  const locations: string[] = [];
  const asked: string[] = [];
  let usn: string | null = null;
  for (const item of items) {
    const address = textOf(child(child(item, "EndpointReference"), "Address"));
    const types = words(child(item, "Types"));
    const scopes = words(child(item, "Scopes"));
    if (kind === "query") {
      asked.push(...types, ...scopes);
      continue;
    }
    usn ??= address;
    services.push(...types);
    names.push(...scopeNames(scopes));
    locations.push(...words(child(item, "XAddrs")));
  }
  let prettyText: string;
  try {
    prettyText = String(pretty.build(ordered)).trim();
  } catch {
    prettyText = text;
  }
  const facts: Facts = { ...EMPTY_FACTS, names, services, usn, locations, addresses: xaddrHosts(locations), asked };
  const summary = `${bodyName}${services.length ? ` ${services.join(" ")}` : ""}${asked.length ? ` ${asked.join(" ")}` : ""}${usn ? ` ${usn}` : ""}`;
  return { ok: true, kind, relatesTo, facts, detail: { format: "xml", action, messageId, relatesTo, pretty: prettyText }, summary };
}

import type { Facts, SightingDetail, SightingKind } from "../../shared/discovery/types";
import { EMPTY_FACTS } from "../../shared/discovery/types";

/**
 * SSDP (UPnP Device Architecture 1.1 §1): HTTP-like text over UDP. Three
 * shapes: `M-SEARCH * HTTP/1.1` (a query), `NOTIFY * HTTP/1.1` (an
 * announcement: ssdp:alive, or ssdp:byebye) and `HTTP/1.1 200 OK` (an answer
 * to an M-SEARCH, sent by unicast to the searcher).
 */

export const SSDP_GROUP = "239.255.255.250";
export const SSDP_PORT = 1900;
export const SSDP_TARGETS = ["ssdp:all", "upnp:rootdevice"] as const;

/** Bounds on what we read: a real SSDP message is a few hundred bytes with a dozen headers. */
const MAX_HEADERS = 100;
const MAX_LINE = 2048;

export type SsdpDecoded =
  | { readonly ok: true; readonly kind: SightingKind; readonly facts: Facts; readonly detail: Extract<SightingDetail, { format: "http" }>; readonly summary: string }
  | { readonly ok: false; readonly reason: string };

export function encodeMSearch(target: string, mx: number): Buffer {
  const lines = ["M-SEARCH * HTTP/1.1", `HOST: ${SSDP_GROUP}:${SSDP_PORT}`, 'MAN: "ssdp:discover"', `MX: ${mx}`, `ST: ${target}`, "USER-AGENT: Linux UPnP/1.1 SocketLab/0.1", "", ""];
  return Buffer.from(lines.join("\r\n"), "latin1");
}

/** Decodes one SSDP datagram; never throws. */
export function decodeSsdp(bytes: Uint8Array): SsdpDecoded {
  if (bytes.length === 0) return { ok: false, reason: "empty datagram" };
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text)) return { ok: false, reason: "not text: control bytes in an HTTP-like message" };
  const end = text.search(/\r?\n\r?\n/);
  const head = end >= 0 ? text.slice(0, end) : text;
  const lines = head.split(/\r?\n/);
  const startLine = lines[0] ?? "";
  let kind: SightingKind;
  if (/^M-SEARCH \* HTTP\/1\.[01]$/i.test(startLine)) kind = "query";
  else if (/^NOTIFY \* HTTP\/1\.[01]$/i.test(startLine)) kind = "announcement";
  else if (/^HTTP\/1\.[01] 200( .*)?$/i.test(startLine)) kind = "response";
  else return { ok: false, reason: `not an SSDP start line: ${JSON.stringify(startLine.slice(0, 60))}` };
  if (end < 0) return { ok: false, reason: "truncated: no blank line after the headers" };
  const headers: [string, string][] = [];
  for (const line of lines.slice(1)) {
    if (line.length > MAX_LINE) return { ok: false, reason: `a header line of ${line.length} characters (at most ${MAX_LINE})` };
    if (line === "") continue;
    const colon = line.indexOf(":");
    if (colon <= 0) return { ok: false, reason: `a header line without a name and colon: ${JSON.stringify(line.slice(0, 60))}` };
    if (headers.length >= MAX_HEADERS) return { ok: false, reason: `more than ${MAX_HEADERS} headers` };
    headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
  }
  const get = (name: string): string | null => headers.find(([k]) => k.toUpperCase() === name)?.[1] ?? null;
  const nts = get("NTS");
  if (kind === "announcement" && nts?.toLowerCase() === "ssdp:byebye") kind = "goodbye";
  const target = kind === "response" ? get("ST") : kind === "query" ? get("ST") : get("NT");
  const location = get("LOCATION") ?? get("AL");
  const facts: Facts = {
    ...EMPTY_FACTS,
    // A target of uuid:… names the device itself (its USN says the same), not a service it offers.
    services: kind !== "query" && target && !/^uuid:/i.test(target) ? [target] : [],
    usn: kind !== "query" ? get("USN") : null,
    locations: location ? [location] : [],
    server: get("SERVER"),
    asked: kind === "query" && target ? [target] : [],
  };
  const summary =
    kind === "query"
      ? `M-SEARCH ${target ?? "(no ST)"}${get("MX") ? ` MX ${get("MX")}` : ""}`
      : `${kind === "response" ? "200 OK" : `NOTIFY ${nts ?? ""}`} ${target ?? ""}${location ? ` at ${location}` : ""}`.trim();
  return { ok: true, kind, facts, detail: { format: "http", startLine, headers }, summary };
}

import type { DiscoveryProtocol, Facts, Matcher, SightingDetail, SightingKind } from "../../shared/discovery/types";
import { EMPTY_FACTS } from "../../shared/discovery/types";
import { decodeDns, dnsSdFacts, isGoodbye } from "./dns";
import { decodeNbns } from "./nbns";
import { decodeSsdp } from "./ssdp";
import { decodeWsd } from "./wsd";

export interface DecodeContext {
  /** It arrived on one of our probe sockets (an ephemeral port): a reply sent to us by unicast. */
  readonly onProbeSocket: boolean;
  /** Whether we asked for any of these names lately (tells an mDNS answer to our query from an announcement). */
  readonly askedLately: (names: readonly string[]) => boolean;
  readonly matcher?: Matcher;
}

export type Decoded =
  | {
      readonly ok: true;
      readonly kind: SightingKind;
      readonly facts: Facts;
      readonly detail: SightingDetail;
      readonly summary: string;
      /** The id that ties an answer to its probe (DNS/NetBIOS id, WS-Discovery RelatesTo), when it has one. */
      readonly txid: number | string | null;
    }
  | { readonly ok: false; readonly reason: string };

function printableLatin1(bytes: Uint8Array, max: number): string {
  let s = "";
  for (const c of bytes.subarray(0, max)) s += c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : `\\x${c.toString(16).padStart(2, "0")}`;
  return bytes.length > max ? `${s}…` : s;
}

function matches(m: Matcher, bytes: Uint8Array): boolean {
  switch (m.kind) {
    case "any":
      return true;
    case "prefix": {
      const want = Buffer.from(m.hex, "hex");
      return bytes.length >= want.length && Buffer.from(bytes.subarray(0, want.length)).equals(want);
    }
    case "regex":
      return new RegExp(m.source).test(Buffer.from(bytes).toString("latin1"));
  }
}

function decodeMdns(bytes: Uint8Array, ctx: DecodeContext): Decoded {
  const d = decodeDns(bytes);
  if (!d.ok) return d;
  const { packet, detail } = d;
  const q = detail.questions;
  if (!detail.response) {
    const asked = q.map((x) => `${x.name} ${x.type}${x.unicastResponse ? " (QU)" : ""}`);
    return { ok: true, kind: "query", facts: { ...EMPTY_FACTS, asked }, detail, summary: `query ${asked.join(", ") || "(no questions)"}`, txid: detail.id };
  }
  const facts = dnsSdFacts(packet);
  const answered = detail.records.filter((r) => r.section === "answer").map((r) => r.name);
  const kind: SightingKind = isGoodbye(packet) ? "goodbye" : ctx.onProbeSocket || ctx.askedLately(answered) ? "response" : "announcement";
  const summary = `${kind === "goodbye" ? "goodbye" : "answer"} ${detail.records
    .filter((r) => r.section === "answer")
    .slice(0, 4)
    .map((r) => `${r.name} ${r.type} ${r.data}`)
    .join("; ")}${detail.records.length > 4 ? ` (+${detail.records.length - 4} records)` : ""}`;
  return { ok: true, kind, facts, detail, summary, txid: detail.id };
}

function decodeLlmnr(bytes: Uint8Array): Decoded {
  const d = decodeDns(bytes);
  if (!d.ok) return d;
  const { detail } = d;
  const names = detail.questions.map((x) => x.name);
  if (!detail.response) {
    return { ok: true, kind: "query", facts: { ...EMPTY_FACTS, asked: names }, detail, summary: `query ${detail.questions.map((x) => `${x.name} ${x.type}`).join(", ")}`, txid: detail.id };
  }
  const addresses = detail.records.filter((r) => r.type === "A" || r.type === "AAAA").map((r) => r.data);
  const answerNames = detail.records.filter((r) => r.section === "answer").map((r) => r.name);
  const facts: Facts = { ...EMPTY_FACTS, names: [...new Set([...answerNames, ...(answerNames.length ? [] : names)])], addresses };
  const summary = `answer ${names.join(", ")}${addresses.length ? ` → ${addresses.join(" ")}` : detail.rcode !== "NOERROR" ? ` ${detail.rcode}` : " (no address)"}`;
  return { ok: true, kind: "response", facts, detail, summary, txid: detail.id };
}

/** Decodes a datagram that arrived on a protocol's socket; never throws (a matcher's bad regex is refused before it gets here). */
export function decodeDatagram(protocol: DiscoveryProtocol, bytes: Uint8Array, ctx: DecodeContext): Decoded {
  switch (protocol) {
    case "mdns":
      return decodeMdns(bytes, ctx);
    case "llmnr":
      return decodeLlmnr(bytes);
    case "ssdp": {
      const d = decodeSsdp(bytes);
      return d.ok ? { ...d, txid: null } : d;
    }
    case "wsd": {
      const d = decodeWsd(bytes);
      return d.ok ? { ok: true, kind: d.kind, facts: d.facts, detail: d.detail, summary: d.summary, txid: d.relatesTo } : d;
    }
    case "nbns": {
      const d = decodeNbns(bytes);
      return d.ok ? { ...d, txid: d.detail.id } : d;
    }
    case "custom": {
      if (!ctx.matcher || !matches(ctx.matcher, bytes)) return { ok: false, reason: "does not match the probe's matcher" };
      const detail: SightingDetail = { format: "bytes", hex: Buffer.from(bytes.subarray(0, 2048)).toString("hex") };
      return { ok: true, kind: "response", facts: EMPTY_FACTS, detail, summary: `${bytes.length} bytes: ${printableLatin1(bytes, 60)}`, txid: null };
    }
  }
}

import type { Facts, NbnsAnswerView, SightingDetail, SightingKind } from "../../shared/discovery/types";
import { EMPTY_FACTS } from "../../shared/discovery/types";

/**
 * NetBIOS name service (RFC 1001/1002), UDP 137: a small binary format with
 * no library worth its dependency. Read by hand, every length checked against
 * what is left, so a short or lying packet is an error with a reason.
 */

export const NBNS_PORT = 137;
const TYPE_NB = 0x0020;
const TYPE_NBSTAT = 0x0021;
const FLAG_RESPONSE = 0x8000;
const FLAG_RD = 0x0100;
const FLAG_BROADCAST = 0x0010;
/** A name label holds 16 bytes in "first-level encoding": each nibble as 'A' + nibble, 32 characters. */
const ENCODED_NAME = 32;
const MAX_POINTERS = 16;
const OPCODES = ["query", "?1", "?2", "?3", "?4", "registration", "release", "wack", "refresh", "refresh", "?10", "?11", "?12", "?13", "?14", "multihomed registration"];

export class NbnsError extends Error {}

/** The 16-byte NetBIOS name: 15 characters padded with spaces, then the suffix (00 workstation, 20 file server, 1D master browser…). */
function encodeName(name: string, suffix: number, wildcard = false): Buffer {
  const raw = Buffer.alloc(16, wildcard ? 0 : 0x20);
  if (wildcard) raw[0] = 0x2a;
  else raw.write(name.toUpperCase().slice(0, 15), 0, "latin1");
  raw[15] = suffix;
  const out = Buffer.alloc(1 + ENCODED_NAME + 1);
  out[0] = ENCODED_NAME;
  for (let i = 0; i < 16; i++) {
    out[1 + 2 * i] = 0x41 + (raw[i]! >> 4);
    out[2 + 2 * i] = 0x41 + (raw[i]! & 0x0f);
  }
  return out; // the last byte is the root label, 0
}

function header(id: number, flags: number): Buffer {
  const h = Buffer.alloc(12);
  h.writeUInt16BE(id, 0);
  h.writeUInt16BE(flags, 2);
  h.writeUInt16BE(1, 4);
  return h;
}

function question(type: number): Buffer {
  const q = Buffer.alloc(4);
  q.writeUInt16BE(type, 0);
  q.writeUInt16BE(1, 2);
  return q;
}

/** A broadcast name query (NB) for `name` with suffix 0x00. */
export function encodeNameQuery(id: number, name: string): Buffer {
  return Buffer.concat([header(id, FLAG_RD | FLAG_BROADCAST), encodeName(name, 0x00), question(TYPE_NB)]);
}

/** A node status request (NBSTAT) for the wildcard name "*", sent by unicast: the node answers with its name table. */
export function encodeNodeStatus(id: number): Buffer {
  return Buffer.concat([header(id, 0), encodeName("*", 0, true), question(TYPE_NBSTAT)]);
}

class Reader {
  constructor(
    private readonly b: Uint8Array,
    public at = 0,
  ) {}
  need(n: number, what: string): void {
    if (this.at + n > this.b.length) throw new NbnsError(`truncated: ${what} needs ${n} bytes at offset ${this.at}, ${Math.max(0, this.b.length - this.at)} left`);
  }
  u8(what: string): number {
    this.need(1, what);
    return this.b[this.at++]!;
  }
  u16(what: string): number {
    this.need(2, what);
    const v = (this.b[this.at]! << 8) | this.b[this.at + 1]!;
    this.at += 2;
    return v;
  }
  u32(what: string): number {
    this.need(4, what);
    const v = ((this.b[this.at]! << 24) >>> 0) + ((this.b[this.at + 1]! << 16) | (this.b[this.at + 2]! << 8) | this.b[this.at + 3]!);
    this.at += 4;
    return v;
  }
  bytes(n: number, what: string): Uint8Array {
    this.need(n, what);
    const out = this.b.subarray(this.at, this.at + n);
    this.at += n;
    return out;
  }
  get buffer(): Uint8Array {
    return this.b;
  }
}

function printableName(raw: Uint8Array): string {
  let s = "";
  for (const c of raw) s += c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : `\\x${c.toString(16).padStart(2, "0")}`;
  return s.replace(/ +$/, "");
}

/** Reads a (possibly compressed) encoded name: the NetBIOS name and its suffix; scope labels are skipped. */
function readName(r: Reader): { name: string; suffix: number } {
  let first: Uint8Array | null = null;
  let cursor = r;
  let jumps = 0;
  for (;;) {
    const len = cursor.u8("a name label length");
    if (len === 0) break;
    if ((len & 0xc0) === 0xc0) {
      const target = ((len & 0x3f) << 8) | cursor.u8("a name pointer");
      // Only backwards, and a bounded number of times: a pointer loop is an error, not a hang.
      if (target >= cursor.at - 2 || ++jumps > MAX_POINTERS) throw new NbnsError(`a bad name pointer to offset ${target}`);
      cursor = new Reader(r.buffer, target);
      continue;
    }
    if ((len & 0xc0) !== 0) throw new NbnsError(`a bad name label length 0x${len.toString(16)}`);
    const label = cursor.bytes(len, "a name label");
    if (first === null) {
      if (len !== ENCODED_NAME) throw new NbnsError(`the first name label has ${len} bytes, not 32`);
      first = label;
    }
  }
  if (first === null) throw new NbnsError("an empty name");
  const raw = new Uint8Array(16);
  for (let i = 0; i < 16; i++) {
    const hi = first[2 * i]! - 0x41;
    const lo = first[2 * i + 1]! - 0x41;
    if (hi < 0 || hi > 15 || lo < 0 || lo > 15) throw new NbnsError("a name not in first-level encoding (characters A to P)");
    raw[i] = (hi << 4) | lo;
  }
  return { name: raw[0] === 0x2a ? "*" : printableName(raw.subarray(0, 15)), suffix: raw[15]! };
}

function typeName(t: number): string {
  return t === TYPE_NB ? "NB" : t === TYPE_NBSTAT ? "NBSTAT" : `TYPE${t}`;
}

function readAnswer(r: Reader): NbnsAnswerView {
  const { name, suffix } = readName(r);
  const type = r.u16("a record type");
  r.u16("a record class");
  const ttl = r.u32("a record TTL");
  const rdlength = r.u16("a record length");
  const rdata = new Reader(r.bytes(rdlength, "record data"));
  const addresses: string[] = [];
  const names: { name: string; suffix: number; group: boolean }[] = [];
  let mac: string | null = null;
  if (type === TYPE_NB) {
    if (rdlength % 6 !== 0) throw new NbnsError(`an NB record of ${rdlength} bytes (a multiple of 6)`);
    for (let i = 0; i < rdlength / 6; i++) {
      rdata.u16("NB flags");
      addresses.push([...rdata.bytes(4, "an NB address")].join("."));
    }
  } else if (type === TYPE_NBSTAT) {
    const count = rdata.u8("the number of names");
    for (let i = 0; i < count; i++) {
      const raw = rdata.bytes(16, "a node name");
      const flags = rdata.u16("a node name's flags");
      names.push({ name: printableName(raw.subarray(0, 15)), suffix: raw[15]!, group: (flags & 0x8000) !== 0 });
    }
    // The statistics start with the unit id, 6 bytes (the MAC address); some stacks send fewer.
    if (rdlength - rdata.at >= 6) mac = [...rdata.bytes(6, "the unit id")].map((b) => b.toString(16).padStart(2, "0")).join(":");
  }
  return { name, suffix, type: typeName(type), ttl, addresses, names, mac };
}

export type NbnsDecoded =
  | { readonly ok: true; readonly kind: SightingKind; readonly facts: Facts; readonly detail: Extract<SightingDetail, { format: "nbns" }>; readonly summary: string }
  | { readonly ok: false; readonly reason: string };

const suffixHex = (s: number): string => `<${s.toString(16).padStart(2, "0")}>`;

/** Decodes one NetBIOS name service datagram; never throws. */
export function decodeNbns(bytes: Uint8Array): NbnsDecoded {
  try {
    const r = new Reader(bytes);
    const id = r.u16("the header");
    const flags = r.u16("the header");
    const counts = [r.u16("the header"), r.u16("the header"), r.u16("the header"), r.u16("the header")] as const;
    const response = (flags & FLAG_RESPONSE) !== 0;
    const opcode = (flags >> 11) & 0x0f;
    const questions: { name: string; suffix: number; type: string }[] = [];
    for (let i = 0; i < counts[0]; i++) {
      const n = readName(r);
      const type = r.u16("a question type");
      r.u16("a question class");
      questions.push({ ...n, type: typeName(type) });
    }
    const answers: NbnsAnswerView[] = [];
    for (let i = 0; i < counts[1] + counts[2] + counts[3]; i++) answers.push(readAnswer(r));
    const detail = { format: "nbns", id, response, opcode, rcode: flags & 0x0f, broadcast: (flags & FLAG_BROADCAST) !== 0, questions, answers } as const;
    const label = (n: { name: string; suffix: number }): string => `${n.name}${suffixHex(n.suffix)}`;
    // A registration, refresh or release carries the name in its question and the address in an additional record: the host says who it is.
    const announcing = !response && opcode >= 5;
    const kind: SightingKind = response ? "response" : announcing ? (opcode === 6 ? "goodbye" : "announcement") : "query";
    const names = new Set<string>();
    const addresses = new Set<string>();
    for (const a of answers) {
      if (response || announcing) {
        if (a.type === "NB" && a.name !== "*") names.add(a.name);
        for (const n of a.names) if (!n.group) names.add(n.name);
        for (const addr of a.addresses) addresses.add(addr);
      }
    }
    if (announcing) for (const q of questions) names.add(q.name);
    const facts: Facts = {
      ...EMPTY_FACTS,
      names: [...names],
      addresses: [...addresses],
      asked: kind === "query" ? questions.map(label) : [],
    };
    const what = OPCODES[opcode] ?? `opcode ${opcode}`;
    const summary = response
      ? `${what} response${(flags & 0x0f) !== 0 ? ` rcode ${flags & 0x0f}` : ""}: ${answers.map((a) => (a.type === "NBSTAT" ? a.names.map(label).join(" ") : `${label(a)} ${a.addresses.join(" ")}`)).join("; ")}`
      : `${what} ${questions.map((q) => `${label(q)} ${q.type}`).join(", ")}`;
    return { ok: true, kind, facts, detail, summary };
  } catch (err) {
    if (err instanceof NbnsError) return { ok: false, reason: `NetBIOS: ${err.message}` };
    throw err;
  }
}

import * as dnsPacket from "dns-packet";
import { describe, expect, it } from "vitest";
import { decodeDatagram, type DecodeContext } from "./decode";
import { encodeNameQuery, encodeNodeStatus } from "./nbns";
import { encodeMSearch } from "./ssdp";
import { encodeProbe } from "./wsd";

const probeCtx: DecodeContext = { onProbeSocket: true, askedLately: () => false };
const groupCtx: DecodeContext = { onProbeSocket: false, askedLately: () => false };

function ok<T extends { ok: boolean }>(d: T): Extract<T, { ok: true }> {
  if (!d.ok) throw new Error(`expected a decode, got ${JSON.stringify(d)}`);
  return d as Extract<T, { ok: true }>;
}

const FQDN = "Office\\032Printer._ipp._tcp.local".replace("\\032", " ");
const dnsSdResponse = (ttl = 120): Buffer =>
  dnsPacket.encode({
    type: "response",
    id: 7,
    flags: dnsPacket.AUTHORITATIVE_ANSWER,
    answers: [{ name: "_ipp._tcp.local", type: "PTR", ttl, data: FQDN }],
    additionals: [
      { name: FQDN, type: "SRV", ttl, flush: true, data: { port: 631, target: "printer.local" } },
      { name: FQDN, type: "TXT", ttl, data: ["rp=ipp/print", "ty=Office"] },
      { name: "printer.local", type: "A", ttl, data: "10.0.0.7" },
      { name: "printer.local", type: "AAAA", ttl, data: "fe80::1" },
    ],
  });

describe("mDNS / DNS-SD", () => {
  it("reads a PTR answer with SRV, TXT and A/AAAA additionals as one instance with its host, port, TXT and addresses", () => {
    const d = ok(decodeDatagram("mdns", dnsSdResponse(), probeCtx));
    expect(d.kind).toBe("response");
    expect(d.txid).toBe(7);
    expect(d.facts.instances).toEqual([{ fqdn: FQDN, name: "Office Printer", type: "_ipp._tcp.local", host: "printer.local", port: 631, txt: ["rp=ipp/print", "ty=Office"] }]);
    expect(d.facts.services).toEqual(["_ipp._tcp.local"]);
    expect(d.facts.names).toEqual(expect.arrayContaining(["Office Printer", "printer.local"]));
    expect(d.facts.addresses).toEqual(["10.0.0.7", "fe80::1"]);
    expect(d.detail).toMatchObject({ format: "dns", response: true, authoritative: true, rcode: "NOERROR" });
    if (d.detail.format !== "dns") throw new Error("dns detail");
    expect(d.detail.records.map((r) => [r.section, r.type, r.data])).toEqual([
      ["answer", "PTR", FQDN],
      ["additional", "SRV", "0 0 631 printer.local"],
      ["additional", "TXT", "rp=ipp/print ty=Office"],
      ["additional", "A", "10.0.0.7"],
      ["additional", "AAAA", "fe80::1"],
    ]);
    expect(d.detail.records[1]!.flush).toBe(true);
  });

  it("on the group, an answer to nothing we asked is an announcement; one to a name we asked is a response; TTL 0 everywhere is a goodbye", () => {
    expect(ok(decodeDatagram("mdns", dnsSdResponse(), groupCtx)).kind).toBe("announcement");
    const asked: DecodeContext = { onProbeSocket: false, askedLately: (names) => names.includes("_ipp._tcp.local") };
    expect(ok(decodeDatagram("mdns", dnsSdResponse(), asked)).kind).toBe("response");
    expect(ok(decodeDatagram("mdns", dnsSdResponse(0), groupCtx)).kind).toBe("goodbye");
  });

  it("reads the services meta-query's answer as service types", () => {
    const bytes = dnsPacket.encode({ type: "response", answers: [{ name: "_services._dns-sd._udp.local", type: "PTR", data: "_http._tcp.local" }] });
    expect(ok(decodeDatagram("mdns", bytes, probeCtx)).facts.services).toEqual(["_http._tcp.local"]);
  });

  it("reads a query and its unicast-response (QU) bit, which dns-packet's own decoder misses", () => {
    const bytes = dnsPacket.encode({ type: "query", id: 0, questions: [{ name: "_ipp._tcp.local", type: "PTR" }] });
    // The question's class is the last two bytes: IN with the top bit set.
    bytes.writeUInt16BE(0x8001, bytes.length - 2);
    const d = ok(decodeDatagram("mdns", bytes, groupCtx));
    expect(d.kind).toBe("query");
    expect(d.facts.asked).toEqual(["_ipp._tcp.local PTR (QU)"]);
  });

  it("says why a datagram is not DNS", () => {
    expect(decodeDatagram("mdns", Buffer.from("hello"), groupCtx)).toEqual({ ok: false, reason: "5 bytes: shorter than a DNS header (12)" });
    const truncated = dnsSdResponse().subarray(0, 40);
    expect(decodeDatagram("mdns", truncated, groupCtx)).toMatchObject({ ok: false, reason: expect.stringMatching(/^DNS: /) });
  });
});

describe("LLMNR", () => {
  it("a query names what it asks; a response gives the name and its address", () => {
    const q = ok(decodeDatagram("llmnr", dnsPacket.encode({ type: "query", id: 9, questions: [{ name: "nas", type: "A" }] }), groupCtx));
    expect(q).toMatchObject({ kind: "query", txid: 9, facts: { asked: ["nas"] } });
    const r = ok(
      decodeDatagram("llmnr", dnsPacket.encode({ type: "response", id: 9, questions: [{ name: "nas", type: "A" }], answers: [{ name: "nas", type: "A", ttl: 30, data: "10.0.0.9" }] }), probeCtx),
    );
    expect(r).toMatchObject({ kind: "response", txid: 9, facts: { names: ["nas"], addresses: ["10.0.0.9"] }, summary: "answer nas → 10.0.0.9" });
  });
});

describe("SSDP", () => {
  it("reads an M-SEARCH answer, a NOTIFY alive and byebye, and someone's M-SEARCH", () => {
    const answer = "HTTP/1.1 200 OK\r\nST: upnp:rootdevice\r\nUSN: uuid:1::upnp:rootdevice\r\nLocation: http://10.0.0.5:80/d.xml\r\nServer: x/1 UPnP/1.0 y/2\r\nEXT:\r\n\r\n";
    const d = ok(decodeDatagram("ssdp", Buffer.from(answer), probeCtx));
    expect(d).toMatchObject({ kind: "response", facts: { services: ["upnp:rootdevice"], usn: "uuid:1::upnp:rootdevice", locations: ["http://10.0.0.5:80/d.xml"], server: "x/1 UPnP/1.0 y/2" } });
    expect(d.detail).toEqual({
      format: "http",
      startLine: "HTTP/1.1 200 OK",
      headers: [
        ["ST", "upnp:rootdevice"],
        ["USN", "uuid:1::upnp:rootdevice"],
        ["Location", "http://10.0.0.5:80/d.xml"],
        ["Server", "x/1 UPnP/1.0 y/2"],
        ["EXT", ""],
      ],
    });
    // Line feeds alone, as some devices send them.
    const alive = "NOTIFY * HTTP/1.1\nNT: urn:schemas-upnp-org:device:MediaServer:1\nNTS: ssdp:alive\nUSN: uuid:2\n\n";
    expect(ok(decodeDatagram("ssdp", Buffer.from(alive), groupCtx))).toMatchObject({ kind: "announcement", facts: { services: ["urn:schemas-upnp-org:device:MediaServer:1"] } });
    expect(ok(decodeDatagram("ssdp", Buffer.from(alive.replace("alive", "byebye")), groupCtx)).kind).toBe("goodbye");
    expect(ok(decodeDatagram("ssdp", encodeMSearch("ssdp:all", 2), groupCtx))).toMatchObject({ kind: "query", facts: { asked: ["ssdp:all"], services: [] }, summary: "M-SEARCH ssdp:all MX 2" });
  });

  it("says why a datagram is not SSDP", () => {
    const cases: [string | Buffer, RegExp][] = [
      ["GET / HTTP/1.1\r\n\r\n", /not an SSDP start line/],
      ["NOTIFY * HTTP/1.1\r\nNT: x\r\n", /truncated: no blank line/],
      ["NOTIFY * HTTP/1.1\r\nNT x\r\n\r\n", /header line without a name and colon/],
      [Buffer.from([0x4e, 0x00, 0x01]), /not text/],
      ["", /empty/],
    ];
    for (const [input, reason] of cases) expect(decodeDatagram("ssdp", Buffer.from(input), groupCtx), String(input)).toMatchObject({ ok: false, reason: expect.stringMatching(reason) });
  });
});

describe("WS-Discovery", () => {
  const matches = (body: string): Buffer =>
    Buffer.from(
      `<?xml version="1.0"?><e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope" xmlns:w="http://schemas.xmlsoap.org/ws/2004/08/addressing" xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery">` +
        `<e:Header><w:Action>x</w:Action><w:MessageID>urn:uuid:m</w:MessageID><w:RelatesTo>urn:uuid:probe</w:RelatesTo></e:Header><e:Body>${body}</e:Body></e:Envelope>`,
    );
  const match = (addr: string, types: string): string =>
    `<d:ProbeMatch><w:EndpointReference><w:Address>${addr}</w:Address></w:EndpointReference><d:Types>${types}</d:Types><d:Scopes MatchBy="x">onvif://www.onvif.org/name/Front%20Door</d:Scopes><d:XAddrs>http://10.0.0.8/onvif http://[fe80::8]/onvif</d:XAddrs></d:ProbeMatch>`;

  it("our Probe decodes as a query carrying a fresh MessageID", () => {
    const one = encodeProbe();
    const two = encodeProbe();
    expect(one.messageId).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(one.messageId).not.toBe(two.messageId);
    const d = ok(decodeDatagram("wsd", one.bytes, groupCtx));
    expect(d.kind).toBe("query");
    expect(d.detail).toMatchObject({ format: "xml", messageId: one.messageId, action: "http://schemas.xmlsoap.org/ws/2005/04/discovery/Probe" });
  });

  it("reads ProbeMatches (one or several) with endpoint, types, ONVIF name, XAddrs and RelatesTo; Hello and Bye as announcement and goodbye", () => {
    const d = ok(decodeDatagram("wsd", matches(`<d:ProbeMatches>${match("urn:uuid:cam", "dn:NetworkVideoTransmitter tds:Device")}</d:ProbeMatches>`), probeCtx));
    expect(d).toMatchObject({ kind: "response", txid: "urn:uuid:probe" });
    expect(d.facts).toMatchObject({
      usn: "urn:uuid:cam",
      services: ["dn:NetworkVideoTransmitter", "tds:Device"],
      names: ["Front Door"],
      locations: ["http://10.0.0.8/onvif", "http://[fe80::8]/onvif"],
      addresses: ["10.0.0.8", "fe80::8"],
    });
    if (d.detail.format !== "xml") throw new Error("xml detail");
    expect(d.detail.pretty.split("\n").length).toBeGreaterThan(5);
    const two = ok(decodeDatagram("wsd", matches(`<d:ProbeMatches>${match("urn:uuid:1", "a")}${match("urn:uuid:2", "b")}</d:ProbeMatches>`), probeCtx));
    expect(two.facts.services).toEqual(["a", "b"]);
    const hello = `<d:Hello><w:EndpointReference><w:Address>urn:uuid:p</w:Address></w:EndpointReference><d:Types>wprt:PrintDeviceType</d:Types></d:Hello>`;
    expect(ok(decodeDatagram("wsd", matches(hello), groupCtx))).toMatchObject({ kind: "announcement", facts: { usn: "urn:uuid:p", services: ["wprt:PrintDeviceType"] } });
    expect(ok(decodeDatagram("wsd", matches(hello.replace(/Hello/g, "Bye")), groupCtx)).kind).toBe("goodbye");
  });

  it("says why a datagram is not WS-Discovery, and expands no entities", () => {
    const cases: [string, RegExp][] = [
      ["<a><b></a>", /not well-formed XML/],
      ["<a/>", /not a SOAP envelope/],
      ['<!DOCTYPE x [<!ENTITY e "boom">]><x>&e;</x>', /DTD/],
      [matches("<d:Other/>").toString(), /without a WS-Discovery body/],
      ["", /empty/],
    ];
    for (const [input, reason] of cases) expect(decodeDatagram("wsd", Buffer.from(input), groupCtx), input).toMatchObject({ ok: false, reason: expect.stringMatching(reason) });
  });
});

describe("NetBIOS name service", () => {
  function response(id: number, rr: Buffer): Buffer {
    const h = Buffer.alloc(12);
    h.writeUInt16BE(id, 0);
    h.writeUInt16BE(0x8500, 2);
    h.writeUInt16BE(1, 6);
    return Buffer.concat([h, rr]);
  }
  /** Our own encoder's name (from a query we build) as the answer's name. */
  const encodedName = (name: string): Buffer => encodeNameQuery(1, name).subarray(12, 12 + 34);

  it("our name query and node status request decode as queries for what they ask", () => {
    expect(ok(decodeDatagram("nbns", encodeNameQuery(0x1234, "fileserver"), groupCtx))).toMatchObject({ kind: "query", txid: 0x1234, facts: { asked: ["FILESERVER<00>"] } });
    const status = ok(decodeDatagram("nbns", encodeNodeStatus(5), groupCtx));
    expect(status.detail).toMatchObject({ format: "nbns", broadcast: false, questions: [{ name: "*", suffix: 0, type: "NBSTAT" }] });
  });

  it("reads an NB answer's addresses and a node status answer's names and MAC", () => {
    const rdata = Buffer.from([0, 0, 10, 0, 0, 7, 0x60, 0, 10, 0, 0, 8]);
    const fixed = Buffer.alloc(10);
    fixed.writeUInt16BE(0x20, 0);
    fixed.writeUInt16BE(1, 2);
    fixed.writeUInt32BE(300000, 4);
    fixed.writeUInt16BE(rdata.length, 8);
    const nb = ok(decodeDatagram("nbns", response(3, Buffer.concat([encodedName("NAS"), fixed, rdata])), probeCtx));
    expect(nb).toMatchObject({ kind: "response", txid: 3, facts: { names: ["NAS"], addresses: ["10.0.0.7", "10.0.0.8"] } });

    const entry = (n: string, suffix: number, flags: number): Buffer => {
      const e = Buffer.alloc(18, 0x20);
      e.write(n, "latin1");
      e[15] = suffix;
      e.writeUInt16BE(flags, 16);
      return e;
    };
    const table = Buffer.concat([Buffer.from([2]), entry("NAS", 0x20, 0x0400), entry("WORKGROUP", 0x00, 0x8400), Buffer.from([0x00, 0x11, 0x22, 0x33, 0x44, 0x55])]);
    const f2 = Buffer.from(fixed);
    f2.writeUInt16BE(0x21, 0);
    f2.writeUInt16BE(table.length, 8);
    const st = ok(decodeDatagram("nbns", response(4, Buffer.concat([encodedName("*"), f2, table])), probeCtx));
    expect(st.facts.names).toEqual(["NAS"]);
    if (st.detail.format !== "nbns") throw new Error("nbns detail");
    expect(st.detail.answers[0]).toMatchObject({ type: "NBSTAT", mac: "00:11:22:33:44:55", names: [{ name: "NAS", suffix: 0x20, group: false }, { name: "WORKGROUP", suffix: 0, group: true }] });
  });

  it("refuses a pointer loop, a forward pointer, a short record and a name not in first-level encoding, each with a reason", () => {
    const h = Buffer.alloc(12);
    h.writeUInt16BE(0x8500, 2);
    h.writeUInt16BE(1, 6);
    const loop = Buffer.concat([h, Buffer.from([0xc0, 12])]);
    expect(decodeDatagram("nbns", loop, probeCtx)).toMatchObject({ ok: false, reason: expect.stringMatching(/bad name pointer/) });
    const forward = Buffer.concat([h, Buffer.from([0xc0, 40])]);
    expect(decodeDatagram("nbns", forward, probeCtx)).toMatchObject({ ok: false, reason: expect.stringMatching(/bad name pointer/) });
    const fixed = Buffer.alloc(10);
    fixed.writeUInt16BE(0x20, 0);
    fixed.writeUInt16BE(5, 8);
    const short = Buffer.concat([h, encodedName("X"), fixed, Buffer.alloc(5)]);
    expect(decodeDatagram("nbns", short, probeCtx)).toMatchObject({ ok: false, reason: expect.stringMatching(/NB record of 5 bytes/) });
    const badName = Buffer.concat([h, Buffer.from([32, ...Buffer.alloc(32, 0x5a), 0])]);
    expect(decodeDatagram("nbns", badName, probeCtx)).toMatchObject({ ok: false, reason: expect.stringMatching(/first-level encoding/) });
    expect(decodeDatagram("nbns", Buffer.alloc(5), probeCtx)).toMatchObject({ ok: false, reason: expect.stringMatching(/truncated/) });
  });
});

describe("a user-defined probe's matcher", () => {
  it("any, a hex prefix or a regular expression over the bytes as Latin-1", () => {
    const bytes = Buffer.from("ACK from board 7");
    expect(ok(decodeDatagram("custom", bytes, { ...probeCtx, matcher: { kind: "any" } })).summary).toBe("16 bytes: ACK from board 7");
    expect(decodeDatagram("custom", bytes, { ...probeCtx, matcher: { kind: "prefix", hex: "41434b" } }).ok).toBe(true);
    expect(decodeDatagram("custom", bytes, { ...probeCtx, matcher: { kind: "prefix", hex: "4e" } })).toEqual({ ok: false, reason: "does not match the probe's matcher" });
    expect(decodeDatagram("custom", bytes, { ...probeCtx, matcher: { kind: "regex", source: "board \\d+$" } }).ok).toBe(true);
  });
});

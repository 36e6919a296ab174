import * as dnsPacket from "dns-packet";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { DiscoveryProtocol } from "../../shared/discovery/types";
import { decodeDatagram, type DecodeContext } from "./decode";
import { encodeNameQuery, encodeNodeStatus } from "./nbns";
import { encodeMSearch } from "./ssdp";
import { encodeProbe } from "./wsd";

/**
 * Whatever arrives, the decoders answer: a decode, or a reason. Random
 * bytes, every truncation of a valid packet, and valid packets with bytes
 * changed, for each protocol. A throw would fail the property.
 */

const ctx: DecodeContext = { onProbeSocket: false, askedLately: () => true };

const VALID: Record<Exclude<DiscoveryProtocol, "custom">, Buffer[]> = {
  mdns: [
    dnsPacket.encode({
      type: "response",
      answers: [{ name: "_ipp._tcp.local", type: "PTR", data: "P._ipp._tcp.local" }],
      additionals: [
        { name: "P._ipp._tcp.local", type: "SRV", data: { port: 631, target: "p.local" } },
        { name: "P._ipp._tcp.local", type: "TXT", data: ["a=1"] },
        { name: "p.local", type: "A", data: "10.0.0.1" },
      ],
    }),
    dnsPacket.encode({ type: "query", questions: [{ name: "_services._dns-sd._udp.local", type: "PTR" }] }),
  ],
  llmnr: [dnsPacket.encode({ type: "response", id: 1, questions: [{ name: "x", type: "A" }], answers: [{ name: "x", type: "A", data: "10.0.0.2" }] })],
  ssdp: [
    encodeMSearch("ssdp:all", 1),
    Buffer.from("HTTP/1.1 200 OK\r\nST: upnp:rootdevice\r\nUSN: uuid:1::upnp:rootdevice\r\nLOCATION: http://10.0.0.5/d.xml\r\n\r\n"),
    Buffer.from("NOTIFY * HTTP/1.1\r\nNT: upnp:rootdevice\r\nNTS: ssdp:byebye\r\nUSN: uuid:1\r\n\r\n"),
  ],
  wsd: [
    encodeProbe().bytes,
    Buffer.from(
      '<e:Envelope xmlns:e="s" xmlns:w="a" xmlns:d="d"><e:Header><w:RelatesTo>r</w:RelatesTo></e:Header><e:Body><d:ProbeMatches><d:ProbeMatch><w:EndpointReference><w:Address>urn:uuid:1</w:Address></w:EndpointReference><d:Types>t</d:Types><d:XAddrs>http://10.0.0.3/</d:XAddrs></d:ProbeMatch></d:ProbeMatches></e:Body></e:Envelope>',
    ),
  ],
  nbns: [encodeNameQuery(1, "HOST"), encodeNodeStatus(2)],
};

function answers(protocol: DiscoveryProtocol, bytes: Uint8Array): void {
  const d = decodeDatagram(protocol, bytes, { ...ctx, matcher: { kind: "regex", source: "^A" } });
  if (d.ok) expect(typeof d.summary).toBe("string");
  else expect(d.reason.length).toBeGreaterThan(0);
}

const protocols = [...Object.keys(VALID), "custom"] as DiscoveryProtocol[];
const RUNS = 400;

describe("the discovery decoders never throw (fuzzed)", () => {
  for (const protocol of protocols) {
    it(`${protocol}: random bytes`, () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => answers(protocol, bytes)),
        { numRuns: RUNS },
      );
    });
  }

  for (const [protocol, packets] of Object.entries(VALID) as [DiscoveryProtocol, Buffer[]][]) {
    it(`${protocol}: every truncation of a valid packet is a decode or a reason, and the whole packet decodes`, () => {
      for (const p of packets) {
        expect(decodeDatagram(protocol, p, ctx).ok, `${protocol} valid packet`).toBe(true);
        for (let n = 0; n < p.length; n++) answers(protocol, p.subarray(0, n));
      }
    });

    it(`${protocol}: valid packets with bytes changed`, () => {
      fc.assert(
        fc.property(
          fc.constantFrom(...packets),
          fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }),
          (packet, edits) => {
            const bytes = Buffer.from(packet);
            for (const [at, value] of edits) bytes[at % bytes.length] = value;
            answers(protocol, bytes);
          },
        ),
        { numRuns: RUNS },
      );
    });
  }

  it("ssdp and wsd: random text in their shapes", () => {
    const headerish = fc.array(fc.tuple(fc.string({ maxLength: 20 }), fc.string({ maxLength: 40 })), { maxLength: 10 });
    fc.assert(
      fc.property(fc.constantFrom("NOTIFY * HTTP/1.1", "HTTP/1.1 200 OK", "M-SEARCH * HTTP/1.1", "junk"), headerish, fc.boolean(), (start, headers, ends) => {
        const text = [start, ...headers.map(([k, v]) => `${k}: ${v}`)].join("\r\n") + (ends ? "\r\n\r\n" : "");
        answers("ssdp", Buffer.from(text, "utf8"));
      }),
      { numRuns: RUNS },
    );
    const xmlish = fc.array(fc.constantFrom("<", ">", "/", "Envelope", "Body", "Probe", "ProbeMatches", "e:", "&amp;", "&x;", "<![CDATA[", "]]>", '"', "=", " ", "<?xml?>", "<!--", "-->"), { maxLength: 60 });
    fc.assert(fc.property(xmlish, (parts) => answers("wsd", Buffer.from(parts.join("")))), { numRuns: RUNS });
  });
});

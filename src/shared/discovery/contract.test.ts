import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { discoveryCommandSchemas, type DiscoveryCommandResults } from "./contract";
import { EMPTY_FACTS } from "./types";

const start = discoveryCommandSchemas.discover_start;

describe("discovery commands: input schemas", () => {
  it("take what a Discovery view would send", () => {
    expect(start.safeParse({}).success).toBe(true);
    expect(
      start.safeParse({ protocols: ["mdns", "nbns"], iface: "eth0", name: "nas", timeout: 5, probes: [{ data: "6869", address: "255.255.255.255", port: 9000, match: { kind: "regex", source: "^ACK" } }] }).success,
    ).toBe(true);
    expect(start.safeParse({ timeout: null, passive: true }).success).toBe(true);
    // A 16-character name is an LLMNR name, not a NetBIOS one: without nbns it is fine.
    expect(start.safeParse({ protocols: ["llmnr"], name: "a".repeat(16) }).success).toBe(true);
    // Only a user-defined probe.
    expect(start.safeParse({ protocols: [], probes: [{ data: "00", address: "127.0.0.1", port: 9, match: { kind: "any" } }] }).success).toBe(true);
  });

  it("refuse what would make the discoverer misbehave, naming the field", () => {
    const bad: [unknown, string][] = [
      [{ protocols: ["dhcp"] }, "protocols"],
      [{ protocols: [] }, "protocols"],
      [{ name: "a.b" }, "name"],
      [{ timeout: 0 }, "timeout"],
      [{ probes: [{ data: "abc", address: "10.0.0.1", port: 1, match: { kind: "any" } }] }, "probes"],
      [{ probes: [{ data: "00", address: "10.0.0.1", port: 1, match: { kind: "regex", source: "(" } }] }, "probes"],
      [{ probes: [{ data: "00", address: "host", port: 1, match: { kind: "any" } }] }, "probes"],
      [{ extra: 1 }, ""],
      [{ protocols: ["mdns", "mdns"] }, "protocols"],
      [{ timeout: 0.1 }, "timeout"],
      [{ timeout: 3601 }, "timeout"],
      [{ name: "a".repeat(16) }, "name"],
      [{ protocols: ["llmnr", "nbns"], name: "a".repeat(16) }, "name"],
      [{ protocols: ["llmnr"], name: "a".repeat(64) }, "name"],
      [{ iface: "" }, "iface"],
      [{ passive: true, probes: [{ data: "00", address: "10.0.0.1", port: 1, match: { kind: "any" } }] }, "probes"],
      [{ probes: [{ data: "", address: "10.0.0.1", port: 1, match: { kind: "any" } }] }, "probes"],
      [{ probes: [{ data: "00".repeat(1473), address: "10.0.0.1", port: 1, match: { kind: "any" } }] }, "probes"],
      [{ probes: [{ data: "00", address: "10.0.0.256", port: 1, match: { kind: "any" } }] }, "probes"],
    ];
    for (const [input, path] of bad) {
      const r = start.safeParse(input);
      expect(r.success, JSON.stringify(input)).toBe(false);
      if (!r.success && path) expect(String(r.error.issues[0]?.path[0])).toBe(path);
    }
  });

  it("never throw on any JSON value", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        start.safeParse(v);
        discoveryCommandSchemas.discover_stop.safeParse(v);
        discoveryCommandSchemas.discover_poll.safeParse(v);
      }),
      { numRuns: 500 },
    );
  });
});

describe("discovery poll results", () => {
  it("are plain data: what a discovery heard survives the JSON the wire carries", () => {
    const polled: DiscoveryCommandResults["discover_poll"] = {
      items: [
        {
          n: 1,
          type: "sighting",
          sighting: {
            protocol: "ssdp",
            kind: "response",
            at: 1,
            src: ["10.0.0.7", 1900],
            dst: ["10.0.0.3", 40000],
            cast: "unicast",
            ifname: "eth0",
            rttMs: 1.5,
            facts: { ...EMPTY_FACTS, usn: "uuid:1" },
            summary: "200 OK",
            detail: { format: "http", startLine: "HTTP/1.1 200 OK", headers: [["USN", "uuid:1"]] },
          },
        },
        { n: 2, type: "undecodable", datagram: { protocol: "wsd", at: 2, src: ["10.0.0.8", 3702], dst: null, ifname: null, len: 1, hex: "00", reason: "empty" } },
        { n: 3, type: "note", note: { code: "cannot-listen", protocol: "nbns", at: "*:137", error: "EACCES: permission denied", cause: "privileged" } },
      ],
      next: 3,
      dropped: 0,
      done: "timeout",
      datagrams: 2,
    };
    expect(JSON.parse(JSON.stringify(polled))).toEqual(polled);
  });
});

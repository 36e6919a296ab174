import { describe, expect, it } from "vitest";
import { addSighting, addUndecodable, EMPTY_ROLL_CALL, markStale, ROLL_CALL_LIMITS, sortedRows } from "./roll-call";
import { EMPTY_FACTS, type Facts, type Sighting, type Undecodable } from "./types";

function sighting(over: Partial<Omit<Sighting, "facts">> & { facts?: Partial<Facts> } = {}): Sighting {
  const { facts, ...rest } = over;
  return {
    protocol: "mdns",
    kind: "response",
    at: 1000,
    src: ["10.0.0.7", 5353],
    dst: ["10.0.0.3", 40000],
    cast: "unicast",
    ifname: "eth0",
    rttMs: 2,
    summary: "answer",
    detail: { format: "bytes", hex: "" },
    ...rest,
    facts: { ...EMPTY_FACTS, ...facts },
  };
}

function undecodable(src: string, n: number): Undecodable {
  return { protocol: "ssdp", at: n, src: [src, 1900], dst: null, ifname: null, len: 3, hex: "000102", reason: `bad ${n}` };
}

describe("the roll call", () => {
  it("merges what each protocol says about one address into one row, each protocol with its own cell", () => {
    let rc = addSighting(EMPTY_ROLL_CALL, sighting({ facts: { names: ["printer.local"], services: ["_ipp._tcp.local"], addresses: ["10.0.0.7", "fe80::7"] } }));
    rc = addSighting(rc, sighting({ protocol: "ssdp", at: 1500, rttMs: 4, facts: { usn: "uuid:1::upnp:rootdevice", locations: ["http://10.0.0.7/d.xml"], services: ["upnp:rootdevice"], server: "S" } }));
    rc = addSighting(rc, sighting({ protocol: "ssdp", kind: "announcement", at: 2000, cast: "multicast", rttMs: null, facts: { usn: "uuid:1::upnp:rootdevice" }, summary: "NOTIFY ssdp:alive" }));
    expect(rc.rows.size).toBe(1);
    const row = rc.rows.get("10.0.0.7")!;
    expect(row).toMatchObject({
      names: ["printer.local"],
      services: ["_ipp._tcp.local", "upnp:rootdevice"],
      // Its own address is the key, not one of its other addresses.
      addresses: ["fe80::7"],
      usns: ["uuid:1::upnp:rootdevice"],
      locations: ["http://10.0.0.7/d.xml"],
      servers: ["S"],
      ifnames: ["eth0"],
      firstSeen: 1000,
      lastSeen: 2000,
      unprompted: ["ssdp: NOTIFY ssdp:alive"],
    });
    expect(row.protocols.mdns).toMatchObject({ answered: true, announced: false, rttMs: 2, casts: ["unicast"], messages: 1 });
    expect(row.protocols.ssdp).toMatchObject({ answered: true, announced: true, rttMs: 4, casts: ["unicast", "multicast"], firstSeen: 1500, lastSeen: 2000, messages: 2 });
  });

  it("keeps the smallest RTT, fills in an instance's SRV and TXT when they come later, and is immutable", () => {
    const inst = { fqdn: "P._ipp._tcp.local", name: "P", type: "_ipp._tcp.local", host: null, port: null, txt: [] };
    const first = addSighting(EMPTY_ROLL_CALL, sighting({ rttMs: 9, facts: { instances: [inst] } }));
    const second = addSighting(first, sighting({ rttMs: 3, at: 1100, facts: { instances: [{ ...inst, host: "p.local", port: 631, txt: ["rp=x"] }] } }));
    const third = addSighting(second, sighting({ rttMs: 5, at: 1200, facts: { instances: [inst] } }));
    expect(third.rows.get("10.0.0.7")!.protocols.mdns!.rttMs).toBe(3);
    expect(third.rows.get("10.0.0.7")!.instances).toEqual([{ ...inst, host: "p.local", port: 631, txt: ["rp=x"] }]);
    // The earlier states are untouched.
    expect(first.rows.get("10.0.0.7")!.instances).toEqual([inst]);
    expect(EMPTY_ROLL_CALL.rows.size).toBe(0);
  });

  it("marks a quiet row stale with the time it went quiet, keeps it, and makes it fresh when it speaks again", () => {
    let rc = addSighting(EMPTY_ROLL_CALL, sighting({ at: 1000 }));
    rc = addSighting(rc, sighting({ at: 4000, src: ["10.0.0.8", 5353] }));
    expect(markStale(rc, 3000, 5000)).toBe(rc);
    const stale = markStale(rc, 7000, 5000);
    expect(stale.rows.get("10.0.0.7")!.staleSince).toBe(6000);
    expect(stale.rows.get("10.0.0.8")!.staleSince).toBeNull();
    expect(markStale(stale, 7000, 5000)).toBe(stale);
    const back = addSighting(stale, sighting({ at: 8000 }));
    expect(back.rows.get("10.0.0.7")!.staleSince).toBeNull();
  });

  it("tells queries and goodbyes apart from answers", () => {
    let rc = addSighting(EMPTY_ROLL_CALL, sighting({ kind: "query", rttMs: null, facts: { asked: ["x"] } }));
    expect(rc.rows.get("10.0.0.7")!.protocols.mdns).toMatchObject({ answered: false, queried: true, saidGoodbye: false });
    rc = addSighting(rc, sighting({ kind: "goodbye", rttMs: null }));
    expect(rc.rows.get("10.0.0.7")!.protocols.mdns).toMatchObject({ saidGoodbye: true, announced: true });
    rc = addSighting(rc, sighting({ kind: "announcement", rttMs: null }));
    expect(rc.rows.get("10.0.0.7")!.protocols.mdns!.saidGoodbye).toBe(false);
  });

  it("keeps a bounded list of undecodable datagrams, counts what it dropped and counts them on the sender's row", () => {
    let rc = addSighting(EMPTY_ROLL_CALL, sighting());
    for (let i = 0; i < ROLL_CALL_LIMITS.undecodable + 10; i++) rc = addUndecodable(rc, undecodable(i % 2 ? "10.0.0.7" : "10.0.0.99", i));
    expect(rc.undecodable).toHaveLength(ROLL_CALL_LIMITS.undecodable);
    expect(rc.undecodableDropped).toBe(10);
    expect(rc.undecodable[0]!.reason).toBe("bad 10");
    expect(rc.rows.get("10.0.0.7")!.undecodable).toBe((ROLL_CALL_LIMITS.undecodable + 10) / 2);
    expect(rc.rows.has("10.0.0.99")).toBe(false);
  });

  it("bounds what one device can grow: names per row and rows per roll call", () => {
    let rc = EMPTY_ROLL_CALL;
    for (let i = 0; i < ROLL_CALL_LIMITS.listItems + 50; i++) rc = addSighting(rc, sighting({ facts: { names: [`n${i}`] } }));
    expect(rc.rows.get("10.0.0.7")!.names).toHaveLength(ROLL_CALL_LIMITS.listItems);
  });

  it("sorts IPv4 rows numerically, then other addresses", () => {
    let rc = EMPTY_ROLL_CALL;
    for (const a of ["10.0.0.10", "fe80::1", "10.0.0.9", "9.1.1.1"]) rc = addSighting(rc, sighting({ src: [a, 1] }));
    expect(sortedRows(rc).map((r) => r.address)).toEqual(["9.1.1.1", "10.0.0.9", "10.0.0.10", "fe80::1"]);
  });
});

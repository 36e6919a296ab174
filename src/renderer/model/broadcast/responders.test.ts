import { describe, expect, it } from "vitest";
import type { LabEvent } from "../../../shared/events";
import type { Address } from "../../../shared/socket-model";
import { broadcastTargets, classify, directedBroadcast } from "./addresses";
import { EMPTY_CAST_LOG, MAX_ENTRIES, meanRtt, trackCasts, type CastLog } from "./responders";

let seq = 0;
type Cast = "unicast" | "broadcast" | "multicast";
const out = (fd: number, t: number, src: Address, dst: Address, preview: string, cast: Cast = "unicast"): LabEvent => ({
  type: "data", seq: ++seq, t, fd, dir: "out", len: preview.length, preview, src, dst, cast,
});
const arrive = (fd: number, t: number, src: Address, dst: Address, preview: string): LabEvent => ({
  type: "data", seq: ++seq, t, fd, dir: "in", len: preview.length, preview, src, dst,
});
const job = (fd: number, id: number, sent: number, total: number, done: boolean): LabEvent => ({
  type: "job", seq: ++seq, t: 0, fd, job: id, sent, total, done, error: null,
});

const LO = new Set(["255.255.255.255", "127.255.255.255"]);
const TX: Address = ["0.0.0.0", 51052];
const PORT = 38338;
const BCAST: Address = ["127.255.255.255", PORT];
const RX: Address = ["0.0.0.0", PORT];
const FROM_RX: Address = ["127.0.0.1", PORT];
const TO_TX: Address = ["127.0.0.1", 51052];
const FROM_TX: Address = ["127.0.0.1", 51052];

/** What the Lab logs for the tutorial on one machine: tx (fd 5) broadcasts, rx3 and rx4 answer "ACK". */
function tutorialRound(t0: number, hi = "Hi"): LabEvent[] {
  return [
    out(5, t0, TX, BCAST, hi),
    arrive(3, t0 + 100, FROM_TX, RX, hi),
    out(3, t0 + 150, RX, TO_TX, "ACK"),
    arrive(4, t0 + 160, FROM_TX, RX, hi),
    out(4, t0 + 200, RX, TO_TX, "ACK"),
    arrive(5, t0 + 300, FROM_RX, TX, "ACK"),
    arrive(5, t0 + 420, FROM_RX, TX, "ACK"),
  ];
}

describe("broadcast addresses", () => {
  it("computes loopback's directed broadcast although Linux gives lo no BROADCAST flag", () => {
    expect(directedBroadcast("127.0.0.1", "255.0.0.0")).toBe("127.255.255.255");
    expect(directedBroadcast("192.168.1.7", "255.255.255.0")).toBe("192.168.1.255");
    expect(directedBroadcast("10.0.0.1", "255.255.255.255")).toBeNull();
    const targets = broadcastTargets([
      { name: "lo", family: "AF_INET", address: "127.0.0.1", netmask: "255.0.0.0", cidr: "127.0.0.1/8", broadcast: null, internal: true, flags: ["UP", "LOOPBACK"] },
      { name: "lo", family: "AF_INET6", address: "::1", netmask: "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", cidr: null, broadcast: null, internal: true, flags: [] },
    ]);
    expect([...targets].sort()).toEqual(["127.255.255.255", "255.255.255.255"]);
  });

  it("classifies a send to 127.255.255.255 as a broadcast even when the Lab said unicast", () => {
    expect(classify("127.255.255.255", "unicast", LO)).toBe("broadcast");
    expect(classify("127.0.0.1", "unicast", LO)).toBe("unicast");
    expect(classify("239.1.2.3", "unicast", LO)).toBe("multicast");
    expect(classify("ff02::1", undefined, LO)).toBe("multicast");
  });
});

describe("responder attribution", () => {
  it("lists both receivers of one machine as separate responders, with RTT = reply t − send t", () => {
    const log = trackCasts(EMPTY_CAST_LOG, tutorialRound(1000), LO);
    expect(log.entries).toHaveLength(1);
    const [entry] = log.entries;
    expect(entry).toMatchObject({ fd: 5, cast: "broadcast", dst: BCAST, sends: 1, reached: [3, 4] });
    expect(entry!.responders.map((r) => [r.key, r.fd, r.address, r.replies, r.rtt.last, r.preview])).toEqual([
      ["lab:3", 3, FROM_RX, 1, 300, "ACK"],
      ["lab:4", 4, FROM_RX, 1, 420, "ACK"],
    ]);
  });

  it("keeps where each copy and each reply arrived, as the kernel engine reports it (destination, cast, interface)", () => {
    const kernel = (e: LabEvent, cast: Cast, dst: Address): LabEvent => (e.type === "data" ? { ...e, dst, cast, ifname: "lo" } : e);
    const round = tutorialRound(5000).map((e) => (e.type === "data" && e.dir === "in" ? kernel(e, e.fd === 5 ? "unicast" : "broadcast", e.fd === 5 ? ["127.0.0.1", 51052] : BCAST) : e));
    const [entry] = trackCasts(EMPTY_CAST_LOG, round, LO).entries;
    expect(entry!.arrivals).toEqual([
      { fd: 3, dst: BCAST, cast: "broadcast", ifname: "lo" },
      { fd: 4, dst: BCAST, cast: "broadcast", ifname: "lo" },
    ]);
    expect(entry!.responders.map((r) => r.arrival)).toEqual([
      { fd: 5, dst: ["127.0.0.1", 51052], cast: "unicast", ifname: "lo" },
      { fd: 5, dst: ["127.0.0.1", 51052], cast: "unicast", ifname: "lo" },
    ]);
    // The portable engine says only where the receiver is bound.
    const [portable] = trackCasts(EMPTY_CAST_LOG, tutorialRound(9000), LO).entries;
    expect(portable!.arrivals[0]).toEqual({ fd: 3, dst: RX, cast: null, ifname: null });
  });

  it("keys a reply from another host by its address", () => {
    const events = [out(5, 0, TX, ["192.168.1.255", 9], "Hi", "broadcast"), arrive(5, 2500, ["192.168.1.20", 9], TX, "ACK")];
    const [entry] = trackCasts(EMPTY_CAST_LOG, events, LO).entries;
    expect(entry!.responders).toEqual([expect.objectContaining({ key: "192.168.1.20:9", fd: null, replies: 1, rtt: expect.objectContaining({ last: 2500 }) })]);
  });

  it("attributes a late reply to the latest broadcast sent from that socket before it", () => {
    let log = trackCasts(EMPTY_CAST_LOG, [out(5, 0, TX, BCAST, "one")], LO);
    log = trackCasts(log, [out(5, 10_000, TX, BCAST, "two")], LO);
    log = trackCasts(log, [arrive(5, 60_000, ["10.0.0.9", PORT], TX, "late")], LO);
    expect(log.entries.map((e) => [e.preview, e.responders.length])).toEqual([
      ["one", 0],
      ["two", 1],
    ]);
    expect(log.entries[1]!.responders[0]!.rtt.last).toBe(50_000);
  });

  it("makes one entry of a repeat job and counts each responder over the repeats", () => {
    let log = trackCasts(EMPTY_CAST_LOG, [job(5, 7, 0, 3, false)], LO);
    for (let i = 0; i < 3; i++) log = trackCasts(log, tutorialRound(i * 100_000), LO);
    log = trackCasts(log, [job(5, 7, 3, 3, true)], LO);
    expect(log.entries).toHaveLength(1);
    const [entry] = log.entries;
    expect(entry).toMatchObject({ job: 7, sends: 3, lastSendT: 200_000 });
    expect(entry!.responders.map((r) => [r.key, r.replies])).toEqual([
      ["lab:3", 3],
      ["lab:4", 3],
    ]);
    expect(meanRtt(entry!.responders[0]!.rtt)).toBe(300);
    // After the job, the next send starts a new entry.
    log = trackCasts(log, [out(5, 900_000, TX, BCAST, "Hi")], LO);
    expect(log.entries).toHaveLength(2);
  });

  it("ignores the sender's own copy of its broadcast", () => {
    const events = [out(5, 0, RX, BCAST, "Hi"), arrive(5, 50, ["127.0.0.1", PORT], RX, "Hi")];
    expect(trackCasts(EMPTY_CAST_LOG, events, LO).entries[0]!.responders).toEqual([]);
  });

  it("counts multicast sends like broadcasts", () => {
    const events = [out(5, 0, TX, ["239.255.0.1", 5000], "beacon", "multicast"), arrive(5, 90, ["192.168.1.3", 5000], TX, "here")];
    const [entry] = trackCasts(EMPTY_CAST_LOG, events, LO).entries;
    expect(entry).toMatchObject({ cast: "multicast", responders: [expect.objectContaining({ key: "192.168.1.3:5000" })] });
  });

  it("keeps a bounded number of broadcasts and counts what it dropped", () => {
    let log: CastLog = EMPTY_CAST_LOG;
    for (let i = 0; i < MAX_ENTRIES + 5; i++) log = trackCasts(log, [out(5, i, TX, BCAST, "x")], LO);
    expect(log.entries).toHaveLength(MAX_ENTRIES);
    expect(log.trimmed).toBe(5);
    expect(log.entries[0]!.id).toBe(6);
  });

  it("returns the same log when a batch holds nothing about broadcasts", () => {
    const log = trackCasts(EMPTY_CAST_LOG, [out(3, 0, TX, ["127.0.0.1", 9], "x"), { type: "closed", fd: 3, seq: ++seq, t: 1 }], LO);
    const again = trackCasts(log, [{ type: "closed", fd: 4, seq: ++seq, t: 2 }], LO);
    expect(again).toBe(log);
  });
});

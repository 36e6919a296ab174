import { createSocket, type Socket } from "node:dgram";
import fc from "fast-check";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import type { CommandResult, Reply } from "../../shared/contract";
import { DISCOVERY_LIMITS } from "../../shared/discovery/contract";
import { parseScenario } from "../../shared/scenario";
import { Lab } from "../lab/lab";
import { ClientSession } from "./client-session";
import { dispatch } from "./dispatch";
import { LabService } from "./lab-service";

/** Discovery through the contract, on loopback only: a user-defined probe and a small UDP device on 127.0.0.1. */

const lab = new Lab();
const service = new LabService(lab);
afterAll(() => lab.closeAll());

const devices: Socket[] = [];
afterEach(async () => {
  for (const d of devices.splice(0)) await new Promise<void>((resolve) => d.close(() => resolve()));
});

/** A device on 127.0.0.1 that answers each datagram with `replies(msg)`. */
async function device(replies: (msg: Buffer) => Buffer[]): Promise<number> {
  const sock = createSocket("udp4");
  devices.push(sock);
  sock.on("message", (msg, from) => {
    for (const r of replies(msg)) sock.send(r, from.port, from.address);
  });
  await new Promise<void>((resolve) => sock.bind(0, "127.0.0.1", resolve));
  return sock.address().port;
}

async function ok<T>(reply: Promise<Reply>): Promise<T> {
  const r = await reply;
  if (!r.ok) throw new Error(`${r.error.type}: ${r.error.message}`);
  return r.result as T;
}

type Polled = CommandResult<"discover_poll">;

/** Polls until `until` holds of everything read so far, or 5 s pass. */
async function pollUntil(discovery: number, until: (items: Polled["items"], last: Polled) => boolean): Promise<{ items: Polled["items"]; last: Polled }> {
  const items: Polled["items"][number][] = [];
  let after = 0;
  const deadline = Date.now() + 5000;
  for (;;) {
    const last = await ok<Polled>(dispatch(service, "discover_poll", { discovery, after, wait_ms: 200 }));
    items.push(...last.items);
    after = last.next;
    if (until(items, last) || Date.now() > deadline) return { items, last };
  }
}

const openFds = async (): Promise<number[]> => (await lab.call("snapshot", {})).sockets.map((s) => s.fd);

describe("discover_start / discover_poll / discover_stop", () => {
  it("probe a device on loopback: its answer with RTT and interface, a reply that does not match as undecodable with its bytes, then stop closes every socket", async () => {
    const port = await device((msg) => [Buffer.from([0xde, 0xad]), Buffer.from(`ACK ${msg.toString()}`)]);
    const before = await openFds();
    const started = await ok<CommandResult<"discover_start">>(
      dispatch(service, "discover_start", { protocols: [], iface: "lo", timeout: 30, probes: [{ data: Buffer.from("who?").toString("hex"), address: "127.0.0.1", port, match: { kind: "regex", source: "^ACK" } }] }),
    );
    expect(started).toMatchObject({ interfaces: [{ name: "lo", address: "127.0.0.1" }], protocols: [], passive: false });
    expect(started.endsAt! - started.startedAt).toBe(30_000);
    expect((await openFds()).length).toBeGreaterThan(before.length);

    const { items, last } = await pollUntil(started.discovery, (all) => all.some((i) => i.type === "sighting") && all.some((i) => i.type === "undecodable"));
    const sighting = items.find((i) => i.type === "sighting");
    const undecodable = items.find((i) => i.type === "undecodable");
    expect(sighting?.type === "sighting" && sighting.sighting).toMatchObject({ protocol: "custom", kind: "response", src: ["127.0.0.1", port], ifname: "lo", cast: "unicast", summary: "8 bytes: ACK who?" });
    expect(sighting?.type === "sighting" && sighting.sighting.rttMs).toBeGreaterThan(0);
    expect(undecodable?.type === "undecodable" && undecodable.datagram).toMatchObject({ hex: "dead", len: 2, reason: "does not match the probe's matcher" });
    expect(items.map((i) => i.n)).toEqual(items.map((_, k) => k + 1));
    expect(last).toMatchObject({ done: null, dropped: 0, datagrams: 2 });

    expect(await ok(dispatch(service, "discover_stop", { discovery: started.discovery }))).toBeNull();
    expect(await openFds()).toEqual(before);
    // What it heard stays readable, and says why it ended; nothing more comes.
    const after = await ok<Polled>(dispatch(service, "discover_poll", { discovery: started.discovery, after: last.next, wait_ms: 1000 }));
    expect(after).toMatchObject({ items: [], next: last.next, done: "stopped" });
  });

  it("end by themselves when the timeout passes", async () => {
    const started = await ok<CommandResult<"discover_start">>(dispatch(service, "discover_start", { protocols: ["ssdp"], iface: "lo", passive: true, timeout: 0.5 }));
    const { last } = await pollUntil(started.discovery, (_, l) => l.done !== null);
    expect(last.done).toBe("timeout");
  });

  it("refuse what cannot run with a typed error that says why", async () => {
    const cases: [unknown, string, RegExp][] = [
      [{ iface: "no-such-if0" }, "EINVAL", /no interface named no-such-if0 \(here: .*lo/],
      [{ timeout: 0 }, "EINVAL", /discover_start\.timeout/],
      [{ protocols: ["dhcp"] }, "EINVAL", /discover_start\.protocols/],
      [{ name: "has.dot" }, "EINVAL", /discover_start\.name/],
      [{ probes: [{ data: "0", address: "127.0.0.1", port: 9, match: { kind: "any" } }] }, "EINVAL", /discover_start\.probes\.0\.data/],
      [{ passive: true, probes: [{ data: "00", address: "127.0.0.1", port: 9, match: { kind: "any" } }] }, "EINVAL", /cannot have probes/],
    ];
    for (const [input, errno, message] of cases) {
      const reply = await dispatch(service, "discover_start", input);
      expect(reply.ok, JSON.stringify(input)).toBe(false);
      if (!reply.ok) {
        expect(reply.error.errno).toBe(errno);
        expect(reply.error.message).toMatch(message);
      }
    }
    expect(await dispatch(service, "discover_poll", { discovery: 999, after: 0 })).toMatchObject({ ok: false, error: { errno: "EINVAL", message: expect.stringMatching(/no discovery 999/) } });
  });

  it(`run at most ${DISCOVERY_LIMITS.running} at once`, async () => {
    const ids: number[] = [];
    for (let k = 0; k < DISCOVERY_LIMITS.running; k++) ids.push((await ok<CommandResult<"discover_start">>(dispatch(service, "discover_start", { protocols: ["wsd"], iface: "lo", passive: true, timeout: null }))).discovery);
    expect(await dispatch(service, "discover_start", { protocols: ["wsd"], iface: "lo", passive: true })).toMatchObject({ ok: false, error: { type: "BlockingIOError", message: expect.stringMatching(/stop one first/) } });
    for (const id of ids) await ok(dispatch(service, "discover_stop", { discovery: id }));
  });

  it(`keep at most ${DISCOVERY_LIMITS.items} unread items, count the rest, and give at most ${DISCOVERY_LIMITS.itemsPerPoll} per poll`, async () => {
    const flood = DISCOVERY_LIMITS.items + 100;
    const port = await device(() => Array.from({ length: flood }, (_, k) => Buffer.from(`ACK ${k}`)));
    const started = await ok<CommandResult<"discover_start">>(
      dispatch(service, "discover_start", { protocols: [], iface: "lo", timeout: null, probes: [{ data: "00", address: "127.0.0.1", port, match: { kind: "any" } }] }),
    );
    // Read nothing until the flood is in (UDP on loopback may drop some under load: wait for the count to settle).
    let heard = 0;
    for (let quiet = 0; quiet < 5 && heard < flood; ) {
      await new Promise((r) => setTimeout(r, 100));
      const peek = await ok<Polled>(dispatch(service, "discover_poll", { discovery: started.discovery, after: 0 }));
      quiet = peek.datagrams === heard ? quiet + 1 : 0;
      heard = peek.datagrams;
    }
    const first = await ok<Polled>(dispatch(service, "discover_poll", { discovery: started.discovery, after: 0 }));
    expect(first.items).toHaveLength(DISCOVERY_LIMITS.itemsPerPoll);
    if (heard > DISCOVERY_LIMITS.items) {
      expect(first.dropped).toBe(heard - DISCOVERY_LIMITS.items);
      expect(first.items[0]!.n).toBe(first.dropped + 1);
    }
    await ok(dispatch(service, "discover_stop", { discovery: started.discovery }));
  });

  it("end with the page that started them: its sockets close", async () => {
    const before = await openFds();
    const page = new ClientSession(service, () => {});
    const reply = await page.call("discover_start", { protocols: ["mdns", "ssdp"], iface: "lo", passive: true, timeout: null });
    expect(reply.ok).toBe(true);
    expect((await openFds()).length).toBeGreaterThan(before.length);
    page.close();
    const deadline = Date.now() + 3000;
    while ((await openFds()).length > before.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(await openFds()).toEqual(before);
    // And nothing of it is kept.
    const id = (reply as { ok: true; result: { discovery: number } }).result.discovery;
    expect((await dispatch(service, "discover_poll", { discovery: id, after: 0 })).ok).toBe(false);
  });

  it("answer any input on lo with a result or a typed error, and leave no socket behind once stopped", async () => {
    const before = await openFds();
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.anything(), fc.record({ protocols: fc.array(fc.constantFrom("mdns", "ssdp", "wsd", "llmnr", "nbns", "x")), name: fc.oneof(fc.string(), fc.constant(null)), passive: fc.boolean(), timeout: fc.oneof(fc.double(), fc.constant(null)) }, { requiredKeys: [] })), async (input) => {
        // Only loopback: whatever else the input says, it may not reach the LAN.
        const safe = typeof input === "object" && input !== null && !Array.isArray(input) ? { ...input, iface: "lo" } : input;
        const reply = await dispatch(service, "discover_start", safe);
        if (!reply.ok) {
          expect(reply.error.message.length).toBeGreaterThan(0);
          return;
        }
        await ok(dispatch(service, "discover_stop", { discovery: (reply.result as { discovery: number }).discovery }));
      }),
      { numRuns: 60 },
    );
    expect(await openFds()).toEqual(before);
  });
});

describe("discover_scenario", () => {
  it("makes a probe's scenario that the scenario parser takes: the probe's bytes from a socket bound on the interface, one answer read", async () => {
    const scenario = await ok<CommandResult<"discover_scenario">>(dispatch(service, "discover_scenario", { protocol: "ssdp", iface: "lo", timeout: 1.5 }));
    const parsed = parseScenario(JSON.stringify(scenario), "ssdp.json");
    expect(parsed.ok).toBe(true);
    expect(scenario.steps.map((s) => s.op)).toEqual(["socket", "setsockopt", "bind", "sendto", "settimeout", "recvfrom", "close"]);
    expect(scenario.steps[2]).toMatchObject({ op: "bind", address: ["127.0.0.1", 0] });
    const sent = scenario.steps[3] as Extract<(typeof scenario.steps)[number], { op: "sendto" }>;
    expect(sent.address).toEqual(["239.255.255.250", 1900]);
    expect(Buffer.from((sent.data as { hex: string }).hex, "hex").toString()).toMatch(/^M-SEARCH \* HTTP\/1\.1\r\n[\s\S]*ST: ssdp:all\r\n/);
    expect(scenario.steps[4]).toMatchObject({ op: "settimeout", seconds: 1.5 });
  });

  it("refuses, saying why, what it cannot make", async () => {
    const cases: [unknown, RegExp][] = [
      [{ protocol: "llmnr", iface: "lo" }, /an LLMNR probe asks for a name/],
      [{ protocol: "nbns", iface: "lo", name: "printer" }, /a NetBIOS probe goes to a subnet broadcast address, and lo has none/],
      [{ protocol: "mdns", iface: "no-such-if0" }, /no interface named no-such-if0 \(here: .*lo/],
      [{ protocol: "dhcp" }, /discover_scenario\.protocol/],
      [{ protocol: "mdns", timeout: 61 }, /discover_scenario\.timeout/],
    ];
    for (const [input, message] of cases) {
      const reply = await dispatch(service, "discover_scenario", input);
      expect(reply, JSON.stringify(input)).toMatchObject({ ok: false, error: { errno: "EINVAL", message: expect.stringMatching(message) } });
    }
  });
});

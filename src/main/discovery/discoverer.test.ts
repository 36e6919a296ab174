import { createSocket } from "node:dgram";
import { afterEach, describe, expect, it } from "vitest";
import type { DiscoveryNote } from "../../shared/discovery/notes";
import type { Sighting, Undecodable } from "../../shared/discovery/types";
import { Lab } from "../lab/lab";
import { Discoverer } from "./discoverer";

/** The discoverer on loopback only (no root, nothing leaves the machine): a user-defined probe and a device that answers it. */
describe("the discoverer, with a user-defined probe on loopback", () => {
  const cleanup: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });

  it("sends the probe's bytes, takes a matching answer as a response with its RTT and interface, and keeps one that does not match with its bytes and why", async () => {
    const device = createSocket("udp4");
    const got: Buffer[] = [];
    device.on("message", (msg, from) => {
      got.push(msg);
      // First something the matcher refuses, then the answer.
      device.send(Buffer.from([0xde, 0xad]), from.port, from.address);
      device.send(Buffer.from(`ACK ${msg.toString()}`), from.port, from.address);
    });
    await new Promise<void>((resolve) => device.bind(0, "127.0.0.1", resolve));
    cleanup.push(() => new Promise<void>((resolve) => device.close(() => resolve())));
    const port = device.address().port;

    const lab = new Lab();
    cleanup.push(() => lab.closeAll());
    const sightings: Sighting[] = [];
    const undecodable: Undecodable[] = [];
    const notes: DiscoveryNote[] = [];
    const discoverer = new Discoverer(
      lab,
      { protocols: [], iface: "lo", name: null, passive: false, custom: [{ data: Buffer.from("hello?"), address: "127.0.0.1", port, match: { kind: "regex", source: "^ACK " } }], mx: 1, repeatAfterMs: null },
      { sighting: (s) => sightings.push(s), undecodable: (u) => undecodable.push(u), note: (n) => notes.push(n) },
    );
    cleanup.push(() => discoverer.stop());
    await discoverer.start();
    const deadline = Date.now() + 5000;
    while ((sightings.length < 1 || undecodable.length < 1) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));

    expect(notes).toEqual([]);
    expect(got.map((b) => b.toString())).toEqual(["hello?"]);
    expect(sightings).toHaveLength(1);
    expect(sightings[0]).toMatchObject({ protocol: "custom", kind: "response", src: ["127.0.0.1", port], ifname: "lo", cast: "unicast", summary: "10 bytes: ACK hello?" });
    expect(sightings[0]!.rttMs).toBeGreaterThan(0);
    expect(sightings[0]!.rttMs).toBeLessThan(1000);
    expect(undecodable).toEqual([expect.objectContaining({ protocol: "custom", src: ["127.0.0.1", port], len: 2, hex: "dead", reason: "does not match the probe's matcher" })]);

    // stop() closes every socket it opened.
    const before = (await lab.call("snapshot", {})).sockets.length;
    expect(before).toBeGreaterThan(0);
    await discoverer.stop();
    expect((await lab.call("snapshot", {})).sockets).toEqual([]);
  });

  it("says so when the interface has no IPv4 address, and opens nothing", async () => {
    const lab = new Lab();
    cleanup.push(() => lab.closeAll());
    const notes: DiscoveryNote[] = [];
    const d = new Discoverer(lab, { protocols: ["mdns"], iface: "no-such-if0", name: null, passive: true, custom: [], mx: 1, repeatAfterMs: null }, { sighting: () => {}, undecodable: () => {}, note: (n) => notes.push(n) });
    await d.start();
    expect(notes).toEqual([{ code: "no-ipv4", iface: "no-such-if0" }]);
    expect((await lab.call("snapshot", {})).sockets).toEqual([]);
    await d.stop();
  });
});

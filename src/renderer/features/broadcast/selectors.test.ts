import { describe, expect, it } from "vitest";
import type { NetworkInterfaceInfo } from "../../../shared/socket-model";
import { socketSnapshot } from "../../../shared/socket-fixture";
import { defaultInterface } from "./selectors";

const lo: NetworkInterfaceInfo = { name: "lo", family: "AF_INET", address: "127.0.0.1", netmask: "255.0.0.0", broadcast: null, internal: true, cidr: "127.0.0.1/8", flags: ["UP", "LOOPBACK"] };
const eth: NetworkInterfaceInfo = { ...lo, name: "eth0", address: "10.0.0.5", netmask: "255.255.255.0", broadcast: "10.0.0.255", internal: false, cidr: "10.0.0.5/24", flags: ["UP", "BROADCAST"] };
const wlan: NetworkInterfaceInfo = { ...eth, name: "wlan0", address: "192.168.1.7", broadcast: "192.168.1.255", cidr: "192.168.1.7/24" };

describe("the broadcast panel's default interface", () => {
  it("is loopback in a lesson (lessons run on 127.0.0.1), not the first LAN card", () => {
    expect(defaultInterface([eth, lo], { lesson: true, sockets: [] })?.name).toBe("lo");
  });

  it("is loopback when the open sockets use loopback", () => {
    const sockets = [socketSnapshot({ local: ["127.0.0.1", 9000] }), socketSnapshot({ fd: 4, local: ["0.0.0.0", 5000] })];
    expect(defaultInterface([eth, lo], { lesson: false, sockets })?.name).toBe("lo");
  });

  it("is the interface of a socket bound to a LAN address", () => {
    expect(defaultInterface([eth, wlan, lo], { lesson: false, sockets: [socketSnapshot({ local: ["192.168.1.7", 0] })] })?.name).toBe("wlan0");
  });

  it("is the LAN's when nothing says otherwise, and loopback on a machine without one", () => {
    expect(defaultInterface([lo, eth])?.name).toBe("eth0");
    expect(defaultInterface([lo])?.name).toBe("lo");
  });
});

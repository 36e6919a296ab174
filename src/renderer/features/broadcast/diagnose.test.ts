import { socketSnapshot } from "../../../shared/socket-fixture";
import { describe, expect, it } from "vitest";
import type { Address, SocketSnapshot } from "../../../shared/socket-model";
import { bindNote, diagnoseReceiver, explainedSendError } from "./diagnose";

function udp(fd: number, local: Address | null, extra: Partial<SocketSnapshot> = {}): SocketSnapshot {
  const gauge = { used: 0, capacity: 212992 };
  const auto = { accept: false, recv: true, echo: false, reply: "ACK" };
  return socketSnapshot({ fd, type: "SOCK_DGRAM", local, auto, recvQueue: gauge, sendQueue: gauge, revents: 4, ...extra });
}

const LOOPBACK_BROADCAST = { dst: ["127.255.255.255", 5000] as Address, cast: "broadcast" as const, reached: [3] };

describe("why a receiver got nothing", () => {
  it("a receiver that got the broadcast and answers has nothing to explain", () => {
    expect(diagnoseReceiver(udp(3, ["0.0.0.0", 5000]), LOOPBACK_BROADCAST, [])).toEqual({ fd: 3, got: true, reasons: [] });
  });

  it("says a receiver that got it stays silent without auto-reply", () => {
    const quiet = udp(3, ["0.0.0.0", 5000], { auto: { accept: false, recv: true, echo: false, reply: null } });
    expect(diagnoseReceiver(quiet, LOOPBACK_BROADCAST, []).reasons).toEqual(["silent"]);
  });

  it("bound to 127.0.0.1: no copy of 127.255.255.255", () => {
    expect(diagnoseReceiver(udp(4, ["127.0.0.1", 5000]), LOOPBACK_BROADCAST, []).reasons).toEqual(["boundUnicast"]);
  });

  it("another port, another family, not bound", () => {
    expect(diagnoseReceiver(udp(5, ["0.0.0.0", 5001]), LOOPBACK_BROADCAST, []).reasons).toEqual(["wrongPort"]);
    expect(diagnoseReceiver(udp(6, ["::", 5000], { family: "AF_INET6" }), LOOPBACK_BROADCAST, []).reasons).toEqual(["otherFamily"]);
    expect(diagnoseReceiver(udp(7, null), LOOPBACK_BROADCAST, []).reasons).toEqual(["notBound"]);
  });

  it("a multicast receiver must have joined the group", () => {
    const group = { dst: ["239.255.0.1", 5000] as Address, cast: "multicast" as const, reached: [] };
    expect(diagnoseReceiver(udp(3, ["0.0.0.0", 5000]), group, []).reasons).toEqual(["notMember"]);
    expect(diagnoseReceiver(udp(3, ["0.0.0.0", 5000]), group, ["239.255.0.1"]).reasons).toEqual(["unknown"]);
  });

  it("notes what a bound address means before anything is sent", () => {
    const targets = new Set(["127.255.255.255", "255.255.255.255"]);
    expect(bindNote(["0.0.0.0", 5000], targets)).toBe("wildcard");
    expect(bindNote(["127.0.0.1", 5000], targets)).toBe("unicast");
    expect(bindNote(["127.255.255.255", 5000], targets)).toBe("broadcastOnly");
    expect(bindNote(["0.0.0.0", 0], targets)).toBe("unbound");
  });

  it("explains the errors a broadcast send meets", () => {
    expect(explainedSendError("EACCES")).toBe("EACCES");
    expect(explainedSendError("ENETUNREACH")).toBe("ENETUNREACH");
    expect(explainedSendError("EPIPE")).toBeNull();
    expect(explainedSendError(null)).toBeNull();
  });
});

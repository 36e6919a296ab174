import { socketSnapshot } from "./socket-fixture";
import { describe, expect, it } from "vitest";
import type { LabEvent } from "./events";
import type { SocketSnapshot } from "./socket-model";
import { toLogEntry } from "./log-entry";

const socket = (over: Partial<SocketSnapshot>): SocketSnapshot => (socketSnapshot({ fd: 5, state: "ESTABLISHED", local: ["127.0.0.1", 9000], remote: ["127.0.0.1", 53112], ...over }));

const kind = (event: LabEvent, before?: SocketSnapshot) => toLogEntry(event, before)?.kind ?? null;

describe("log rows from events", () => {
  it("names what happened as the wire shows it", () => {
    const udp = socket({ type: "SOCK_DGRAM", state: "CLOSE" });
    const data = { seq: 1, t: 1, type: "data", fd: 5, dir: "out", len: 9, preview: "Hi there!", src: ["0.0.0.0", 51000], dst: ["10.0.0.255", 51000] } as const;
    expect(kind(data, socket({}))).toBe("data");
    expect(kind(data, udp)).toBe("datagram");
    expect(kind({ ...data, cast: "broadcast" }, udp)).toBe("broadcast");
    expect(kind({ seq: 2, t: 2, type: "created", fd: 6, socket: socket({ parent: 3 }) })).toBe("accept");
    expect(kind({ seq: 3, t: 3, type: "state", fd: 5, socket: socket({}) }, socket({ state: "SYN_SENT" }))).toBe("connect");
    // A fresh socket is Linux's CLOSE: its connect is a connect row too; an RST's CLOSE is a state row.
    expect(kind({ seq: 3, t: 3, type: "state", fd: 5, socket: socket({}) }, socket({ state: "CLOSE", remote: null }))).toBe("connect");
    expect(kind({ seq: 4, t: 4, type: "state", fd: 5, socket: socket({ state: "CLOSE", ended: "reset" }) }, socket({}))).toBe("state");
    const error = (type: string, errno: string | null, op = "recv") => ({ seq: 5, t: 5, type: "error", fd: 5, op, error: { type, errno, message: "m" } }) as const;
    expect(kind(error("TimeoutError", null))).toBe("timeout");
    expect(kind(error("ConnectionResetError", "ECONNRESET"))).toBe("error");
    // The RST itself arrives from the peer: an incoming row, peer → local.
    expect(toLogEntry(error("ConnectionResetError", "ECONNRESET", "wire"), socket({}))).toMatchObject({ kind: "rst", dir: "in", src: "127.0.0.1:53112", dst: "127.0.0.1:9000" });
    // Data after shutdown(SHUT_RDWR): this side answers with RST.
    expect(toLogEntry(error("ConnectionResetError", "ECONNRESET", "rst-sent"), socket({}))).toMatchObject({ kind: "rst", dir: "out", src: "127.0.0.1:9000", dst: "127.0.0.1:53112" });
    expect(kind(error("BrokenPipeError", "EPIPE"))).toBe("error");
    expect(kind({ seq: 6, t: 6, type: "readiness", fd: 5, watcher: 1, revents: 1, previous: 0 })).toBeNull();
  });

  it("an arriving datagram keeps where it was sent (the kind) and the interface it came in on", () => {
    const udp = socket({ type: "SOCK_DGRAM", state: "CLOSE", local: ["0.0.0.0", 9000], remote: null });
    const arrived = { seq: 10, t: 10, type: "data", fd: 5, dir: "in", len: 2, preview: "hi", src: ["127.0.0.1", 40000], dst: ["127.255.255.255", 9000] } as const;
    expect(toLogEntry({ ...arrived, cast: "broadcast", ifname: "lo" }, udp)).toMatchObject({ kind: "broadcast", dst: "127.255.255.255:9000", ifname: "lo" });
    // The portable engine cannot tell: a plain datagram, no interface.
    expect(toLogEntry(arrived, udp)).toMatchObject({ kind: "datagram", ifname: null });
  });

  it("a FIN row carries the connection's ends in the direction it travelled", () => {
    const entry = toLogEntry({ seq: 7, t: 7, type: "fin", fd: 5, dir: "in" }, socket({}));
    expect(entry).toMatchObject({ kind: "fin", dir: "in", src: "127.0.0.1:53112", dst: "127.0.0.1:9000", len: null });
  });

  it("a half-close as the kernel reports it is one row per Linux state, FIN_WAIT1 and FIN_WAIT2 apart", () => {
    const states = ["ESTABLISHED", "FIN_WAIT1", "FIN_WAIT2", "CLOSE"] as const;
    const rows = states.slice(1).map((state, i) => toLogEntry({ seq: 20 + i, t: 20 + i, type: "state", fd: 5, socket: socket({ state }) }, socket({ state: states[i] }))?.text);
    expect(rows).toEqual(["ESTABLISHED → FIN_WAIT1", "FIN_WAIT1 → FIN_WAIT2", "FIN_WAIT2 → CLOSE"]);
  });

  it("keeps state transitions, not every gauge update, and writes IPv6 addresses with brackets", () => {
    const v6 = socket({ family: "AF_INET6", local: ["::1", 80], remote: null, state: "LISTEN" });
    expect(toLogEntry({ seq: 8, t: 8, type: "state", fd: 5, socket: v6 }, v6)).toBeNull();
    expect(toLogEntry({ seq: 9, t: 9, type: "state", fd: 5, socket: v6 }, socket({ state: "CLOSE" }))).toMatchObject({
      kind: "state",
      src: "[::1]:80",
      text: "CLOSE → LISTEN",
    });
  });
});

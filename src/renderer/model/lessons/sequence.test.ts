import { describe, expect, it } from "vitest";
import type { Address, SocketSnapshot } from "../../../shared/socket-model";
import { buildSequence, closeNames, currentNames, type ChartEvent } from "./sequence";

let seq = 100;
const gauge = { used: 0, capacity: 65536 };
function snap(fd: number, type: SocketSnapshot["type"], local: Address | null, remote: Address | null, state: SocketSnapshot["state"] = "ESTABLISHED", ended: SocketSnapshot["ended"] = null): SocketSnapshot {
  return {
    fd, family: "AF_INET", type, state, local, remote, parent: null, auto: { accept: false, recv: false, echo: false, reply: null },
    shut: { rd: false, wr: false }, peerFin: false, ended, recvQueue: gauge, sendQueue: gauge, acceptQueue: gauge, revents: 0,
    timeout: null, blocked: null, idleClose: null, drops: 0, framing: null,
  kernel: null,
  };
}
const created = (s: SocketSnapshot): ChartEvent => ({ type: "created", seq: ++seq, t: seq, fd: s.fd, socket: s });
const state = (s: SocketSnapshot): ChartEvent => ({ type: "state", seq: ++seq, t: seq, fd: s.fd, socket: s });
const data = (fd: number, dir: "in" | "out", src: Address, dst: Address, preview: string, cast?: "unicast" | "broadcast"): ChartEvent => ({
  type: "data", seq: ++seq, t: seq, fd, dir, len: preview.length, preview, src, dst, ...(cast ? { cast } : {}),
});
const fin = (fd: number, dir: "in" | "out"): ChartEvent => ({ type: "fin", seq: ++seq, t: seq, fd, dir });

const SRV: Address = ["127.0.0.1", 9000];
const CLI: Address = ["127.0.0.1", 40000];

describe("the lesson's sequence chart", () => {
  it("draws TCP data as arrows between named sockets, FIN as an arrow, errors as marks", () => {
    const names = [
      { name: "srv", fd: 3, fromSeq: 100 },
      { name: "cli", fd: 4, fromSeq: 101 },
      { name: "conn", fd: 5, fromSeq: 102 },
    ];
    const events: ChartEvent[] = [
      created(snap(3, "SOCK_STREAM", SRV, null, "LISTEN")),
      created(snap(4, "SOCK_STREAM", CLI, SRV)),
      created(snap(5, "SOCK_STREAM", SRV, CLI)),
      data(4, "out", CLI, SRV, "req"),
      data(4, "out", CLI, SRV, "uest"),
      // The stream merged both sends into one arrival.
      data(5, "in", CLI, SRV, "request"),
      fin(4, "out"),
      fin(5, "in"),
      data(5, "out", SRV, CLI, "reply"),
      data(4, "in", SRV, CLI, "reply"),
      { type: "error", seq: ++seq, t: seq, fd: 4, op: "send", error: { type: "BrokenPipeError", errno: "EPIPE", message: "Broken pipe" } },
      state(snap(5, "SOCK_STREAM", SRV, CLI, "CLOSE", "reset")),
      // Another snapshot of the reset socket is no second RST.
      state(snap(5, "SOCK_STREAM", SRV, CLI, "CLOSE", "reset")),
    ];
    const chart = buildSequence(events, names);
    expect(chart.columns).toEqual(["srv", "cli", "conn"]);
    expect(chart.rows.map((r) => (r.kind === "data" ? `${r.from}→${r.to.join(",")} ${r.label}` : r.kind === "fin" ? `${r.from}→${r.to} FIN` : `${r.col} ${r.label} ${r.tone}`))).toEqual([
      "1→2 req",
      "1→2 uest",
      "1→2 FIN",
      "2→1 reply",
      "1 EPIPE error",
      "2 RST error",
    ]);
  });

  it("fans a broadcast out to every receiver that got a copy, and leaves unanswered sends pointing outside", () => {
    const names = [
      { name: "rx1", fd: 3, fromSeq: 100 },
      { name: "rx2", fd: 4, fromSeq: 100 },
      { name: "tx", fd: 6, fromSeq: 100 },
    ];
    const RX: Address = ["0.0.0.0", 5000];
    const TX: Address = ["0.0.0.0", 41000];
    const events: ChartEvent[] = [
      data(6, "out", TX, ["127.255.255.255", 5000], "Hi there!", "unicast"),
      data(3, "in", ["127.0.0.1", 41000], RX, "Hi there!"),
      data(4, "in", ["127.0.0.1", 41000], RX, "Hi there!"),
      data(3, "out", RX, ["127.0.0.1", 41000], "ACK", "unicast"),
      data(6, "in", ["127.0.0.1", 5000], TX, "ACK"),
      data(6, "out", TX, ["192.0.2.9", 7], "lost", "unicast"),
      data(4, "in", ["10.0.0.5", 999], RX, "stranger"),
    ];
    const chart = buildSequence(events, names);
    expect(chart.rows).toEqual([
      expect.objectContaining({ from: 2, to: [0, 1], label: "Hi there!" }),
      expect.objectContaining({ from: 0, to: [2], label: "ACK" }),
      expect.objectContaining({ from: 2, to: [], outside: "192.0.2.9:7" }),
      expect.objectContaining({ from: null, to: [1], outside: "10.0.0.5:999" }),
    ]);
  });

  it("follows a name only while its fd is open: a reused fd belongs to someone else", () => {
    const names = [{ name: "a", fd: 3, fromSeq: 100 }];
    const events: ChartEvent[] = [{ type: "closed", seq: ++seq, t: seq, fd: 3 }, fin(3, "out")];
    expect(buildSequence(events, names).rows).toEqual([expect.objectContaining({ kind: "mark", label: "close()" })]);
  });
});

describe("the lesson's names in the socket list", () => {
  it("gives an fd its lesson name until it is closed, and a reused fd its new name", () => {
    const names = [
      { name: "srv", fd: 3, fromSeq: 10 },
      { name: "cli", fd: 4, fromSeq: 11 },
      { name: "conn", fd: 3, fromSeq: 20 },
    ];
    expect([...currentNames(names)]).toEqual([
      [3, "conn"],
      [4, "cli"],
    ]);
    // fd 4 closed: "cli" is gone; fd 3 closed at 12, before "conn" took it: only "srv" ends.
    const closed = closeNames(names, [
      { fd: 4, seq: 15 },
      { fd: 3, seq: 12 },
    ]);
    expect(closed.map((n) => n.closedAt)).toEqual([12, 15, undefined]);
    expect([...currentNames(closed)]).toEqual([[3, "conn"]]);
    expect([...currentNames(closeNames(closed, [{ fd: 3, seq: 25 }]))]).toEqual([]);
  });
});

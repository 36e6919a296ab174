import { describe, expect, it } from "vitest";
import { buildSequence, type SequenceRow, type SequenceSocket } from "./sequence-model";

const C = "127.0.0.1:53112";
const S = "127.0.0.1:9000";
let seq = 0;
const row = (over: Partial<SequenceRow>): SequenceRow => ({ seq: ++seq, t: seq, fd: 4, kind: "data", dir: null, src: null, dst: null, len: null, text: "", ...over });
const describeItems = (rows: SequenceRow[], sockets: SequenceSocket[] = []) =>
  buildSequence(rows, sockets).items.map((item) => (item.type === "arrow" ? `${item.row.kind} ${item.from}→${item.to}` : `${item.row.kind} @${item.at}`));
const lifelines = (rows: SequenceRow[], sockets: SequenceSocket[] = []) => buildSequence(rows, sockets).columns.map((c) => (c.host === null ? `? ${c.endpoint}` : `${c.host} ${c.endpoint}`.trim()));

describe("sequence chart layout", () => {
  it("draws a TCP exchange between two Lab sockets once per message, with FIN and RST", () => {
    const rows = [
      row({ kind: "connect", fd: 4, src: C, dst: S }),
      row({ kind: "accept", fd: 5, src: S, dst: C }),
      row({ kind: "data", fd: 4, dir: "out", src: C, dst: S, len: 5 }),
      row({ kind: "data", fd: 5, dir: "in", src: C, dst: S, len: 5 }),
      row({ kind: "fin", fd: 4, dir: "out", src: C, dst: S }),
      row({ kind: "fin", fd: 5, dir: "in", src: C, dst: S }),
      row({ kind: "state", fd: 5, src: S, dst: C, text: "ESTABLISHED → CLOSE_WAIT" }),
      row({ kind: "close", fd: 4 }),
      row({ kind: "rst", fd: 5, dir: "in", src: C, dst: S, text: "wire: ConnectionResetError" }),
      row({ kind: "state", fd: 5, src: S, dst: C, text: "CLOSE_WAIT → CLOSE" }),
    ];
    expect(lifelines(rows)).toEqual([C, S]);
    expect(describeItems(rows)).toEqual(["connect 0→1", "accept @1", "data 0→1", "fin 0→1", "state @1", "close @0", "rst 0→1", "state @1"]);
  });

  it("draws bytes from a peer outside the Lab as they arrive", () => {
    const rows = [row({ kind: "data", fd: 5, dir: "in", src: "10.0.0.9:4000", dst: S, len: 3 })];
    expect(describeItems(rows)).toEqual(["data 0→1"]);
  });

  it("matches a datagram's receipt with its send, but shows who received a broadcast", () => {
    const A = "127.0.0.1:40000";
    const B = "127.0.0.1:5000";
    const rows = [
      row({ kind: "datagram", fd: 3, dir: "out", src: A, dst: B, len: 4 }),
      row({ kind: "datagram", fd: 4, dir: "in", src: A, dst: B, len: 4 }),
      row({ kind: "broadcast", fd: 3, dir: "out", src: A, dst: "255.255.255.255:5000", len: 2 }),
      row({ kind: "datagram", fd: 4, dir: "in", src: A, dst: B, len: 2 }),
    ];
    expect(describeItems(rows)).toEqual(["datagram 0→1", "broadcast 0→2", "datagram 0→1"]);
  });

  it("draws one lifeline per host and endpoint, and a broadcast from one host to the receivers on two others, once each", () => {
    const B = "127.0.0.1:40000";
    const BCAST = "127.255.255.255:47123";
    const R = "0.0.0.0:47123";
    // c's and d's receivers are bound to every interface: their address is in the socket tables, not in a row.
    const sockets: SequenceSocket[] = [
      { host: "c", fd: 3, local: R },
      { host: "d", fd: 3, local: R },
      { host: "b", fd: 3, local: B },
    ];
    const rows = [
      row({ host: "b", kind: "broadcast", fd: 3, dir: "out", src: B, dst: BCAST, len: 5, text: "hello" }),
      row({ host: "c", kind: "broadcast", fd: 3, dir: "in", src: B, dst: BCAST, len: 5, text: "hello" }),
      row({ host: "d", kind: "broadcast", fd: 3, dir: "in", src: B, dst: BCAST, len: 5, text: "hello" }),
      // c answers from its wildcard socket; b hears it from 127.0.0.1:47123: one arrow, c → b.
      row({ host: "c", kind: "datagram", fd: 3, dir: "out", src: R, dst: B, len: 3, text: "ACK" }),
      row({ host: "b", kind: "datagram", fd: 3, dir: "in", src: "127.0.0.1:47123", dst: B, len: 3, text: "ACK" }),
      // d's answer never came back to b: drawn once, as d sent it.
      row({ host: "d", kind: "datagram", fd: 3, dir: "out", src: R, dst: B, len: 3, text: "ACK" }),
      row({ host: "c", kind: "close", fd: 3 }),
    ];
    expect(lifelines(rows, sockets)).toEqual(["b 127.0.0.1:40000", `? ${BCAST}`, `c ${R}`, `d ${R}`]);
    expect(describeItems(rows, sockets)).toEqual(["broadcast 0→1", "broadcast 0→2", "broadcast 0→3", "datagram 2→0", "datagram 3→0", "close @2"]);
    // Once the sockets have closed (no table to ask), a receipt takes the address its socket's later send shows.
    expect(lifelines(rows)).toEqual(["b 127.0.0.1:40000", `? ${BCAST}`, `c ${R}`, `d ${R}`]);
    expect(describeItems(rows)).toEqual(["broadcast 0→1", "broadcast 0→2", "broadcast 0→3", "datagram 2→0", "datagram 3→0", "close @2"]);
    // On two hosts' clocks b's receipt of c's answer may come a millisecond before c's send: still one arrow.
    const early = [...rows];
    [early[3], early[4]] = [early[4]!, early[3]!];
    expect(describeItems(early, sockets)).toEqual(["broadcast 0→1", "broadcast 0→2", "broadcast 0→3", "datagram 2→0", "datagram 3→0", "close @2"]);
  });

  it("pairs the two ends of a TCP connection between hosts: the send is drawn, the receipt is not", () => {
    const C2 = "10.0.0.2:53112";
    const S3 = "10.0.0.3:9000";
    const rows = [
      row({ host: "c", kind: "state", fd: 3, src: "0.0.0.0:9000", text: "CLOSE → LISTEN" }),
      row({ host: "b", kind: "connect", fd: 4, src: C2, dst: S3 }),
      row({ host: "c", kind: "accept", fd: 5, src: S3, dst: C2 }),
      row({ host: "b", kind: "data", fd: 4, dir: "out", src: C2, dst: S3, len: 5 }),
      row({ host: "c", kind: "data", fd: 5, dir: "in", src: C2, dst: S3, len: 5 }),
      row({ host: "c", kind: "data", fd: 5, dir: "out", src: S3, dst: C2, len: 2 }),
      row({ host: "b", kind: "data", fd: 4, dir: "in", src: S3, dst: C2, len: 2 }),
      // A peer no host on the chart owns keeps a lifeline of its own.
      row({ host: "b", kind: "data", fd: 6, dir: "in", src: "10.0.0.9:4000", dst: "10.0.0.2:7000", len: 1 }),
    ];
    expect(lifelines(rows)).toEqual(["c 0.0.0.0:9000", "b 10.0.0.2:53112", "c 10.0.0.3:9000", "? 10.0.0.9:4000", "b 10.0.0.2:7000"]);
    expect(describeItems(rows)).toEqual(["state @0", "connect 1→2", "accept @2", "data 1→2", "data 2→1", "data 3→4"]);
  });
});

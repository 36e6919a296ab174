import { describe, expect, it } from "vitest";
import { buildSequence, type SequenceRow } from "./sequence-model";

const C = "127.0.0.1:53112";
const S = "127.0.0.1:9000";
let seq = 0;
const row = (over: Partial<SequenceRow>): SequenceRow => ({ seq: ++seq, t: seq, fd: 4, kind: "data", dir: null, src: null, dst: null, len: null, text: "", ...over });
const describeItems = (rows: SequenceRow[], hints: string[] = []) =>
  buildSequence(rows, hints).items.map((item) => (item.type === "arrow" ? `${item.row.kind} ${item.from}→${item.to}` : `${item.row.kind} @${item.at}`));

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
    expect(buildSequence(rows).columns).toEqual([C, S]);
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
});

import { describe, expect, it } from "vitest";
import type { HostLogRow } from "../../../shared/hosts";
import { conversation, hostConnections, type StreamItem } from "./streams";

const C = "127.0.0.1:53112";
const S = "127.0.0.1:9000";
let i = 0;
const row = (over: Partial<HostLogRow> & Pick<HostLogRow, "host" | "fd" | "kind">): HostLogRow => ({
  i: ++i,
  t: i * 1000,
  hostT: i * 1000,
  uncertainty: 300,
  seq: i,
  dir: null,
  src: null,
  dst: null,
  len: null,
  text: "",
  span: null,
  ifname: null,
  ...over,
});
const say = (items: StreamItem[]) =>
  items.map((item) => {
    const at = item.type === "sent" ? item.from : item.at;
    const head = `${item.type} ${at.host}:${at.fd} ${item.row.kind}${item.row.len === null ? "" : ` ${item.row.len}`}`;
    return item.type === "sent" ? `${head} → ${item.to ? `${item.to.host}:${item.to.fd}` : "?"} heard #${item.heard?.seq ?? "-"}` : head;
  });

describe("a TCP connection between two paired hosts", () => {
  // b's client (fd 4) talks to c's accepted socket (fd 5); c's two sends arrive in one recv on b.
  const rows = [
    row({ host: "b", fd: 4, kind: "connect", src: C, dst: S, text: "SYN_SENT → ESTABLISHED" }),
    row({ host: "c", fd: 5, kind: "accept", src: S, dst: C }),
    row({ host: "b", fd: 4, kind: "data", dir: "out", src: C, dst: S, len: 5, text: "hello" }), // 3
    row({ host: "c", fd: 5, kind: "data", dir: "in", src: C, dst: S, len: 5, text: "hello" }), // 4
    row({ host: "c", fd: 5, kind: "data", dir: "out", src: S, dst: C, len: 2, text: "he" }), // 5
    row({ host: "c", fd: 5, kind: "data", dir: "out", src: S, dst: C, len: 3, text: "llo" }), // 6
    row({ host: "b", fd: 4, kind: "data", dir: "in", src: S, dst: C, len: 5, text: "hello" }), // 7
    row({ host: "b", fd: 4, kind: "fin", dir: "out", src: C, dst: S }), // 8
    row({ host: "c", fd: 5, kind: "fin", dir: "in", src: C, dst: S }), // 9
    row({ host: "c", fd: 5, kind: "rst", dir: "in", src: C, dst: S, text: "wire" }),
    row({ host: "b", fd: 4, kind: "rst", dir: "out", src: C, dst: S, text: "wire" }),
    // Another connection on b, to a peer that is not paired.
    row({ host: "b", fd: 6, kind: "data", dir: "in", src: "10.0.0.9:80", dst: "10.0.0.2:41000", len: 4, text: "HTTP" }),
  ];

  it("lists each connection once, with both ends when both hosts are paired (the connecting end first), newest first", () => {
    const found = hostConnections(rows);
    expect(found.map((c) => c.ends.map((e) => `${e.host}:${e.fd} ${e.local}`))).toEqual([["b:6 10.0.0.2:41000"], [`b:4 ${C}`, `c:5 ${S}`]]);
    // On two hosts' clocks the accept may come first: b still connected to c.
    const acceptFirst = [rows[1]!, rows[0]!, ...rows.slice(2)];
    expect(hostConnections(acceptFirst)[1]!.ends.map((e) => e.host)).toEqual(["b", "c"]);
  });

  it("pairs each send with the receipt that brought its last byte, and the FIN with its receipt; one mark for the reset both ends saw", () => {
    const both = hostConnections(rows)[1]!;
    expect(say(conversation(rows, both))).toEqual([
      "mark b:4 connect",
      "mark c:5 accept",
      "sent b:4 data 5 → c:5 heard #4",
      "sent c:5 data 2 → b:4 heard #7",
      "sent c:5 data 3 → b:4 heard #7",
      "sent b:4 fin → c:5 heard #9",
      "mark c:5 rst",
    ]);
  });

  it("shows what arrived from a peer outside as received, and a send nobody heard yet as such", () => {
    const outside = hostConnections(rows)[0]!;
    expect(say(conversation(rows, outside))).toEqual(["received b:6 data 4"]);
    const cut = rows.slice(0, 5);
    expect(say(conversation(cut, hostConnections(cut)[0]!)).at(-1)).toBe("sent c:5 data 2 → b:4 heard #-");
  });
});

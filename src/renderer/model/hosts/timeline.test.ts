import { describe, expect, it } from "vitest";
import type { HostLogRow, HostStatus } from "../../../shared/hosts";
import { signedMs } from "../../../shared/hosts";
import { appendRows, PAGE_ROWS, suggestedName, uncertaintyMs, upsertHost } from "./timeline";

const row = (i: number): HostLogRow => ({ i, host: "b", t: i, hostT: i, uncertainty: 0, seq: i, fd: 3, kind: "datagram", dir: "in", src: null, dst: null, len: 1, text: "x", span: null, ifname: null });
const host = (name: string, events = 0): HostStatus => ({
  name,
  agent: name,
  address: "127.0.0.1:5748",
  fingerprint: "0".repeat(64),
  state: "connected",
  lostBecause: null,
  attempts: 0,
  since: 0,
  pairedWithCode: null,
  clock: null,
  events,
  missed: 0,
  restarts: 0,
  sockets: [],
  interfaces: null,
  udp: null,
});

describe("the Hosts view's model", () => {
  it("keeps the newest PAGE_ROWS rows and says how many fell off the front", () => {
    const first = appendRows([], Array.from({ length: PAGE_ROWS - 2 }, (_, i) => row(i)));
    expect(first.trimmed).toBe(0);
    const second = appendRows(first.rows, [row(PAGE_ROWS - 2), row(PAGE_ROWS - 1), row(PAGE_ROWS), row(PAGE_ROWS + 1)]);
    expect(second.trimmed).toBe(2);
    expect(second.rows).toHaveLength(PAGE_ROWS);
    expect(second.rows[0]!.i).toBe(2);
    expect(second.rows.at(-1)!.i).toBe(PAGE_ROWS + 1);
    expect(appendRows(second.rows, []).rows).toBe(second.rows);
  });

  it("replaces a host by its newer status in place, or adds it at the end", () => {
    const hosts = upsertHost(upsertHost([], host("b")), host("c"));
    expect(upsertHost(hosts, host("b", 5)).map((h) => [h.name, h.events])).toEqual([
      ["b", 5],
      ["c", 0],
    ]);
  });

  it("suggests the first free letter after a for the next host's name", () => {
    expect(suggestedName([])).toBe("b");
    expect(suggestedName([host("b"), host("d")])).toBe("c");
  });

  it("prints an offset as the CLI does and an uncertainty to what is worth reading", () => {
    expect(signedMs(1_493_950)).toBe("+1493.950");
    expect(signedMs(-2_500)).toBe("−2.500");
    expect(uncertaintyMs(1_325)).toBe("1.3");
    expect(uncertaintyMs(12_100)).toBe("13");
  });
});

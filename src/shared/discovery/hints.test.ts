import { describe, expect, it } from "vitest";
import { silenceHints } from "./hints";
import { addSighting, EMPTY_ROLL_CALL } from "./roll-call";
import { EMPTY_FACTS, type Sighting } from "./types";

const answer = (protocol: Sighting["protocol"], kind: Sighting["kind"]): Sighting => ({
  protocol,
  kind,
  at: 1,
  src: ["10.0.0.7", 1],
  dst: null,
  cast: null,
  ifname: null,
  rttMs: null,
  facts: EMPTY_FACTS,
  summary: "",
  detail: { format: "bytes", hex: "" },
});

describe("what to check when nobody answered", () => {
  it("one sentence per probed protocol without an answer; an announcement or a query is not an answer", () => {
    let rc = addSighting(EMPTY_ROLL_CALL, answer("mdns", "response"));
    rc = addSighting(rc, answer("ssdp", "announcement"));
    rc = addSighting(rc, answer("wsd", "query"));
    const hints = silenceHints(["mdns", "ssdp", "wsd"], rc);
    expect(hints.map((h) => h.split(":")[0])).toEqual(["ssdp", "wsd"]);
    expect(hints[1]).toMatch(/^wsd: no device answered; check .*TTL 1/);
    expect(silenceHints(["mdns"], rc)).toEqual([]);
  });
});
